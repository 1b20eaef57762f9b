package fr.regie.pipeline;

import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.NullIterator;

/** A read-only view of a graph without the triples of some subjects (those a refresh replaces). */
final class WithoutSubjects extends GraphBase {
    private final Graph base;
    private final Set<Node> hidden;

    WithoutSubjects(Graph base, Set<Node> hidden) {
        this.base = base;
        this.hidden = hidden;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = pattern.getSubject();
        if (s.isConcrete() && hidden.contains(s)) {
            return NullIterator.instance();
        }
        return base.find(pattern).filterDrop(t -> hidden.contains(t.getSubject()));
    }
}
