package fr.regie.server.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import fr.regie.server.access.QueryAst.Alt;
import fr.regie.server.access.QueryAst.Ask;
import fr.regie.server.access.QueryAst.Bind;
import fr.regie.server.access.QueryAst.Call;
import fr.regie.server.access.QueryAst.Construct;
import fr.regie.server.access.QueryAst.Describe;
import fr.regie.server.access.QueryAst.El;
import fr.regie.server.access.QueryAst.Exists;
import fr.regie.server.access.QueryAst.Filter;
import fr.regie.server.access.QueryAst.Graph;
import fr.regie.server.access.QueryAst.Group;
import fr.regie.server.access.QueryAst.Inverse;
import fr.regie.server.access.QueryAst.Keyed;
import fr.regie.server.access.QueryAst.Link;
import fr.regie.server.access.QueryAst.Negated;
import fr.regie.server.access.QueryAst.Path;
import fr.regie.server.access.QueryAst.Query;
import fr.regie.server.access.QueryAst.Repeat;
import fr.regie.server.access.QueryAst.Select;
import fr.regie.server.access.QueryAst.Seq;
import fr.regie.server.access.QueryAst.SubSelect;
import fr.regie.server.access.QueryAst.Triple;
import fr.regie.server.access.QueryAst.Union;
import fr.regie.server.access.QueryAst.Values;

/**
 * Random queries over the oracle fixture's own vocabulary: every property-path operator
 * (negated property sets, inverse, {@code *}, {@code +}, {@code ?}, sequences, alternatives
 * with unknown IRIs), GRAPH with a variable, a visible, an invisible or a special graph name,
 * OPTIONAL, UNION, MINUS, [NOT] EXISTS, VALUES, BIND, subqueries, aggregates, the property
 * functions ARQ registers (lists, containers) and Régie's GeoSPARQL filters; SELECT, ASK,
 * CONSTRUCT and DESCRIBE. Deterministic for a seed; nothing that depends on evaluation order
 * (no LIMIT without a total order, no SAMPLE or GROUP_CONCAT, no RAND, NOW or BNODE).
 */
final class QueryGen {
    static final String PREFIXES = """
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX list: <http://jena.apache.org/ARQ/list#>
            PREFIX apf: <http://jena.apache.org/ARQ/property#>
            PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
            """;
    private static final List<String> VARS = List.of("?a", "?b", "?c", "?d");
    private static final String WKT = "<http://www.opengis.net/ont/geosparql#wktLiteral>";

    private final Random rnd;
    private final OracleFixture f;
    private int fresh;
    /** Repetitions ({@code *}, {@code +}) left for this query: each multiplies the work, a few find the bugs. */
    private int repeats;
    /** Variables already used in the enclosing groups: new patterns join on them, rather than multiply. */
    private final java.util.Deque<java.util.Set<String>> scopes = new java.util.ArrayDeque<>();

    QueryGen(OracleFixture fixture, long seed) {
        this.f = fixture;
        this.rnd = new Random(seed);
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private String iri(String s) {
        return "<" + s + ">";
    }

    /** A predicate: mostly the fixture's, sometimes RDF's list and container terms, sometimes unknown. */
    private String predicate() {
        int r = rnd.nextInt(20);
        if (r == 0) {
            return "<urn:x>";
        }
        if (r == 1) {
            return pick(List.of("rdf:first", "rdf:rest", "rdf:_1"));
        }
        return iri(pick(f.predicates));
    }

    Path path(int depth) {
        int r = depth <= 0 ? 0 : rnd.nextInt(8);
        return switch (r) {
            case 0, 1 -> new Link(predicate());
            case 2 -> new Inverse(path(depth - 1));
            case 3 -> new Seq(path(depth - 1), path(depth - 1));
            case 4 -> new Alt(path(depth - 1), chance(50) ? new Link("<urn:x>") : path(depth - 1));
            case 5 -> {
                char op = repeats > 0 ? pick(List.of('*', '+', '?')) : '?';
                if (op != '?') {
                    repeats--;
                }
                yield new Repeat(path(depth - 1), op);
            }
            default -> {
                List<String> fwd = new ArrayList<>();
                List<String> inv = new ArrayList<>();
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    (chance(30) ? inv : fwd).add(chance(30) ? "<urn:x>" : predicate());
                }
                yield new Negated(fwd, inv);
            }
        };
    }

