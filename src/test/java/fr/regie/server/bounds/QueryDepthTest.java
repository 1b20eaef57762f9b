package fr.regie.server.bounds;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.Test;

/**
 * Every way of nesting a query, generated at a depth a real query could have and at one no
 * real query has: the first runs (within the bounds, at once), the second is refused as too
 * deep, never with a stack overflow and never after minutes in the optimizer.
 */
class QueryDepthTest {
    static final Map<String, IntFunction<String>> SHAPES = Map.ofEntries(
            Map.entry("nested groups", n -> "SELECT * WHERE " + "{ ?s ?p ?o ".repeat(n) + "}".repeat(n)),
            Map.entry("nested OPTIONALs", n -> "SELECT * WHERE " + "{ ?s ?p ?o OPTIONAL ".repeat(n) + "{}" + "}".repeat(n)),
            Map.entry("UNION arms", n -> "SELECT * WHERE { " + "{ ?s ?p ?o } UNION ".repeat(n) + "{ ?s ?p ?o } }"),
            Map.entry("BINDs", n -> "SELECT * WHERE { BIND(0 AS ?v0) " + bind(n) + "}"),
            Map.entry("a sum", n -> "SELECT (" + "1 + ".repeat(n) + "1 AS ?x) WHERE {}"),
            Map.entry("a path", n -> "SELECT * WHERE { ?s " + "<urn:p>/".repeat(n) + "<urn:p> ?o }"),
            Map.entry("sub-queries", n -> "SELECT * WHERE " + "{ SELECT * WHERE ".repeat(n) + "{ ?s ?p ?o }" + "}".repeat(n)),
            Map.entry("EXISTS in EXISTS", n -> "SELECT * WHERE { ?s ?p ?o " + "FILTER EXISTS { ?s ?p ?o ".repeat(n) + "}".repeat(n) + "}"));

    private static String bind(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append("BIND(?v").append(i - 1).append(" + 1 AS ?v").append(i).append(") ");
        }
        return b.toString();
    }

    @Test
    void realisticDepthsRunAndAbsurdOnesAreRefused() {
        DatasetGraph ds = DatasetGraphFactory.create();
        for (var shape : SHAPES.entrySet()) {
            // Sixty levels of EXISTS took Jena's constant folding forever (2^n): run it with a
            // deadline of our own, since the optimizer heeds no timeout.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                Query q = QueryBounds.parse(shape.getValue().apply(60), "http://x/");
                try (QueryExec qe = QueryExec.newBuilder().dataset(ds).query(q).context(QueryBounds.context(ds, new AtomicBoolean())).build()) {
                    qe.select().forEachRemaining(b -> { });
                }
            }, shape.getKey() + " at 60 levels");
            QueryTooComplexException e = assertThrows(QueryTooComplexException.class,
                    () -> QueryBounds.parse(shape.getValue().apply(3000), "http://x/"), shape.getKey() + " at 3000 levels");
            assertTrue(e.getMessage().contains("nests"), e.getMessage());
        }
    }
}
