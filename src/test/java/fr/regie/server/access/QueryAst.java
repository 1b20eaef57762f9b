package fr.regie.server.access;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small SPARQL syntax tree for generated queries: each node renders itself and lists the
 * smaller nodes it could be replaced by, so that a failing query shrinks to the smallest one
 * that still fails.
 */
final class QueryAst {
    private QueryAst() {}

    /** A property path. */
    sealed interface Path {
        String render();

        List<Path> shrinks();
    }

    record Link(String iri) implements Path {
        public String render() {
            return iri;
        }

        public List<Path> shrinks() {
            return List.of();
        }
    }

    record Inverse(Path p) implements Path {
        public String render() {
            return "^(" + p.render() + ")";
        }

        public List<Path> shrinks() {
            return withShrunk(List.of(p), p.shrinks(), Inverse::new);
        }
    }

    record Seq(Path a, Path b) implements Path {
        public String render() {
            return "(" + a.render() + ")/(" + b.render() + ")";
        }

        public List<Path> shrinks() {
            List<Path> out = new ArrayList<>(List.of(a, b));
            a.shrinks().forEach(x -> out.add(new Seq(x, b)));
            b.shrinks().forEach(x -> out.add(new Seq(a, x)));
            return out;
        }
    }

    record Alt(Path a, Path b) implements Path {
        public String render() {
            return "(" + a.render() + ")|(" + b.render() + ")";
        }

        public List<Path> shrinks() {
            List<Path> out = new ArrayList<>(List.of(a, b));
            a.shrinks().forEach(x -> out.add(new Alt(x, b)));
            b.shrinks().forEach(x -> out.add(new Alt(a, x)));
            return out;
        }
    }

    /** {@code p*}, {@code p+} or {@code p?}. */
    record Repeat(Path p, char op) implements Path {
        public String render() {
            return "(" + p.render() + ")" + op;
        }

        public List<Path> shrinks() {
            return withShrunk(List.of(p), p.shrinks(), x -> new Repeat(x, op));
        }
    }

    /** A negated property set, {@code !(a|^b)}. */
    record Negated(List<String> forward, List<String> inverse) implements Path {
        public String render() {
            List<String> all = new ArrayList<>(forward);
            inverse.forEach(i -> all.add("^" + i));
            return "!(" + String.join("|", all) + ")";
        }

