package fr.regie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hand-written JSON-LD compaction: every case the context's terms cannot take (a value that
 * does not fit a term's coercion, language strings, typed literals, blank nodes shared or not)
 * still expands, through Jena's JSON-LD 1.1 reader, to exactly the triples written.
 */
class JsonLdWriterTest {
    static final JsonLdContext CONTEXT = JsonLdContext.load();
    static final ObjectMapper JSON = new ObjectMapper();

    static Graph turtle(String ttl) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString("""
                PREFIX regie: <https://w3id.org/regie#>
                PREFIX igeo: <http://rdf.insee.fr/def/geo#>
                PREFIX schema: <https://schema.org/>
                PREFIX geo: <http://www.opengis.net/ont/geosparql#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
                PREFIX ex: <https://example.org/>
                """ + ttl, Lang.TURTLE).parse(g);
        return g;
    }

    static ObjectNode write(Graph g) {
        List<Triple> triples = g.find().toList();
        return new JsonLdWriter(CONTEXT).document(triples, "https://x.example/context.jsonld");
    }

    static Graph read(ObjectNode doc) throws Exception {
        ObjectNode copy = doc.deepCopy();
        copy.set("@context", JSON.readTree(CONTEXT.document()).get("@context"));
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(JSON.writeValueAsString(copy), Lang.JSONLD).parse(g);
        return g;
    }

    static void roundTrip(Graph g) throws Exception {
        ObjectNode doc = write(g);
        Graph back = read(doc);
        assertTrue(g.isIsomorphicWith(back), "written: " + doc + "\nread back: " + back);
    }

    @Test
    void termsAndCoercions() throws Exception {
        Graph g = turtle("""
                <https://t.example/id/c> a igeo:Commune , regie:Facility ; rdfs:label "Saint-Denis"@fr , "St Denis" ;
                  igeo:codeINSEE "93066"^^xsd:token ; igeo:subdivisionDe <https://t.example/id/d> ;
                  igeo:subdivisionDirecteDe <https://t.example/id/d> ; regie:dockCount 35 ; regie:inService true ;
                  geo:hasGeometry <https://t.example/id/c/geometry> ; schema:name "Gare" .
                """);
        ObjectNode doc = write(g);
        assertEquals("https://x.example/context.jsonld", doc.get("@context").asText());
        assertEquals(2, doc.get("type").size());
        assertEquals(java.util.Set.of("Commune", "Facility"),
                java.util.Set.of(doc.get("type").get(0).asText(), doc.get("type").get(1).asText()), "class terms");
        assertEquals("93066", doc.get("code").asText());
        assertTrue(doc.get("within").isArray(), "@set container");
        assertEquals("https://t.example/id/d", doc.get("parent").asText());
        assertEquals(35, doc.get("docks").asInt());
        assertTrue(doc.get("inService").asBoolean());
        roundTrip(g);
    }

    @Test
    void valuesThatDoNotFitATermsCoercion() throws Exception {
        Graph g = turtle("""
                <https://t.example/id/x> igeo:codeINSEE "93066" ;                 # a plain string, not xsd:token
                  regie:dockCount "035"^^xsd:integer , "12"^^xsd:integer ;         # non-canonical integer
                  igeo:subdivisionDirecteDe "not an IRI" ;
                  regie:inService "1"^^xsd:boolean ;
                  regie:population <https://t.example/id/p> ;
                  ex:unknown "x"^^ex:dt , 1.5 , "2.5"^^xsd:double ;
                  schema:url <https://example.org/page> ;
                  regie:lat "48.9"^^xsd:decimal .
                """);
        JsonNode doc = write(g);
        assertTrue(doc.has("igeo:codeINSEE"), "compact IRI when the term's coercion does not fit: " + doc);
        roundTrip(g);
    }

    @Test
    void blankNodesEmbeddedOnceOrNamedWhenShared() throws Exception {
        roundTrip(turtle("""
                <https://t.example/id/x> geo:hasGeometry [ geo:asWKT "POINT(2 48)"^^geo:wktLiteral ; rdfs:label "g" ] .
                """));
        JsonNode embedded = write(turtle("<https://t.example/id/x> geo:hasGeometry [ rdfs:label \"g\" ] ."));
        assertEquals("g", embedded.get("geometry").get("label").asText(), embedded.toString());
        Graph shared = turtle("""
                _:b rdfs:label "shared" .
                <https://t.example/id/x> ex:p _:b ; ex:q _:b .
                _:loop ex:self _:loop .
                <https://t.example/id/x> ex:r _:loop .
                """);
        assertTrue(write(shared).has("@graph"));
        roundTrip(shared);
    }

    @Test
    void theOntologyRoundTrips() throws Exception {
        Graph ontology = GraphFactory.createDefaultGraph();
        RDFParser.source(java.nio.file.Path.of("ontology/regie.ttl")).lang(Lang.TURTLE).parse(ontology);
        roundTrip(ontology);
    }
}
