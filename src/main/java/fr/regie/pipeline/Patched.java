package fr.regie.pipeline;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;

import fr.regie.store.StoreTerms;

/**
 * A read-only view of a live graph as it will be once a patch is applied: the live triples but
 * the removed ones, and the added ones. {@code removed} is a subset of the live graph and
 * {@code added} shares nothing with it, both in the store's terms, as a refresh computes them.
 */
final class Patched extends GraphBase {
    private final Graph live;
    private final Graph removed;
    private final Graph added;

    Patched(Graph live, Graph removed, Graph added) {
        this.live = live;
        this.removed = removed;
        this.added = added;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        // The live graph matches by value, the in-memory ones by term: ask them in the store's terms.
        Triple p = StoreTerms.canonical(pattern);
        return live.find(p).filterDrop(removed::contains).andThen(added.find(p));
    }

    @Override
    protected int graphBaseSize() {
        return live.size() - removed.size() + added.size();
    }
}
