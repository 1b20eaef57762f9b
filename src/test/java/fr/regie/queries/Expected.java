package fr.regie.queries;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.jena.graph.Node;

/**
 * The expected answer of a query, row by row in the query's order, and its comparison with the
 * actual result. A cell is a {@link String} (compared with the literal's lexical form or the
 * IRI), a {@link Long} (an exact integer), an {@link Approx} (a number within a tolerance), a
 * {@link Names} (a " | "-joined list whose order does not matter) or null (unbound).
 */
final class Expected {
    /** A number expected within ± tolerance. */
    record Approx(double value, double tolerance) {
        @Override
        public String toString() {
            return value + "±" + tolerance;
        }
    }

    /** A GROUP_CONCAT list: the same names, in any order. */
    record Names(List<String> sorted) {
        static Names of(List<String> names) {
            return new Names(names.stream().sorted().toList());
        }

        @Override
        public String toString() {
            return String.join(" | ", sorted);
        }
    }

    static final String SEPARATOR = " | ";

    /** A ratio the query rounds to 2 decimals: within just over one unit of the last place. */
    static Approx r2(double x) {
        return new Approx(Math.round(x * 100) / 100.0, 0.0101);
    }

    /** A ratio the query rounds to 1 decimal. */
    static Approx r1(double x) {
        return new Approx(Math.round(x * 10) / 10.0, 0.101);
    }

    static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    private Expected() {}

    /** Fails with a readable report unless the result has these columns and these rows, in this order. */
    static void assertResult(String query, List<String> columns, List<List<Object>> expected, DemoStore.Result actual) {
        if (!actual.columns().equals(columns)) {
            fail(query + ": columns " + actual.columns() + ", expected " + columns);
        }
        List<String> problems = new ArrayList<>();
        int n = Math.max(expected.size(), actual.rows().size());
        for (int i = 0; i < n; i++) {
            List<Object> e = i < expected.size() ? expected.get(i) : null;
            List<Node> a = i < actual.rows().size() ? actual.rows().get(i) : null;
            if (e == null || a == null) {
                problems.add("row " + (i + 1) + ": expected " + show(e) + ", got " + showNodes(a));
                continue;
            }
            for (int c = 0; c < columns.size(); c++) {
                if (!matches(e.get(c), a.get(c))) {
                    problems.add("row " + (i + 1) + " " + columns.get(c) + ": expected " + e.get(c) + ", got "
                            + text(a.get(c)) + "   (row " + showNodes(a) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(query + ": " + problems.size() + " difference(s) with the independent computation:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(40, problems.size())))
                    + "\nexpected rows:\n  " + expected.stream().map(Expected::show).collect(Collectors.joining("\n  ")));
        }
    }

    private static boolean matches(Object e, Node a) {
        if (e == null) {
            return a == null;
        }
        if (a == null) {
            return false;
        }
        return switch (e) {
            case String s -> s.equals(text(a));
            case Long l -> number(a) != null && number(a).compareTo(BigDecimal.valueOf(l)) == 0;
            case Integer i -> number(a) != null && number(a).compareTo(BigDecimal.valueOf(i)) == 0;
            case Approx x -> number(a) != null && Math.abs(number(a).doubleValue() - x.value()) <= x.tolerance();
            case Names names -> {
                String t = text(a);
                List<String> got = t.isEmpty() ? List.of() : Arrays.stream(t.split(" \\| ", -1)).sorted().toList();
                yield got.equals(names.sorted());
            }
            default -> throw new IllegalArgumentException("unexpected expected cell " + e.getClass());
        };
    }

    private static BigDecimal number(Node n) {
        if (!n.isLiteral()) {
            return null;
        }
        try {
            return new BigDecimal(n.getLiteralLexicalForm());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String text(Node n) {
        if (n == null) {
            return "(unbound)";
        }
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
    }

    private static String show(List<Object> row) {
        return row == null ? "(no row)" : row.stream().map(x -> Objects.toString(x, "(unbound)")).collect(Collectors.joining(", "));
    }

    private static String showNodes(List<Node> row) {
        return row == null ? "(no row)" : row.stream().map(Expected::text).collect(Collectors.joining(", "));
    }
}