        public List<Path> shrinks() {
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < forward.size(); i++) {
                if (forward.size() + inverse.size() > 1) {
                    out.add(new Negated(without(forward, i), inverse));
                }
            }
            for (int i = 0; i < inverse.size(); i++) {
                if (forward.size() + inverse.size() > 1) {
                    out.add(new Negated(forward, without(inverse, i)));
                }
            }
            return out;
        }
    }

    /** An element of a group graph pattern. */
    sealed interface El {
        String render();

        List<El> shrinks();
    }

    /** {@code s path o}. */
    record Triple(String s, Path p, String o) implements El {
        public String render() {
            return s + " " + p.render() + " " + o + " .";
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>();
            p.shrinks().forEach(x -> out.add(new Triple(s, x, o)));
            if (!s.startsWith("?")) {
                out.add(new Triple("?a", p, o));
            }
            if (!o.startsWith("?")) {
                out.add(new Triple(s, p, "?b"));
            }
            return out;
        }
    }

    /** A property function call, {@code s pf o} (its arguments may be lists). */
    record Call(String s, String function, String o) implements El {
        public String render() {
            return s + " " + function + " " + o + " .";
        }

        public List<El> shrinks() {
            return List.of();
        }
    }

    record Graph(String g, Group body) implements El {
        public String render() {
            return "GRAPH " + g + " " + body.render();
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>(List.of(new Sub(body)));
            body.shrinks().forEach(x -> out.add(new Graph(g, x)));
            return out;
        }
    }

    /** OPTIONAL, MINUS, or a plain nested group (keyword empty). */
    record Keyed(String keyword, Group body) implements El {
        public String render() {
            return keyword + " " + body.render();
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>(List.of(new Sub(body)));
            body.shrinks().forEach(x -> out.add(new Keyed(keyword, x)));
            return out;
        }
    }

    record Sub(Group body) implements El {
        public String render() {
            return body.render();
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>();
            body.shrinks().forEach(x -> out.add(new Sub(x)));
            return out;
        }
    }

    record Union(Group a, Group b) implements El {
        public String render() {
            return a.render() + " UNION " + b.render();
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>(List.of(new Sub(a), new Sub(b)));
            a.shrinks().forEach(x -> out.add(new Union(x, b)));
            b.shrinks().forEach(x -> out.add(new Union(a, x)));
            return out;
        }
    }

    /** FILTER with a plain expression. */
    record Filter(String expr) implements El {
        public String render() {
            return "FILTER(" + expr + ")";
        }

        public List<El> shrinks() {
            return List.of();
        }
    }

    /** FILTER [NOT] EXISTS { … }. */
    record Exists(boolean not, Group body) implements El {
        public String render() {
            return "FILTER(" + (not ? "NOT " : "") + "EXISTS " + body.render() + ")";
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>(List.of(new Sub(body)));
            body.shrinks().forEach(x -> out.add(new Exists(not, x)));
            return out;
        }
    }

    record Values(String var, List<String> terms) implements El {
        public String render() {
            return "VALUES " + var + " { " + String.join(" ", terms) + " }";
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>();
            for (int i = 0; i < terms.size() && terms.size() > 1; i++) {
                out.add(new Values(var, without(terms, i)));
            }
            return out;
        }
    }

    record Bind(String expr, String var) implements El {
        public String render() {
            return "BIND(" + expr + " AS " + var + ")";
        }

        public List<El> shrinks() {
            return List.of();
        }
    }

    /** A subquery. */
    record SubSelect(Select select) implements El {
        public String render() {
            return "{ " + select.render() + " }";
        }

        public List<El> shrinks() {
            List<El> out = new ArrayList<>(List.of(new Sub(select.where())));
            select.shrinksAsSelect().forEach(x -> out.add(new SubSelect(x)));
            return out;
        }
    }

    /** A group graph pattern {@code { … }}. */
    record Group(List<El> els) {
        String render() {
            return "{ " + els.stream().map(El::render).collect(Collectors.joining(" ")) + " }";
        }

        List<Group> shrinks() {
            List<Group> out = new ArrayList<>();
            for (int i = 0; i < els.size(); i++) {
                out.add(new Group(without(els, i)));
            }
            for (int i = 0; i < els.size(); i++) {
                for (El x : els.get(i).shrinks()) {
                    List<El> copy = new ArrayList<>(els);
                    copy.set(i, x);
                    out.add(new Group(copy));
                }
            }
            return out;
        }
    }

    /** A whole query. */
    sealed interface Query {
        String render();

        List<Query> shrinks();

        default int size() {
            return render().length();
        }
    }

    /**
     * SELECT: {@code projection} empty means {@code *}; with {@code groupBy} or aggregates the
     * projection is the grouped variables then the aggregates.
     */
    record Select(boolean distinct, List<String> projection, Group where, List<String> groupBy, List<String> aggregates)
            implements Query {
        public String render() {
            List<String> head = new ArrayList<>();
            if (aggregates.isEmpty() && groupBy.isEmpty()) {
                head.addAll(projection.isEmpty() ? List.of("*") : projection);
            } else {
                head.addAll(groupBy);
                head.addAll(aggregates);
            }
            return "SELECT " + (distinct ? "DISTINCT " : "") + String.join(" ", head) + " WHERE " + where.render()
                    + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(" ", groupBy));
        }

        List<Select> shrinksAsSelect() {
            List<Select> out = new ArrayList<>();
            if (distinct) {
                out.add(new Select(false, projection, where, groupBy, aggregates));
            }
            if (!aggregates.isEmpty() || !groupBy.isEmpty()) {
                out.add(new Select(distinct, List.of(), where, List.of(), List.of()));
            }
            if (!projection.isEmpty()) {
                out.add(new Select(distinct, List.of(), where, groupBy, aggregates));
            }
            where.shrinks().forEach(w -> out.add(new Select(distinct, projection, w, groupBy, aggregates)));
            return out;
        }

        public List<Query> shrinks() {
            return new ArrayList<>(shrinksAsSelect());
        }
    }

    record Ask(Group where) implements Query {
        public String render() {
            return "ASK " + where.render();
        }

        public List<Query> shrinks() {
            List<Query> out = new ArrayList<>();
            where.shrinks().forEach(w -> out.add(new Ask(w)));
            return out;
        }
    }

    /** CONSTRUCT with a template of triples (each {@code s p o}). */
    record Construct(List<String> template, Group where) implements Query {
        public String render() {
            return "CONSTRUCT { " + String.join(" . ", template) + " } WHERE " + where.render();
        }

        public List<Query> shrinks() {
            List<Query> out = new ArrayList<>();
            for (int i = 0; i < template.size() && template.size() > 1; i++) {
                out.add(new Construct(without(template, i), where));
            }
            where.shrinks().forEach(w -> out.add(new Construct(template, w)));
            return out;
        }
    }

    /** DESCRIBE terms, with or without a WHERE clause (null). */
    record Describe(List<String> terms, Group where) implements Query {
        public String render() {
            return "DESCRIBE " + String.join(" ", terms) + (where == null ? "" : " WHERE " + where.render());
        }

        public List<Query> shrinks() {
            List<Query> out = new ArrayList<>();
            for (int i = 0; i < terms.size() && terms.size() > 1; i++) {
                out.add(new Describe(without(terms, i), where));
            }
            if (where != null) {
                where.shrinks().forEach(w -> out.add(new Describe(terms, w)));
            }
            return out;
        }
    }

    private static <T> List<T> without(List<T> list, int i) {
        List<T> copy = new ArrayList<>(list);
        copy.remove(i);
        return copy;
    }

    private static List<Path> withShrunk(List<Path> first, List<Path> shrunk, java.util.function.Function<Path, Path> wrap) {
        List<Path> out = new ArrayList<>(first);
        shrunk.forEach(x -> out.add(wrap.apply(x)));
        return out;
    }
}
