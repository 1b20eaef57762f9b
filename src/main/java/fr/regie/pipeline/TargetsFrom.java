package fr.regie.pipeline;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.vocabulary.RDF;

/**
 * The graph SHACL validates a staged dataset in: everything ({@code all}: the staged triples and
 * their context) for the lookups constraints make about a node, but only the staged records when
 * SHACL looks for the instances of a target class. So a dataset is validated in context at the
 * cost of its own size, not of the store's.
 */
final class TargetsFrom extends GraphBase {
    private final Graph staged;
    private final Graph all;

    TargetsFrom(Graph staged, Graph all) {
        this.staged = staged;
        this.all = all;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = pattern.getSubject();
        Node p = pattern.getPredicate();
        if (!s.isConcrete() && RDF.Nodes.type.equals(p)) {
            return staged.find(pattern);
        }
        return all.find(pattern);
    }
}
