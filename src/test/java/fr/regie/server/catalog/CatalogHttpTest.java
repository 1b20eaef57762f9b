package fr.regie.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.AccessFixture;
import fr.regie.server.ServerSettings;
import fr.regie.testing.TestServer;

/**
 * {@code /catalog} and the service description on {@code GET /sparql} over real HTTP: content
 * negotiation with q-values and 406, ETags and 304, what each caller sees, URLs on this server,
 * and SPARQL queries still answered by the endpoint.
 */
class CatalogHttpTest {
    @TempDir
    static Path dir;
    static AccessFixture fixture;
    static TestServer server;

    static final String[] ANONYMOUS = {};
    static final String[] SNCF = {"X-API-Key", "k-sncf"};
    static final String[] VELIB = {"X-API-Key", "k-velib"};
    static final String[] ADMIN = {"Authorization", "Bearer k-admin"};

    @BeforeAll
    static void start() throws Exception {
        fixture = AccessFixture.create(dir);
        server = TestServer.start(fixture.context(ServerSettings.defaults(0)), List.of(new CatalogFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static String[] with(String[] caller, String... more) {
        List<String> h = new ArrayList<>(List.of(caller));
        h.addAll(List.of(more));
        return h.toArray(String[]::new);
    }

    static Model parse(HttpResponse<String> r) {
        Lang lang = org.apache.jena.riot.RDFLanguages.contentTypeToLang(r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.body())).lang(lang).base("http://base.invalid/").parse(m);
        return m;
    }

    static Set<String> values(Model m, String select) {
        Set<String> out = new TreeSet<>();
        try (QueryExecution qe = QueryExecution.create(CatalogQueries.PREFIXES + select, m)) {
            qe.execSelect().forEachRemaining(s -> {
                var x = s.get("x");
                out.add(x.isLiteral() ? x.asLiteral().getLexicalForm() : x.toString());
            });
        }
        return out;
    }

    static Set<String> datasets(String... caller) throws Exception {
        HttpResponse<String> r = server.get("/catalog", caller);
        assertEquals(200, r.statusCode(), r.body());
        return values(parse(r), "SELECT ?x { ?c a dcat:Catalog ; dcat:dataset ?d . ?d dct:identifier ?x }");
    }

    @Test
    void eachCallerSeesTheDatasetsItMaySee() throws Exception {
        assertEquals(Set.of("stations", "territory"), datasets(ANONYMOUS));
        assertEquals(Set.of("shared", "stations", "territory"), datasets(SNCF));
        assertEquals(Set.of("secret", "shared", "stations", "territory"), datasets(VELIB));
        assertEquals(Set.of("secret", "shared", "stations", "territory"), datasets(ADMIN));
        String anonymous = server.get("/catalog", "Accept", "application/n-triples").body();
        assertFalse(anonymous.contains("secret") || anonymous.contains("shared"), "no trace of hidden datasets, VoID included");
        assertEquals(401, server.get("/catalog", "X-API-Key", "nobody").statusCode());
    }

    @Test
    void turtleByDefaultOtherSyntaxesByAcceptWithQValues() throws Exception {
        String[][] cases = {
                {null, "text/turtle"},
                {"*/*", "text/turtle"},
                {"application/ld+json", "application/ld+json"},
                {"application/rdf+xml", "application/rdf+xml"},
                {"application/n-triples", "application/n-triples"},
                {"text/turtle;q=0.5, application/rdf+xml;q=0.9", "application/rdf+xml"},
                {"application/*;q=0.8, text/turtle;q=0.2", "application/ld+json"},
                {"text/turtle;q=0, */*;q=0.1", "application/ld+json"},
                {"text/html, application/xhtml+xml;q=0.9, */*;q=0.8", "text/turtle"},
        };
        Set<String> bodies = new TreeSet<>();
        for (String[] c : cases) {
            HttpResponse<String> r = c[0] == null ? server.get("/catalog") : server.get("/catalog", "Accept", c[0]);
            assertEquals(200, r.statusCode(), c[0] + ": " + r.body());
            assertEquals(c[1], r.headers().firstValue("Content-Type").orElseThrow().split(";")[0], String.valueOf(c[0]));
            Model m = parse(r);
            bodies.add(values(m, "SELECT ?x { ?d a dcat:Dataset ; dct:identifier ?x }").toString());
            String vary = String.join(",", r.headers().allValues("Vary"));
            assertTrue(vary.contains("Accept") && vary.contains("X-API-Key") && vary.contains("Authorization"), vary);
        }
        assertEquals(1, bodies.size(), "every syntax carries the same datasets");
    }

    @Test
    void unacceptableMediaTypeIs406ProblemJson() throws Exception {
        for (String accept : new String[] {"text/html", "application/json", "text/turtle;q=0"}) {
            HttpResponse<String> r = server.get("/catalog", "Accept", accept);
            assertEquals(406, r.statusCode(), accept);
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
            assertTrue(r.body().contains("text/turtle") && r.body().contains(accept), r.body());
        }
    }

    @Test
    void aSuffixNamesTheSyntaxWhateverTheAcceptHeader() throws Exception {
        String[][] cases = {{".ttl", "text/turtle"}, {".rdf", "application/rdf+xml"}, {".jsonld", "application/ld+json"},
                {".nt", "application/n-triples"}};
        for (String[] c : cases) {
            HttpResponse<String> r = server.get("/catalog" + c[0], "Accept", "text/html");
            assertEquals(200, r.statusCode(), c[0]);
            assertEquals(c[1], r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
            assertEquals(Set.of("stations", "territory"), values(parse(r), "SELECT ?x { ?d a dcat:Dataset ; dct:identifier ?x }"));
        }
    }

    @Test
    void headAnswersWithTheContentTypeAsHarvestersAskIt() throws Exception {
        HttpResponse<String> r = server.client().send(HttpRequest.newBuilder(URI.create(server.base() + "/catalog"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", "*/*").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("text/turtle", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertEquals("", r.body());
    }

    @Test
    void etagChangesWithTheRepresentationAndTheCallerAndGives304() throws Exception {
        HttpResponse<String> first = server.get("/catalog");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(etag, server.get("/catalog").headers().firstValue("ETag").orElseThrow(), "stable while no dataset changes");
        HttpResponse<String> again = server.get("/catalog", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(200, server.get("/catalog", "If-None-Match", "\"other\"").statusCode());
        assertNotEquals(etag, server.get("/catalog", "Accept", "application/rdf+xml").headers().firstValue("ETag").orElseThrow());
        assertNotEquals(etag, server.get("/catalog", VELIB).headers().firstValue("ETag").orElseThrow());
        assertEquals(200, server.get("/catalog", with(VELIB, "If-None-Match", etag)).statusCode(),
                "an anonymous ETag does not validate velib's catalog");
    }

    @Test
    void everyUrlPointsAtThisServer() throws Exception {
        Model m = parse(server.get("/catalog", ADMIN));
        Set<String> urls = values(m, """
                SELECT ?x { { ?d dcat:accessURL ?x } UNION { ?d dcat:downloadURL ?x } UNION { ?d dcat:endpointURL ?x }
                  UNION { ?d dcat:endpointDescription ?x } UNION { ?d void:sparqlEndpoint ?x } UNION { ?d void:dataDump ?x } }""");
        Set<String> expected = new TreeSet<>(Set.of(server.base() + "/sparql"));
        for (String id : List.of("territory", "stations", "shared", "secret")) {
            expected.add(server.base() + "/datasets/" + id + "/dump.nq.gz");
            expected.add(server.base() + "/datasets/" + id + "/changes");
            expected.add(server.base() + "/datasets/" + id + "/ldes");
        }
        assertEquals(expected, urls);
        // Node IRIs stay under the territory's base, whatever host the catalog was asked from.
        assertEquals(Set.of(AccessFixture.BASE + "catalog"), values(m, "SELECT ?x { ?x a dcat:Catalog }"));
        assertEquals(Set.of(AccessFixture.BASE + "id/dataset/secret"), values(m, "SELECT ?x { ?x dct:identifier \"secret\" }"));
    }

    @Test
    void voidFiguresServedEqualSparqlCounts() throws Exception {
        Model m = parse(server.get("/catalog", ADMIN));
        for (String id : List.of("territory", "stations", "shared", "secret")) {
            CatalogQueries.assertVoidMatches(fixture.store(), AccessFixture.BASE, id, m);
        }
    }

    static Set<String> namedGraphs(String... caller) throws Exception {
        HttpResponse<String> r = server.get("/sparql", caller);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/turtle", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        Model m = parse(r);
        assertEquals(Set.of(server.base() + "/sparql"), values(m, "SELECT ?x { ?s a sd:Service ; sd:endpoint ?x ; "
                + "sd:supportedLanguage sd:SPARQL11Query ; sd:feature sd:UnionDefaultGraph }"));
        assertTrue(values(m, "SELECT ?x { ?s sd:resultFormat ?x }").containsAll(Set.of(
                "http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/SPARQL_Results_XML",
                "http://www.w3.org/ns/formats/SPARQL_Results_CSV", "http://www.w3.org/ns/formats/SPARQL_Results_TSV")));
        return values(m, "SELECT ?x { ?s sd:defaultDataset/sd:namedGraph/sd:name ?x }");
    }

    static Set<String> graphsOf(String... ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            out.add(AccessFixture.BASE + "graph/" + id);
            out.add(AccessFixture.BASE + "graph/meta/" + id);
        }
        return out;
    }

    @Test
    void getSparqlWithoutQueryDescribesTheServiceAndItsVisibleGraphs() throws Exception {
        assertEquals(graphsOf("territory", "stations"), namedGraphs(ANONYMOUS));
        assertEquals(graphsOf("territory", "stations", "shared"), namedGraphs(SNCF));
        assertEquals(graphsOf("territory", "stations", "shared", "secret"), namedGraphs(VELIB));
        HttpResponse<String> xml = server.get("/sparql", "Accept", "application/rdf+xml");
        assertEquals("application/rdf+xml", xml.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertEquals(406, server.get("/sparql", "Accept", "text/html").statusCode());
        HttpResponse<String> head = server.client().send(HttpRequest.newBuilder(URI.create(server.base() + "/sparql"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("text/turtle", head.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
    }

    @Test
    void queriesStillReachTheEndpoint() throws Exception {
        String q = URLEncoder.encode("SELECT (COUNT(*) AS ?n) { GRAPH <" + AccessFixture.BASE + "graph/stations> { ?s ?p ?o } }",
                StandardCharsets.UTF_8);
        long expected = fixture.store().size(org.apache.jena.graph.NodeFactory.createURI(AccessFixture.BASE + "graph/stations"));
        HttpResponse<String> get = server.get("/sparql?query=" + q, "Accept", "text/csv");
        assertEquals(200, get.statusCode(), get.body());
        assertEquals("n\n" + expected + "\n", get.body().replace("\r", ""));
        HttpResponse<String> post = server.post("/sparql", "application/x-www-form-urlencoded", "query=" + q, "Accept", "text/csv");
        assertEquals(200, post.statusCode(), post.body());
        assertEquals("n\n" + expected + "\n", post.body().replace("\r", ""));
        assertEquals(400, server.get("/sparql?query=" + URLEncoder.encode("SELECT nonsense", StandardCharsets.UTF_8)).statusCode());
    }
}
