package fr.regie.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;

import fr.regie.store.Store;

/** Prefixes and independent SPARQL checks shared by the catalog tests. */
final class CatalogQueries {
    static final String PREFIXES = """
            PREFIX dcat: <http://www.w3.org/ns/dcat#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            PREFIX void: <http://rdfs.org/ns/void#>
            PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            """;

    private CatalogQueries() {}

    /** The VoID figures the catalog gives a dataset equal SPARQL counts over its graph in the store. */
    static void assertVoidMatches(Store store, String base, String id, Model catalog) {
        String g = base + "graph/" + id;
        Map<String, Long> expected = new TreeMap<>(Txn.calculateRead(store.dataset(), () -> {
            var b = QueryExec.dataset(store.dataset()).query("""
                    SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s1) (COUNT(DISTINCT ?o) AS ?o1) (COUNT(DISTINCT ?p) AS ?p1)
                    { GRAPH <%s> { ?s ?p ?o } }""".formatted(g)).select().next();
            var c = QueryExec.dataset(store.dataset()).query("""
                    SELECT (COUNT(DISTINCT ?c) AS ?n) { GRAPH <%s> { ?s a ?c FILTER(isIRI(?c)) } }""".formatted(g)).select().next();
            Map<String, Long> out = new TreeMap<>();
            out.put("triples", n(b.get("t")));
            out.put("distinctSubjects", n(b.get("s1")));
            out.put("distinctObjects", n(b.get("o1")));
            out.put("properties", n(b.get("p1")));
            out.put("classes", n(c.get("n")));
            QueryExec.dataset(store.dataset()).query("""
                    SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { GRAPH <%s> { ?s a ?c FILTER(isIRI(?c)) } } GROUP BY ?c""".formatted(g))
                    .select().forEachRemaining(r -> out.put("class " + r.get("c").getURI(), n(r.get("n"))));
            return out;
        }));
        Map<String, Long> actual = new TreeMap<>();
        String ds = "?d dct:identifier \"" + id + "\" . ";
        try (QueryExecution qe = QueryExecution.create(PREFIXES + "SELECT * { " + ds
                + "?d void:triples ?triples ; void:distinctSubjects ?distinctSubjects ; void:distinctObjects ?distinctObjects ;"
                + " void:properties ?properties ; void:classes ?classes }", catalog)) {
            var s = qe.execSelect().next();
            for (String k : new String[] {"triples", "distinctSubjects", "distinctObjects", "properties", "classes"}) {
                actual.put(k, s.getLiteral(k).getLong());
            }
        }
        try (QueryExecution qe = QueryExecution.create(PREFIXES + "SELECT ?c ?n { " + ds
                + "?d void:classPartition [ void:class ?c ; void:entities ?n ] }", catalog)) {
            qe.execSelect().forEachRemaining(s -> actual.put("class " + s.getResource("c").getURI(), s.getLiteral("n").getLong()));
        }
        assertEquals(expected, actual, id);
    }

    private static long n(org.apache.jena.graph.Node literal) {
        return Long.parseLong(literal.getLiteralLexicalForm());
    }
}
