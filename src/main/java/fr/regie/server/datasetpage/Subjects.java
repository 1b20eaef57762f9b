package fr.regie.server.datasetpage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;

/**
 * The subjects of a dataset's graph as rows: every IRI subject, in the order of its IRI (code
 * points), each with its properties (by IRI) and their values (in the order of their text). Blank
 * nodes are not rows: they are nested values and show inside their parent's cell. Read inside a
 * read transaction of the caller's view.
 */
final class Subjects {
    /** The order of values and properties: IRIs and literals by their text. */
    static final Comparator<Node> BY_TEXT = Comparator.comparing(Subjects::text);

    private Subjects() {}

    /** Every IRI subject of {@code graph}, in order. */
    static List<Node> all(DatasetGraph view, Node graph) {
        TreeSet<String> iris = new TreeSet<>();
        view.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (q.getSubject().isURI()) {
                iris.add(q.getSubject().getURI());
            }
        });
        List<Node> out = new ArrayList<>(iris.size());
        iris.forEach(i -> out.add(org.apache.jena.graph.NodeFactory.createURI(i)));
        return out;
    }

    /** The IRI subjects of {@code graph} typed {@code type}, in order. */
    static List<Node> ofClass(DatasetGraph view, Node graph, Node type) {
        TreeSet<String> iris = new TreeSet<>();
        view.find(graph, Node.ANY, RDF.Nodes.type, type).forEachRemaining(q -> {
            if (q.getSubject().isURI()) {
                iris.add(q.getSubject().getURI());
            }
        });
        return iris.stream().map(org.apache.jena.graph.NodeFactory::createURI).toList();
    }

    /** The classes of the graph's IRI subjects, with how many subjects each has, by IRI. */
    static Map<String, Long> classes(DatasetGraph view, Node graph) {
        Map<String, Long> out = new TreeMap<>();
        view.find(graph, Node.ANY, RDF.Nodes.type, Node.ANY).forEachRemaining(q -> {
            if (q.getSubject().isURI() && q.getObject().isURI()) {
                out.merge(q.getObject().getURI(), 1L, Long::sum);
            }
        });
        return out;
    }

    /** A subject's properties and their values, properties by IRI, values by text. */
    static Map<Node, List<Node>> values(DatasetGraph view, Node graph, Node subject) {
        Map<Node, List<Node>> out = new TreeMap<>(BY_TEXT);
        view.find(graph, subject, Node.ANY, Node.ANY).forEachRemaining(q ->
                out.computeIfAbsent(q.getPredicate(), p -> new ArrayList<>()).add(q.getObject()));
        out.values().forEach(v -> v.sort(BY_TEXT));
        return out;
    }

    /** The properties used by {@code subjects}, by IRI. */
    static List<Node> properties(DatasetGraph view, Node graph, List<Node> subjects) {
        TreeSet<Node> props = new TreeSet<>(BY_TEXT);
        for (Node s : subjects) {
            view.find(graph, s, Node.ANY, Node.ANY).forEachRemaining(q -> props.add(q.getPredicate()));
        }
        return new ArrayList<>(props);
    }

    /** Rows of {@code subjects}: subject → property → values. */
    static Map<Node, Map<Node, List<Node>>> rows(DatasetGraph view, Node graph, List<Node> subjects) {
        Map<Node, Map<Node, List<Node>>> out = new LinkedHashMap<>();
        for (Node s : subjects) {
            out.put(s, values(view, graph, s));
        }
        return out;
    }

    /** A term as text: an IRI, a literal's lexical form, a blank node's label. */
    static String text(Node n) {
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.isBlank() ? "_:" + n.getBlankNodeLabel() : n.toString();
    }
}
