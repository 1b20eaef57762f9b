package fr.regie.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The second step of a refresh: the live graph and what the staged data changes in it, in the
 * store's terms (the staging graph holds them already), for the subjects the run touched or for
 * everything. {@code live} is the live version, {@code liveRows} the rows it was made from.
 */
record Difference(long live, long liveRows, long liveTriples, List<Triple> removed, List<Triple> added) {

    /** No change to a live version (the source's fingerprint was unchanged). */
    static Difference none(long live) {
        return new Difference(live, 0, 0, List.of(), List.of());
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    /** The difference between the staged data and the dataset's live graph. */
    static Difference of(Store store, GraphNames graphs, String dataset, Staging.Staged staged, long live) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> {
            Graph liveGraph = dsg.getGraph(graphs.dataset(dataset));
            List<Triple> added = new ArrayList<>();
            List<Triple> removed = new ArrayList<>();
            if (staged.incremental()) {
                for (Node s : staged.touched()) {
                    liveGraph.find(s, Node.ANY, Node.ANY).forEach(t -> {
                        if (!staged.graph().contains(t)) {
                            removed.add(t);
                        }
                    });
                }
            } else {
                liveGraph.find().forEach(t -> {
                    if (!staged.graph().contains(t)) {
                        removed.add(t);
                    }
                });
            }
            staged.graph().find().forEach(t -> {
                if (!liveGraph.contains(t)) {
                    added.add(t);
                }
            });
            return new Difference(live, MetaRecords.liveRows(dsg, graphs, dataset), liveGraph.size(), removed, added);
        });
    }
}
