package fr.regie.server.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestServer;

/**
 * A resource whose properties come from a partner vocabulary, on the real server: JSON-LD shows
 * the short keys of the merged context ({@code seatCount}, with its datatype coerced), HTML shows
 * the vocabulary's labels in the page's language, {@code /ontology} and {@code /context.jsonld}
 * hold the partner's terms; a clash with a key of Régie's context gets {@code prefix:local}.
 */
class PartnerVocabularyServedTest {
    static final String BASE = "https://t.example/";
    static final String CINE = "https://w3id.org/regie/partner/cine#";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ServerContext context() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/schema.sql"), "CREATE TABLE t (id INTEGER);");
        Files.writeString(dir.resolve("m.ttl"), "# a mapping");
        // "name" is a key of Régie's context: the partner's cine:name must come out as cine:name.
        Files.writeString(dir.resolve("vocabulary.ttl"), fr.regie.registry.VocabularyCheckTestAccess.GOOD + """
                cine:name a owl:DatatypeProperty ; rdfs:range xsd:string ; rdfs:label "nom commercial"@fr , "trade name"@en .
                """);
        Files.writeString(dir.resolve("registry.ttl"), """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#cinemas> .
                <#p> foaf:name "P" .
                <#cinemas> a dcat:Dataset ; dct:identifier "cinemas" ; dct:title "Cinémas" ; dct:publisher <#p> ;
                    regie:source [ regie:embeddedDatabase "x" ; regie:loadFrom <src/> ] ; regie:linkBy regie:NoLink ;
                    regie:mapping <m.ttl> ; regie:vocabulary <vocabulary.ttl> .
                """.formatted(BASE));
        Registry registry = Registry.read(dir.resolve("registry.ttl"));
        Store store = Store.open(dir.resolve("store"));
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString("""
                @prefix cine: <https://w3id.org/regie/partner/cine#> .
                @prefix schema: <https://schema.org/> .
                <https://t.example/id/cinema/1> a cine:Cinema ; schema:name "L'Écran" ; cine:seatCount 120 ;
                    cine:name "Écran Saint-Denis" ; cine:operatorOf <https://t.example/id/cinema/2> .
                """, Lang.TURTLE).parse(g);
        Node graph = new GraphNames(BASE).dataset("cinemas");
        Txn.executeWrite(store.dataset(), () -> g.find().forEach((Triple t) -> store.dataset().add(graph, t.getSubject(), t.getPredicate(), t.getObject())));
        return new ServerContext(registry, store, Access.of(registry, Map.of()), ServerSettings.defaults(0), null, null);
    }

    @Test
    void jsonLdHtmlOntologyAndContextShowThePartnerTerms() throws Exception {
        ServerContext ctx = context();
        try (TestServer server = TestServer.start(ctx, List.of(new ResourceFeature()))) {
            HttpResponse<String> json = server.get("/id/cinema/1", "Accept", "application/ld+json");
            assertEquals(200, json.statusCode(), json.body());
            JsonNode doc = JSON.readTree(json.body());
            assertEquals(120, doc.get("seatCount").asInt(), json.body());
            assertTrue(doc.get("seatCount").isNumber(), "coerced to xsd:integer by the context: " + json.body());
            assertEquals("Cinema", doc.get("type").asText(), json.body());
            assertEquals("Écran Saint-Denis", doc.get("cine:name").asText(), json.body());
            assertEquals("L'Écran", doc.get("name").asText(), "Régie's own key is untouched: " + json.body());
            assertFalse(json.body().contains(CINE + "seatCount"), json.body());

            String fr = server.get("/id/cinema/1", "Accept", "text/html", "Accept-Language", "fr").body();
            String en = server.get("/id/cinema/1", "Accept", "text/html", "Accept-Language", "en").body();
            assertTrue(fr.contains("fauteuils"), fr);
            assertTrue(en.contains("seats"), en);
            assertTrue(en.contains("trade name") && fr.contains("nom commercial"), en);

            JsonNode context = JSON.readTree(server.get("/context.jsonld").body()).get("@context");
            assertEquals(CINE + "seatCount", context.get("seatCount").get("@id").asText());
            assertEquals("http://www.w3.org/2001/XMLSchema#integer", context.get("seatCount").get("@type").asText());
            assertEquals("@id", context.get("operatorOf").get("@type").asText());
            assertEquals(CINE, context.get("cine").asText());
            assertEquals("schema:name", context.get("name").asText(), "Régie's key kept");

            String ontology = server.get("/ontology", "Accept", "text/turtle").body();
            Graph o = GraphFactory.createDefaultGraph();
            RDFParser.fromString(ontology, Lang.TURTLE).parse(o);
            assertTrue(o.contains(NodeFactory.createURI(CINE + "seatCount"), org.apache.jena.vocabulary.RDFS.label.asNode(),
                    NodeFactory.createLiteralLang("seats", "en")), ontology);
            assertTrue(o.contains(NodeFactory.createURI("https://w3id.org/regie#dockCount"), Node.ANY, Node.ANY), "Régie's own terms stay");
        }
    }
}