    private String var() {
        String v = pick(VARS);
        if (!scopes.isEmpty()) {
            scopes.peek().add(v);
        }
        return v;
    }

    /** A variable of the enclosing groups, when there is one. */
    private String joined() {
        java.util.Set<String> used = scopes.isEmpty() ? java.util.Set.of() : scopes.peek();
        return used.isEmpty() ? var() : pick(List.copyOf(used));
    }

    private String subject() {
        return chance(75) ? var() : (chance(85) ? iri(pick(f.subjects)) : "<urn:x>");
    }

    private String object() {
        int r = rnd.nextInt(10);
        if (r < 6) {
            return var();
        }
        return r < 8 ? iri(pick(f.subjects)) : pick(f.literals);
    }

    /** A pattern that shares a variable with what came before it in the group, most of the time. */
    private El triple(int pathDepth) {
        boolean join = !scopes.isEmpty() && !scopes.peek().isEmpty() && chance(85);
        String s = join && chance(50) ? joined() : subject();
        String o = join && !s.startsWith("?") ? joined() : object();
        return new Triple(s, path(pathDepth), o);
    }

    private String graphName() {
        int r = rnd.nextInt(10);
        if (r < 5) {
            return "?g";
        }
        if (r < 9) {
            return iri(pick(f.graphIris));
        }
        return pick(List.of("<urn:x-arq:UnionGraph>", "<urn:x-arq:DefaultGraph>", "<urn:x>"));
    }

    private String expr() {
        String v = pick(VARS);
        return switch (rnd.nextInt(12)) {
            case 0 -> "isIRI(" + v + ")";
            case 1 -> "isLiteral(" + v + ")";
            case 2 -> "isBlank(" + v + ")";
            case 3 -> "BOUND(" + v + ")";
            case 4 -> v + " = " + iri(pick(f.subjects));
            case 5 -> v + " != " + pick(f.literals);
            case 6 -> "STRSTARTS(STR(" + v + "), \"only-\")";
            case 7 -> "CONTAINS(STR(" + v + "), \"Secret\")";
            case 8 -> "LANG(" + v + ") = \"fr\"";
            case 9 -> v + " > 2";
            case 10 -> "REGEX(STR(" + v + "), \"^only-s\")";
            default -> "geof:sfIntersects(" + v + ", \"POINT(2.35 48.93)\"^^" + WKT + ")";
        };
    }

    private String bindExpr() {
        String v = pick(VARS);
        return pick(List.of("STR(" + v + ")", "CONCAT(STR(" + v + "), \"-x\")", v + " + 1", "COALESCE(" + v + ", \"none\")",
                "IF(BOUND(" + v + "), 1, 0)", "LCASE(STR(" + v + "))"));
    }

    private El call() {
        return switch (rnd.nextInt(6)) {
            case 0 -> new Call(pick(List.of("?l", "?a")), "list:member", pick(List.of("?m", "?b", pick(f.literals))));
            case 1 -> new Call(pick(List.of("?l", "?a")), "list:length", "?n" + (fresh++));
            case 2 -> new Call("?l", "list:index", "(?i" + (fresh++) + " ?m)");
            case 3 -> new Call(pick(List.of("?c", "?a")), "rdfs:member", pick(List.of("?m", pick(f.literals))));
            case 4 -> new Call(pick(List.of("?c", "?a")), "apf:bag", "?m");
            default -> new Call(iri(pick(f.subjects)), "apf:splitIRI", "(?ns" + fresh + " ?ln" + (fresh++) + ")");
        };
    }

