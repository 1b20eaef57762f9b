package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.Store;
import fr.regie.testing.Cli;

/** {@code regie query} over a real TDB2 store: formats, union default graph, GeoSPARQL, errors, bounds. */
class QueryCommandTest {
    @TempDir
    Path dir;
    Path store;

    @BeforeEach
    void store() {
        store = dir.resolve("store");
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString("""
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix geo: <http://www.opengis.net/ont/geosparql#> .
                <https://t.example/id/commune/93066> igeo:nom "Saint-Denis"@fr ;
                    geo:hasGeometry [ geo:asWKT "POLYGON ((2.3 48.9, 2.4 48.9, 2.4 49.0, 2.3 49.0, 2.3 48.9))"^^geo:wktLiteral ] .
                <https://t.example/id/commune/93001> igeo:nom "Aubervilliers"@fr .
                """, Lang.TURTLE).parse(g);
        try (Store s = Store.open(store)) {
            s.replaceGraph(NodeFactory.createURI("https://t.example/graph/territory"), g);
        }
    }

    @Test
    void csvByDefaultOverTheUnionOfGraphs() {
        Cli r = Cli.run("query", "--store", store.toString(),
                "SELECT ?n WHERE { ?c <http://rdf.insee.fr/def/geo#nom> ?n } ORDER BY ?n");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("n\r\nAubervilliers\r\nSaint-Denis\r\n", r.out());
    }

    @Test
    void jsonAndTsv() {
        Cli json = Cli.run("query", "--store", store.toString(), "--format", "json", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
        assertTrue(json.out().contains("\"n\"") && json.out().contains("\"value\": \"4\""), json.out());
        Cli tsv = Cli.run("query", "--store", store.toString(), "--format", "tsv", "ASK { ?s ?p ?o }");
        assertEquals("true", tsv.out().strip());
    }

    @Test
    void queryFromFileWithGeoSparql() throws IOException {
        Path q = dir.resolve("within.rq");
        Files.writeString(q, """
                PREFIX geo: <http://www.opengis.net/ont/geosparql#>
                PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
                SELECT ?c WHERE { ?c geo:hasGeometry/geo:asWKT ?poly
                  FILTER(geof:sfWithin("POINT(2.35 48.95)"^^geo:wktLiteral, ?poly)) }
                """);
        Cli r = Cli.run("query", "--store", store.toString(), "--file", q.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("c\r\nhttps://t.example/id/commune/93066\r\n", r.out());
    }

    @Test
    void constructPrintsTurtle() {
        Cli r = Cli.run("query", "--store", store.toString(), "CONSTRUCT { ?c <http://x/n> ?n } WHERE { ?c <http://rdf.insee.fr/def/geo#nom> ?n }");
        assertTrue(r.out().contains("<http://x/n>") && r.out().contains("\"Saint-Denis\"@fr"), r.out());
    }

    @Test
    void badQueryNamesLineAndColumn() throws IOException {
        Path q = dir.resolve("bad.rq");
        Files.writeString(q, "SELECT ?x\nWHERE { ?x ?y }\n");
        Cli r = Cli.run("query", "--store", store.toString(), "--file", q.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("regie: " + q + ":2:"), r.err());
    }

    @Test
    void timeoutStopsEvenARegularExpression() {
        // The regular expression of issue 8: without --timeout's reach into it, minutes of CPU.
        String bomb = "SELECT ?m WHERE { BIND(REGEX(\"" + "a".repeat(2000) + "\", \"(a*a*)*b\") AS ?m) }";
        long start = System.nanoTime();
        Cli r = Cli.run("query", "--store", store.toString(), "--timeout", "1", bomb);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("regie: query: stopped after --timeout 1 s", r.err().strip());
        assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "took " + took);
        assertEquals(0, Cli.run("query", "--store", store.toString(), "--timeout", "30", "ASK { ?s ?p ?o }").exitCode());
    }

    @Test
    void queryNestedTooDeeplyIsOneLine() {
        Cli r = Cli.run("query", "--store", store.toString(), "SELECT (" + "1 + ".repeat(5000) + "1 AS ?x) WHERE {}");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("regie: query: the query nests"), r.err());
    }

    @Test
    void missingStore() {
        Cli r = Cli.run("query", "--store", dir.resolve("nope").toString(), "ASK {}");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("is not a store directory"), r.err());
    }
}
