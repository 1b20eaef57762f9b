package fr.regie.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.util.iterator.ExtendedIterator;

import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * A check's {@link Difference}: the same comparison of the staged data with the live graph, but
 * counted while it streams, with the first removed triples as examples and the mass-deletion
 * guard's measure, never a list of every triple (a first check of a million rows adds millions).
 */
record DifferenceCount(long live, long liveRows, long liveTriples, long added, long removed, MassDeletion deletion,
                       List<Triple> removedExamples) {
    private static final int DELETION_SAMPLES = 20;

    DifferenceCount {
        removedExamples = List.copyOf(removedExamples);
    }

    /**
     * Which live triples the patch would remove: those of the subjects the staging touched (all
     * of them for a full staging) that are not staged, as {@link Difference#of} lists them.
     */
    static Predicate<Triple> removal(Staging.Staged staged) {
        Graph g = staged.graph();
        if (staged.incremental()) {
            return t -> staged.touched().contains(t.getSubject()) && !g.contains(t);
        }
        return t -> !g.contains(t);
    }

    /** Counts the difference between the staged data and the dataset's live graph, keeping {@code examples} removed triples. */
    static DifferenceCount of(Store store, GraphNames graphs, String dataset, Staging.Staged staged, long live, int examples) {
        DatasetGraph dsg = store.dataset();
        Graph stagedGraph = staged.graph();
        Predicate<Triple> removal = removal(staged);
        return Txn.calculateRead(dsg, () -> {
            Graph liveGraph = dsg.getGraph(graphs.dataset(dataset));
            long[] removed = new long[1];
            long[] deleted = new long[1];
            List<Triple> shown = new ArrayList<>();
            List<Triple> deletionSamples = new ArrayList<>();
            java.util.function.Consumer<Triple> onLive = t -> {
                if (!removal.test(t)) {
                    return;
                }
                removed[0]++;
                if (shown.size() < examples) {
                    shown.add(t);
                }
                // MassDeletion's rule: a deletion unless the patch adds another value for the same subject and property.
                ExtendedIterator<Triple> others = stagedGraph.find(t.getSubject(), t.getPredicate(), Node.ANY).filterKeep(a -> !liveGraph.contains(a));
                boolean updated;
                try {
                    updated = others.hasNext();
                } finally {
                    others.close();
                }
                if (!updated) {
                    deleted[0]++;
                    if (deletionSamples.size() < DELETION_SAMPLES) {
                        deletionSamples.add(t);
                    }
                }
            };
            if (staged.incremental()) {
                for (Node s : staged.touched()) {
                    liveGraph.find(s, Node.ANY, Node.ANY).forEachRemaining(onLive);
                }
            } else {
                liveGraph.find().forEachRemaining(onLive);
            }
            long[] added = new long[1];
            if (liveGraph.isEmpty()) {
                // A first check: everything staged is added, without a lookup in the store per triple.
                added[0] = stagedGraph.size();
            } else {
                stagedGraph.find().forEachRemaining(t -> {
                    if (!liveGraph.contains(t)) {
                        added[0]++;
                    }
                });
            }
            long liveRows = MetaRecords.liveRows(dsg, graphs, dataset);
            long liveTriples = liveGraph.size();
            MassDeletion deletion = new MassDeletion(deleted[0], liveTriples, liveRows, staged.rows(), List.copyOf(deletionSamples));
            return new DifferenceCount(live, liveRows, liveTriples, added[0], removed[0], deletion, shown);
        });
    }
}
