package fr.regie.pipeline;

import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;

import fr.regie.store.StoreTerms;

/**
 * A read-only view of a live graph as it will be once a refresh's patch is applied: the live
 * triples but the removed ones, and the staged ones. What the patch adds is what is staged and
 * not live, so the view reads the staged graph rather than a copy of the additions (a first load
 * stages the whole dataset). Everything is in the store's terms, as a refresh computes it.
 */
final class Patched extends GraphBase {
    private final Graph live;
    private final Predicate<Triple> removed;
    private final Graph staged;
    private final long removedCount;
    private final long added;

    /** {@code removed} are live triples, {@code added} how many staged triples the live graph lacks. */
    Patched(Graph live, Set<Triple> removed, Graph staged, int added) {
        this(live, removed::contains, removed.size(), staged, added);
    }

    /**
     * As above, with the removed triples given by a test rather than a set (a check's difference
     * is counted, never listed): {@code removed} accepts exactly the {@code removedCount} live
     * triples the patch removes.
     */
    Patched(Graph live, Predicate<Triple> removed, long removedCount, Graph staged, long added) {
        this.live = live;
        this.removed = removed;
        this.staged = staged;
        this.removedCount = removedCount;
        this.added = added;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        // The live graph matches by value, the staged one by term: ask both in the store's terms.
        Triple p = StoreTerms.canonical(pattern);
        return live.find(p).filterDrop(t -> removed.test(t) || staged.contains(t)).andThen(staged.find(p));
    }

    @Override
    protected int graphBaseSize() {
        return (int) Math.min(Integer.MAX_VALUE, live.size() - removedCount + added);
    }
}
