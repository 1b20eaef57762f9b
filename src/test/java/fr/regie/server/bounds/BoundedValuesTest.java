package fr.regie.server.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecDatasetBuilder;
import org.junit.jupiter.api.Test;

/**
 * The operators that can grow a value geometrically (CONCAT and its IRI forms, {@code *},
 * {@code math:pow}, GROUP_CONCAT) answer as Jena's on ordinary values (generated here, checked
 * against Jena itself), and refuse the geometric growth that filled the heap or the CPU.
 */
class BoundedValuesTest {
    static final String PREFIXES = "PREFIX fn: <http://www.w3.org/2005/xpath-functions#>\n"
            + "PREFIX math: <http://www.w3.org/2005/xpath-functions/math#>\nPREFIX sparql: <http://www.w3.org/ns/sparql#>\n";
    final DatasetGraph empty = DatasetGraphFactory.create();

    @Test
    void sameAnswersAsJenaOnOrdinaryValues() {
        Random random = new Random(42);
        int compared = 0;
        for (int c = 0; c < 100; c++) {
            String a = literal(random);
            String b = literal(random);
            String n = number(random);
            String m = number(random);
            String query = PREFIXES + "SELECT ?concat ?fn ?sp ?times ?pow ?all ?distinct WHERE {\n"
                    + "  { SELECT (GROUP_CONCAT(?v; separator='|') AS ?all) (GROUP_CONCAT(DISTINCT ?v) AS ?distinct)"
                    + " WHERE { VALUES ?v { " + a + " " + b + " " + a + " } } }\n"
                    + "  BIND(CONCAT(" + a + ", " + b + ") AS ?concat)\n"
                    + "  BIND(fn:concat(" + a + ", " + b + ", " + n + ") AS ?fn)\n"
                    + "  BIND(sparql:concat(" + a + ", " + a + ") AS ?sp)\n"
                    + "  BIND(" + n + " * " + m + " AS ?times)\n"
                    + "  BIND(math:pow(" + n + ", " + random.nextInt(12) + ") AS ?pow)\n}";
            assertEquals(rows(query, false), rows(query, true), query);
            compared++;
        }
        assertEquals(100, compared);
    }

    @Test
    void geometricGrowthIsRefused() {
        StringBuilder concat = new StringBuilder("SELECT (STRLEN(?v9) AS ?n) WHERE { BIND(\"aaaaaaaaaa\" AS ?v0) ");
        StringBuilder square = new StringBuilder("SELECT ?v30 WHERE { BIND(99999999999999999999 AS ?v0) ");
        for (int i = 1; i <= 30; i++) {
            if (i < 10) {
                concat.append("BIND(CONCAT(").append(("?v" + (i - 1) + ", ").repeat(9)).append("?v").append(i - 1).append(") AS ?v").append(i).append(") ");
            }
            square.append("BIND(?v").append(i - 1).append(" * ?v").append(i - 1).append(" AS ?v").append(i).append(") ");
        }
        List<String> bombs = List.of(concat.append("}").toString(), square.append("}").toString(),
                PREFIXES + "SELECT (math:pow(10, 100000000) AS ?x) {}",
                PREFIXES + "SELECT (STRLEN(fn:concat(?b, ?b, ?b, ?b, ?b, ?b, ?b, ?b, ?b, ?b)) AS ?n) { BIND(REPLACE(REPLACE(REPLACE("
                        + "\"aaaaaaaaaa\", 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') AS ?a)"
                        + " BIND(REPLACE(?a, 'a', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') AS ?b) }",
                "SELECT (GROUP_CONCAT(?s) AS ?all) WHERE { BIND(\"" + "x".repeat(10_000) + "\" AS ?s) "
                        + "VALUES ?a { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } VALUES ?b { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 }"
                        + " VALUES ?c { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } VALUES ?d { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } }");
        for (String bomb : bombs) {
            QueryTooComplexException e = assertThrows(QueryTooComplexException.class, () -> rows(bomb, true), bomb);
            assertTrue(e.getMessage().contains("would build"), e.getMessage());
        }
    }

    private List<String> rows(String query, boolean bounded) {
        QueryExecDatasetBuilder b = QueryExec.newBuilder().dataset(empty).query(query);
        if (bounded) {
            b.context(QueryBounds.context(empty, new AtomicBoolean()));
        }
        List<String> out = new ArrayList<>();
        try (QueryExec qe = b.build()) {
            qe.select().forEachRemaining(row -> out.add(row.toString()));
        }
        return out;
    }

    private static String literal(Random r) {
        String text = "abc é".repeat(1 + r.nextInt(3)).substring(r.nextInt(3));
        return switch (r.nextInt(3)) {
            case 0 -> "\"" + text + "\"";
            case 1 -> "\"" + text + "\"@fr";
            default -> "\"" + text + "\"@en";
        };
    }

    private static String number(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Integer.toString(r.nextInt(2000) - 1000);
            case 1 -> (r.nextInt(2000) - 1000) + "." + r.nextInt(100);
            default -> "12345678901234567890" + r.nextInt(10);
        };
    }
}