    Group group(int depth) {
        scopes.push(new java.util.HashSet<>(scopes.isEmpty() ? java.util.Set.of() : scopes.peek()));
        List<El> els = new ArrayList<>();
        int n = 1 + rnd.nextInt(depth > 0 ? 3 : 2);
        for (int i = 0; i < n; i++) {
            els.add(element(depth, i == 0));
        }
        java.util.Set<String> used = scopes.pop();
        if (!scopes.isEmpty()) {
            scopes.peek().addAll(used);
        }
        return new Group(els);
    }

    private El element(int depth, boolean first) {
        int r = depth <= 0 || first ? rnd.nextInt(10) < 8 ? 0 : 1 : rnd.nextInt(14);
        return switch (r) {
            case 0 -> triple(2);
            case 1 -> call();
            case 2 -> new Graph(graphName(), group(depth - 1));
            case 3 -> new Keyed("OPTIONAL", group(depth - 1));
            case 4 -> new Union(group(depth - 1), group(depth - 1));
            case 5 -> new Keyed("MINUS", group(depth - 1));
            case 6 -> new Exists(chance(50), group(depth - 1));
            case 7 -> new Filter(expr());
            case 8 -> new Values(pick(VARS), List.of(iri(pick(f.subjects)), pick(f.literals), "UNDEF"));
            case 9 -> new Bind(bindExpr(), "?x" + (fresh++));
            case 10 -> new SubSelect(aggregate(group(depth - 1)));
            case 11 -> new Graph(graphName(), group(depth - 1));
            default -> triple(3);
        };
    }

    /** A grouped SELECT: counts, distinct counts, MIN, MAX, SUM and AVG, by one variable or over all. */
    private Select aggregate(Group where) {
        String v = pick(VARS);
        List<String> aggs = new ArrayList<>();
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            String w = pick(VARS);
            String alias = "?agg" + (fresh++);
            aggs.add(pick(List.of("(COUNT(*) AS " + alias + ")", "(COUNT(DISTINCT " + w + ") AS " + alias + ")",
                    "(MIN(" + w + ") AS " + alias + ")", "(MAX(" + w + ") AS " + alias + ")", "(SUM(" + w + ") AS " + alias + ")",
                    "(AVG(" + w + ") AS " + alias + ")")));
        }
        return new Select(false, List.of(), where, chance(60) ? List.of(v) : List.of(), aggs);
    }

    /** The next query. */
    Query next() {
        fresh = 0;
        repeats = 2;
        scopes.clear();
        Group where = group(2);
        int r = rnd.nextInt(20);
        if (r < 7) {
            List<String> proj = chance(40) ? List.of() : List.of(pick(VARS), pick(List.of("?g", "?m", "?l", "?c")));
            return new Select(chance(30), proj.stream().distinct().toList(), where, List.of(), List.of());
        }
        if (r < 10) {
            return aggregate(where);
        }
        if (r < 13) {
            return new Ask(where);
        }
        if (r < 16) {
            List<String> template = new ArrayList<>();
            template.add(pick(VARS) + " " + pick(List.of("?p", iri(pick(f.predicates)))) + " " + pick(VARS));
            if (chance(50)) {
                template.add(pick(VARS) + " <urn:copied> " + pick(VARS));
            }
            if (template.get(0).contains("?p")) {
                where = new Group(append(where.els(), new Triple(pick(VARS), new Link("?p"), pick(VARS))));
            }
            return new Construct(template, where);
        }
        if (chance(30)) {
            return new Describe(List.of(iri(pick(f.subjects))), null);
        }
        return new Describe(List.of(pick(VARS)), where);
    }

    private static List<El> append(List<El> els, El e) {
        List<El> out = new ArrayList<>(els);
        out.add(e);
        return out;
    }
}
