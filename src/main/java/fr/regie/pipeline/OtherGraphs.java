package fr.regie.pipeline;

import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;

/**
 * A read-only view of every named graph of the store but one (a dataset's own), each triple once:
 * the context a dataset is validated in. Needs a read transaction.
 */
final class OtherGraphs extends GraphBase {
    private final DatasetGraph dsg;
    private final Node except;

    OtherGraphs(DatasetGraph dsg, Node except) {
        this.dsg = dsg;
        this.except = except;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Set<Triple> seen = new HashSet<>();
        return WrappedIterator.create(dsg.find(Node.ANY, pattern.getSubject(), pattern.getPredicate(), pattern.getObject()))
                .filterDrop(q -> q.getGraph().equals(except) || Quad.isDefaultGraph(q.getGraph()))
                .mapWith(Quad::asTriple).filterKeep(seen::add);
    }
}
