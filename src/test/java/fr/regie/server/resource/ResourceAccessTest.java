package fr.regie.server.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.server.http.MediaFormat;

/**
 * {@code /id/*}, {@code /context.jsonld} and {@code /ontology} over real HTTP on the access
 * server.fixture(): who sees what, content negotiation, suffixes, errors, validators and 304, HEAD, and
 * JSON-LD that means the same triples as Turtle and as the store.
 */
class ResourceAccessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ST1 = "/id/stations/1";
    static final String SECRET = "/id/secret/1";

    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new ResourceFeature()));

    /** The triples the store holds about a subject in one graph, read directly. */
    static Graph stored(String graph, String path) {
        Graph g = GraphFactory.createDefaultGraph();
        var dsg = server.fixture().store().dataset();
        Node s = NodeFactory.createURI(AccessFixture.BASE + path.substring(1));
        Txn.executeRead(dsg, () -> dsg.find(NodeFactory.createURI(AccessFixture.BASE + "graph/" + graph), s, Node.ANY, Node.ANY)
                .forEachRemaining(q -> g.add(q.asTriple())));
        return g;
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).parse(g);
        return g;
    }

    /** JSON-LD with its "@context" URL replaced by the context the server publishes, parsed by Jena. */
    static Graph parseJsonLd(String body) throws Exception {
        HttpResponse<String> ctx = server.get("/context.jsonld");
        ObjectNode doc = (ObjectNode) JSON.readTree(body);
        assertEquals(server.base() + "/context.jsonld", doc.get("@context").asText(), "the context is referenced, not inlined");
        doc.set("@context", JSON.readTree(ctx.body()).get("@context"));
        return parse(JSON.writeValueAsString(doc), Lang.JSONLD);
    }

    static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void anonymousSeesPublicResourcesOnly() throws Exception {
        HttpResponse<String> st = server.get(ST1, "Accept", "text/turtle");
        assertEquals(200, st.statusCode(), st.body());
        assertTrue(stored("stations", ST1).isIsomorphicWith(parse(st.body(), Lang.TURTLE)), st.body());
        for (String path : List.of(SECRET, "/id/shared/1")) {
            HttpResponse<String> r = server.get(path);
            assertEquals(404, r.statusCode(), path + " " + r.body());
            assertTrue(type(r).startsWith("application/problem+json"));
            assertFalse(r.body().contains("Secret") || r.body().contains("Partagé"), r.body());
        }
    }

    @Test
    void partnersSeeWhatTheirAccessAllows() throws Exception {
        assertEquals(404, server.get(SECRET, "X-API-Key", "k-sncf").statusCode(), "restricted to velib");
        assertEquals(200, server.get("/id/shared/1", "X-API-Key", "k-sncf").statusCode());
        HttpResponse<String> velib = server.get(SECRET + ".nt", "X-API-Key", "k-velib");
        assertEquals(200, velib.statusCode(), velib.body());
        assertTrue(stored("secret", SECRET).isIsomorphicWith(parse(velib.body(), Lang.NTRIPLES)));
        HttpResponse<String> admin = server.get(SECRET + ".ttl", "Authorization", "Bearer k-admin");
        assertEquals(200, admin.statusCode());
        assertTrue(stored("secret", SECRET).isIsomorphicWith(parse(admin.body(), Lang.TURTLE)));
        assertEquals(401, server.get(ST1, "X-API-Key", "nobody").statusCode());
    }

    @Test
    void onlyVisibleGraphsContributeTriples() throws Exception {
        var dsg = server.fixture().store().dataset();
        Quad extra = Quad.create(NodeFactory.createURI(AccessFixture.BASE + "graph/secret"),
                NodeFactory.createURI(AccessFixture.BASE + "id/stations/1"), NodeFactory.createURI("https://schema.org/description"),
                NodeFactory.createLiteralString("confidential note"));
        try {
            Txn.executeWrite(dsg, () -> dsg.add(extra));
            HttpResponse<String> anon = server.get(ST1 + ".nt");
            assertTrue(stored("stations", ST1).isIsomorphicWith(parse(anon.body(), Lang.NTRIPLES)), anon.body());
            assertTrue(anon.headers().firstValue("Cache-Control").orElseThrow().startsWith("public"));
            HttpResponse<String> other = server.get(ST1 + ".nt", "X-API-Key", "k-sncf");
            assertTrue(stored("stations", ST1).isIsomorphicWith(parse(other.body(), Lang.NTRIPLES)), "not velib's: " + other.body());
            HttpResponse<String> owner = server.get(ST1 + ".nt", "X-API-Key", "k-velib");
            Graph both = stored("stations", ST1);
            both.add(extra.asTriple());
            assertTrue(both.isIsomorphicWith(parse(owner.body(), Lang.NTRIPLES)), owner.body());
            assertTrue(owner.headers().firstValue("Cache-Control").orElseThrow().startsWith("private"), "a restricted dataset contributed");
            assertNotEquals(anon.headers().firstValue("ETag"), owner.headers().firstValue("ETag"));
        } finally {
            Txn.executeWrite(dsg, () -> dsg.delete(extra));
        }
    }

    @Test
    void cacheControlFollowsTheAccessLevel() throws Exception {
        assertEquals("public, max-age=60", server.get(ST1).headers().firstValue("Cache-Control").orElseThrow());
        String priv = server.get(SECRET, "X-API-Key", "k-velib").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(priv.startsWith("private"), priv);
    }

    @Test
    void contentNegotiationWithQualityValues() throws Exception {
        Map<String, String> expected = Map.of(
                "", "application/ld+json",
                "*/*", "application/ld+json",
                "text/turtle", "text/turtle",
                "application/n-triples;q=0.9, text/turtle;q=0.5", "application/n-triples",
                "text/turtle;q=0.1, application/rdf+xml", "application/rdf+xml",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html",
                "*/*;q=0.5, application/ld+json;q=0", "text/turtle",
                "text/*", "text/turtle");
        for (var e : expected.entrySet()) {
            HttpResponse<String> r = e.getKey().isEmpty() ? server.get(ST1) : server.get(ST1, "Accept", e.getKey());
            assertEquals(200, r.statusCode(), e.getKey());
            assertTrue(type(r).startsWith(e.getValue()), e.getKey() + " gave " + type(r));
            assertTrue(r.headers().firstValue("Vary").orElse("").startsWith("Accept"), r.headers().firstValue("Vary").orElse(""));
        }
    }

    @Test
    void notAcceptableListsTheOfferedTypes() throws Exception {
        HttpResponse<String> r = server.get(ST1, "Accept", "image/png, application/json;q=0.5");
        assertEquals(406, r.statusCode());
        assertTrue(type(r).startsWith("application/problem+json"));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(406, p.get("status").asInt());
        for (MediaFormat f : ResourceServlet.OFFERED) {
            assertTrue(p.get("detail").asText().contains(f.mediaType()), p.toString());
        }
    }

    @Test
    void eachSuffixAsksForItsFormatWhateverTheAcceptHeader() throws Exception {
        Graph expected = stored("stations", ST1);
        for (MediaFormat f : ResourceServlet.OFFERED) {
            HttpResponse<String> r = server.get(ST1 + f.suffix(), "Accept", "image/png");
            if (f == MediaFormat.GEOJSON) {
                assertEquals(404, r.statusCode(), "the fixture's stations have no geometry: " + r.body());
                continue;
            }
            assertEquals(200, r.statusCode(), f + " " + r.body());
            assertTrue(type(r).startsWith(f.mediaType()), type(r));
            switch (f) {
                case JSONLD -> assertTrue(expected.isIsomorphicWith(parseJsonLd(r.body())), r.body());
                case TURTLE -> assertTrue(expected.isIsomorphicWith(parse(r.body(), Lang.TURTLE)));
                case NTRIPLES -> assertTrue(expected.isIsomorphicWith(parse(r.body(), Lang.NTRIPLES)));
                case RDFXML -> assertTrue(expected.isIsomorphicWith(parse(r.body(), Lang.RDFXML)));
                case HTML -> assertTrue(r.body().contains("<title>Gare · "), r.body());
                default -> throw new AssertionError(f);
            }
        }
    }

    @Test
    void jsonLdUsesTheContextsTermsAndMeansWhatTurtleMeans() throws Exception {
        HttpResponse<String> json = server.get(ST1, "Accept", "application/ld+json");
        JsonNode doc = JSON.readTree(json.body());
        assertEquals(AccessFixture.BASE + "id/stations/1", doc.get("id").asText());
        assertEquals("Facility", doc.get("type").asText());
        assertEquals("Gare", doc.get("name").asText());
        assertTrue(doc.has("communeCode") && doc.has("commune"), doc.toString());
        assertEquals(AccessFixture.BASE + "id/commune/93066", doc.get("commune").asText(), "coerced to @id by the context");
        Graph turtle = parse(server.get(ST1, "Accept", "text/turtle").body(), Lang.TURTLE);
        assertTrue(turtle.isIsomorphicWith(parseJsonLd(json.body())));
        HttpResponse<String> commune = server.get("/id/commune/93066.jsonld");
        JsonNode c = JSON.readTree(commune.body());
        assertEquals("93066", c.get("code").asText());
        assertEquals("fr", c.get("label").get("@language").asText());
        assertTrue(parse(server.get("/id/commune/93066.ttl").body(), Lang.TURTLE).isIsomorphicWith(parseJsonLd(commune.body())));
    }

    @Test
    void unknownIrisAre404() throws Exception {
        for (String path : List.of("/id/stations/999", "/id/", "/id/stations/1/extra.ttl", "/id/%C3%A9t%C3%A9")) {
            HttpResponse<String> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(JSON.readTree(r.body()).get("detail").asText().startsWith("no resource"), r.body());
        }
    }

    @Test
    void etagAndLastModifiedGive304() throws Exception {
        HttpResponse<String> first = server.get(ST1, "Accept", "text/turtle");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = server.get(ST1, "Accept", "text/turtle", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, server.get(ST1 + ".ttl", "If-None-Match", "\"other\", " + etag).statusCode(), "the suffix names the same representation");
        assertEquals(200, server.get(ST1, "Accept", "text/turtle", "If-None-Match", "\"other\"").statusCode());
        String jsonTag = server.get(ST1).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, jsonTag, "the ETag depends on the format");
        assertEquals(200, server.get(ST1, "If-None-Match", etag).statusCode());
        assertEquals(304, server.get(ST1, "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, server.get(ST1, "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode());
        assertEquals(200, server.get(ST1, "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode(),
                "If-None-Match takes precedence");
    }

    @Test
    void etagFollowsTheDatasetVersion() throws Exception {
        String etag = server.get(ST1).headers().firstValue("ETag").orElseThrow();
        var dsg = server.fixture().store().dataset();
        Node meta = NodeFactory.createURI(AccessFixture.BASE + "graph/meta/stations");
        Node ds = NodeFactory.createURI(AccessFixture.BASE + "id/dataset/stations");
        Node version = NodeFactory.createURI("https://w3id.org/regie#version");
        Quad old = Txn.calculateRead(dsg, () -> dsg.find(meta, ds, version, Node.ANY).next());
        Quad bumped = Quad.create(meta, ds, version, NodeFactory.createLiteralDT(
                Long.toString(Long.parseLong(old.getObject().getLiteralLexicalForm()) + 1), old.getObject().getLiteralDatatype()));
        try {
            Txn.executeWrite(dsg, () -> {
                dsg.delete(old);
                dsg.add(bumped);
            });
            assertNotEquals(etag, server.get(ST1).headers().firstValue("ETag").orElseThrow());
            assertEquals(200, server.get(ST1, "If-None-Match", etag).statusCode());
        } finally {
            Txn.executeWrite(dsg, () -> {
                dsg.delete(bumped);
                dsg.add(old);
            });
        }
        assertEquals(etag, server.get(ST1).headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() throws Exception {
        HttpResponse<String> get = server.get(ST1, "Accept", "text/turtle");
        HttpResponse<String> head = server.client().send(HttpRequest.newBuilder(URI.create(server.base() + ST1))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", "text/turtle").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        for (String h : List.of("ETag", "Content-Type", "Last-Modified", "Content-Length")) {
            assertEquals(get.headers().firstValue(h), head.headers().firstValue(h), h);
        }
        HttpResponse<String> missing = server.client().send(HttpRequest.newBuilder(URI.create(server.base() + SECRET))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void contextAndOntology() throws Exception {
        HttpResponse<String> ctx = server.get("/context.jsonld", "Accept", "application/json");
        assertEquals(200, ctx.statusCode());
        assertTrue(type(ctx).startsWith("application/ld+json"));
        assertTrue(ctx.headers().firstValue("Cache-Control").orElse("").startsWith("public"));
        assertEquals(java.nio.file.Files.readString(Path.of("ontology/context.jsonld")), ctx.body());
        assertEquals(304, server.get("/context.jsonld", "If-None-Match", ctx.headers().firstValue("ETag").orElseThrow()).statusCode());

        Graph ontology = GraphFactory.createDefaultGraph();
        RDFParser.source(Path.of("ontology/regie.ttl")).parse(ontology);
        assertTrue(ontology.isIsomorphicWith(parse(server.get("/ontology", "Accept", "text/turtle").body(), Lang.TURTLE)));
        assertTrue(ontology.isIsomorphicWith(parse(server.get("/ontology", "Accept", "application/rdf+xml").body(), Lang.RDFXML)));
        assertTrue(ontology.isIsomorphicWith(parseJsonLd(server.get("/ontology").body())));
        assertEquals(406, server.get("/ontology", "Accept", "text/csv").statusCode());
    }
}
