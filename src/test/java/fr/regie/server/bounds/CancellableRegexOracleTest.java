package fr.regie.server.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.Test;

/**
 * The cancellable regular expressions against an oracle: Jena's own REGEX, REPLACE,
 * {@code fn:matches}, {@code fn:replace} and {@code apf:strSplit}, run on the same generated
 * patterns (groups, alternation, greedy, reluctant and possessive quantifiers, classes, anchors,
 * look-arounds, back-references, flags) and short texts, where Jena finishes at once. Every
 * answer must be the same, errors included (an error leaves the variable unbound).
 */
class CancellableRegexOracleTest {
    private static final String ALPHABET = "aAbc \n";
    private static final int CASES = 300;

    @Test
    void sameAnswersAsJenaOnGeneratedPatterns() {
        Random random = new Random(20_260_412L);
        DatasetGraph empty = DatasetGraphFactory.create();
        int matched = 0;
        int unmatched = 0;
        int errors = 0;
        for (int c = 0; c < CASES; c++) {
            String pattern = pattern(random, 3);
            String flags = flags(random);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                texts.add(text(random));
            }
            // A pattern that compiles goes into the query text (compiled once, as constants are);
            // one that does not goes through a variable (compiled per row, an error per row).
            String query = query(pattern, flags, texts, compiles(pattern, flags) && random.nextBoolean());
            List<String> expected = rows(empty, query, false);
            assertEquals(expected, rows(empty, query, true), "pattern " + pattern + " flags " + flags + " on " + texts);
            String split = "PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT ?i ?piece WHERE { VALUES (?i ?x) { "
                    + values(texts) + " } ?piece apf:strSplit (?x " + literal(pattern) + ") }";
            if (compiles(pattern, null)) {
                assertEquals(rows(empty, split, false), rows(empty, split, true), "strSplit at " + pattern + " on " + texts);
            }
            for (String row : expected) {
                matched += row.contains("r=true") ? 1 : 0;
                unmatched += row.contains("r=false") ? 1 : 0;
                errors += row.contains("r=") ? 0 : 1;
            }
        }
        assertTrue(matched > 100 && unmatched > 100 && errors > 0,
                "the cases should match, fail to match and fail: " + matched + ", " + unmatched + ", " + errors);
    }

    private static String query(String pattern, String flags, List<String> texts, boolean constant) {
        String p = constant ? literal(pattern) : "?pat";
        String f = flags.isEmpty() ? "" : ", " + literal(flags);
        return "PREFIX fn: <http://www.w3.org/2005/xpath-functions#>\nSELECT ?i ?r ?m ?f ?g WHERE {\n"
                + "  VALUES ?pat { " + literal(pattern) + " }\n"
                + "  VALUES (?i ?x) { " + values(texts) + " }\n"
                + "  BIND(REGEX(?x, " + p + f + ") AS ?r)\n"
                + "  BIND(REPLACE(?x, " + p + ", \"<$0>\"" + f + ") AS ?m)\n"
                + "  BIND(fn:matches(?x, " + p + f + ") AS ?f)\n"
                + "  BIND(fn:replace(?x, " + p + ", \"[$0]\"" + f + ") AS ?g)\n"
                + "} ORDER BY ?i";
    }

    private static String values(List<String> texts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            b.append("(").append(i).append(" ").append(i % 2 == 0 ? literal(texts.get(i)) : literal(texts.get(i)) + "@fr").append(") ");
        }
        return b.toString();
    }

    /** The rows of a query, each as its bound variables, by Jena alone or within Régie's bounds. */
    private static List<String> rows(DatasetGraph ds, String query, boolean bounded) {
        QueryExec qe = bounded
                ? QueryExec.newBuilder().dataset(ds).query(query).context(QueryBounds.context(ds, new AtomicBoolean())).build()
                : QueryExec.newBuilder().dataset(ds).query(query).build();
        List<String> out = new ArrayList<>();
        try (qe) {
            qe.select().forEachRemaining(b -> out.add(row(b)));
        }
        return out;
    }

    private static String row(Binding b) {
        StringBuilder s = new StringBuilder();
        b.vars().forEachRemaining((Var v) -> {
            Node n = b.get(v);
            s.append(v.getVarName()).append('=').append(n.isLiteral() ? FmtUtils.stringForNode(n) : n).append(' ');
        });
        return s.toString().replace("\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>", "true")
                .replace("\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>", "false");
    }

    private static boolean compiles(String pattern, String flags) {
        try {
            CancellableRegex.compile("test", pattern, flags == null || flags.isEmpty() ? null : flags);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String literal(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(13);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String flags(Random r) {
        StringBuilder b = new StringBuilder();
        for (char f : "imsx".toCharArray()) {
            if (r.nextInt(4) == 0) {
                b.append(f);
            }
        }
        if (r.nextInt(20) == 0) {
            b.append('q');
        }
        return b.toString();
    }

    /** A random pattern: mostly well-formed, sometimes not (a stray bracket, a missing group). */
    private static String pattern(Random r, int depth) {
        int pick = r.nextInt(depth <= 0 ? 6 : 16);
        return switch (pick) {
            case 0 -> "a";
            case 1 -> "b";
            case 2 -> ".";
            case 3 -> "[ab]";
            case 4 -> "[^a\\n]";
            case 5 -> List.of("^", "$", "\\b", "\\s", "\\w", "A", "\\1", "(", "c").get(r.nextInt(9));
            case 6, 7 -> pattern(r, depth - 1) + pattern(r, depth - 1);
            case 8 -> "(" + pattern(r, depth - 1) + ")";
            case 9 -> "(" + pattern(r, depth - 1) + "|" + pattern(r, depth - 1) + ")";
            case 10 -> "(?:" + pattern(r, depth - 1) + ")" + List.of("*", "+", "?", "{1,3}").get(r.nextInt(4));
            case 11 -> "(" + pattern(r, depth - 1) + ")" + List.of("*?", "+?", "*+", "++").get(r.nextInt(4));
            case 12 -> pattern(r, depth - 1) + "*";
            case 13 -> "(?=" + pattern(r, depth - 1) + ")";
            case 14 -> "(?!" + pattern(r, depth - 1) + ")";
            default -> "(" + pattern(r, depth - 1) + ")\\1";
        };
    }

    /** Guards the generator itself: it must yield patterns Java rejects too, or errors go untested. */
    @Test
    void theGeneratorAlsoMakesBrokenPatterns() {
        Random random = new Random(7);
        int broken = 0;
        for (int i = 0; i < 200; i++) {
            try {
                Pattern.compile(pattern(random, 3));
            } catch (PatternSyntaxException e) {
                broken++;
            }
        }
        assertTrue(broken > 0 && broken < 150, broken + " of 200");
    }
}
