package fr.regie.pipeline;

import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.apache.jena.vocabulary.RDF;

/**
 * A graph as SHACL sees it when a large dataset is validated a window of subjects at a time: the
 * lookups by which SHACL finds its targets (instances of a class: {@code (?, rdf:type, C)};
 * subjects of a property: {@code (?, p, ?)}) answer only the window's subjects, so that each
 * focus node is validated in exactly one window (they are asked subject by subject, so a window
 * costs its own size); every other lookup (a focus node's values, an
 * inverse path from a node) sees the whole graph. Only for shapes whose targets are classes or
 * subjects of a property ({@link CheckValidation} checks).
 */
final class SubjectWindow extends GraphBase {
    private final Graph graph;
    private final Set<Node> subjects;

    SubjectWindow(Graph graph, Set<Node> subjects) {
        this.graph = graph;
        this.subjects = subjects;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = pattern.getSubject();
        Node o = pattern.getObject();
        boolean targetLookup = !s.isConcrete() && (!o.isConcrete() || RDF.Nodes.type.equals(pattern.getPredicate()));
        if (!targetLookup) {
            return graph.find(pattern);
        }
        // Asked subject by subject: a window costs its own size, not a scan of the whole graph.
        Node p = pattern.getPredicate();
        return WrappedIterator.create(Iter.flatMap(subjects.iterator(), subject -> graph.find(subject, p, o)));
    }

    @Override
    protected int graphBaseSize() {
        return graph.size();
    }
}
