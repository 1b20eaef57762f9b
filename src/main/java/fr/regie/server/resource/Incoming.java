package fr.regie.server.resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * The links to a resource, in sections ("stations in this commune", "member communes"): the
 * resources (IRIs) of the caller's view that point at it, grouped by property and by their type
 * (the smallest of their types' IRIs, none when untyped), each section with its count and its
 * first {@value #SHOWN} members by IRI. Reads at most {@value #MAX_READ} links in all (a région
 * has thousands); a section counted up to that bound says so. Run inside a read transaction.
 */
final class Incoming {
    static final int SHOWN = 50;
    static final int MAX_READ = 20_000;

    /** One section: the property, the type of its members (null: untyped), how many, the first ones. */
    record Section(Node property, Node type, int count, boolean capped, List<Node> members) {}

    private Incoming() {}

    static List<Section> of(DatasetGraph view, Node subject) {
        Map<List<Node>, List<Node>> groups = new LinkedHashMap<>();
        Set<List<Node>> seenLinks = new HashSet<>();
        Iterator<Quad> it = view.find(Node.ANY, Node.ANY, Node.ANY, subject);
        int read = 0;
        boolean capped = false;
        while (it.hasNext()) {
            if (read++ >= MAX_READ) {
                capped = true;
                break;
            }
            Quad q = it.next();
            Node s = q.getSubject();
            if (!s.isURI() || s.equals(subject) || q.getPredicate().equals(RDF.type.asNode())
                    || !seenLinks.add(List.of(s, q.getPredicate()))) {
                continue;
            }
            Node type = typeOf(view, s);
            groups.computeIfAbsent(java.util.Arrays.asList(q.getPredicate(), type), k -> new ArrayList<>()).add(s);
        }
        List<Section> out = new ArrayList<>();
        boolean c = capped;
        groups.forEach((k, members) -> {
            List<Node> first = members.stream().sorted(Comparator.comparing(Node::getURI)).limit(SHOWN).toList();
            out.add(new Section(k.get(0), k.get(1), members.size(), c, first));
        });
        out.sort(Comparator.comparing((Section x) -> -x.count()).thenComparing(x -> x.property().getURI())
                .thenComparing(x -> x.type() == null ? "" : x.type().getURI()));
        return out;
    }

    /** The type a resource is grouped under: the smallest IRI among its types, or null. */
    static Node typeOf(DatasetGraph view, Node s) {
        Iterator<Quad> it = view.find(Node.ANY, s, RDF.type.asNode(), Node.ANY);
        Node best = null;
        while (it.hasNext()) {
            Node t = it.next().getObject();
            if (t.isURI() && (best == null || t.getURI().compareTo(best.getURI()) < 0)) {
                best = t;
            }
        }
        return best;
    }
}
