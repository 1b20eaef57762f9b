package fr.regie.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesCollector;
import org.apache.jena.rdfpatch.changes.RDFChangesWrapper;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.store.GraphNames;
import fr.regie.store.Outbox;
import fr.regie.store.OutboxEntry;
import fr.regie.store.Store;
import fr.regie.store.StoreTerms;

/**
 * The one write transaction that records a run, and its replication entry: the caller changes
 * the data (if it must) and records the run with the {@link MetaRecorder} it is given; when the
 * store keeps an outbox ({@link Outbox#enabled}), the recorder's changes to the dataset's
 * metadata graph are captured (only those with an effect, quad by quad, in the store's terms),
 * and the entry (run, the run before it, version, data kind, meta patch) is written to the outbox
 * before the transaction commits. A transaction that fails after writing its entry removes it; a
 * crash leaves it to {@link Outbox#recover}. Used by {@link Commit}, {@link BulkLoad} and the
 * refresher's failed runs.
 */
final class Recorded {
    private Recorded() {}

    /**
     * Runs {@code work} in one write transaction and commits it; returns the run it recorded.
     * {@code version} is the dataset's data version after the commit, {@code data} what the
     * commit's entry holds of the data graph's change.
     */
    static Node write(Store store, GraphNames graphs, String dataset, long version, OutboxEntry.Data data,
                      Function<MetaRecorder, Node> work) {
        DatasetGraph dsg = store.dataset();
        Outbox outbox = new Outbox(store.layout());
        if (!outbox.enabled()) {
            return Txn.calculateWrite(dsg, () -> work.apply(new MetaRecorder(dsg, graphs)));
        }
        String storeId;
        try {
            storeId = store.layout().identity();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store's identity in " + store.dir(), e);
        }
        AtomicReference<Outbox.Item> written = new AtomicReference<>();
        try {
            return Txn.calculateWrite(dsg, () -> {
                String prev = MetaRecords.lastRun(dsg, graphs, dataset).orElse("");
                RDFChangesCollector changes = new RDFChangesCollector();
                changes.txnBegin();
                Node run = work.apply(new MetaRecorder(new DatasetGraphChanges(dsg, new Effective(dsg, graphs.meta(dataset), changes)),
                        graphs));
                changes.txnCommit();
                ByteArrayOutputStream meta = new ByteArrayOutputStream();
                RDFPatchOps.write(meta, changes.getRDFPatch());
                OutboxEntry entry = new OutboxEntry(storeId, dataset, version, run.getURI(), prev, Instant.now(), data, null,
                        meta.toByteArray());
                try {
                    written.set(outbox.write(entry));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the outbox entry of " + dataset + " version " + version, e);
                }
                return run;
            });
        } catch (RuntimeException e) {
            Outbox.Item item = written.get();
            if (item != null) {
                try {
                    outbox.remove(item);
                } catch (IOException ignored) {
                    // The next start's recovery removes it: its run is not in the metadata graph.
                }
            }
            throw e;
        }
    }

    /**
     * Passes on the changes that have an effect on the metadata graph (an add of a quad not there,
     * a delete of one there), in the store's terms: the change is told before it is made.
     */
    private static final class Effective extends RDFChangesWrapper {
        private final DatasetGraph dsg;
        private final Node meta;

        Effective(DatasetGraph dsg, Node meta, RDFChanges into) {
            super(into);
            this.dsg = dsg;
            this.meta = meta;
        }

        @Override
        public void add(Node g, Node s, Node p, Node o) {
            if (meta.equals(g) && !dsg.contains(g, s, p, o)) {
                super.add(g, StoreTerms.canonical(s), StoreTerms.canonical(p), StoreTerms.canonical(o));
            }
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            if (meta.equals(g) && dsg.contains(g, s, p, o)) {
                super.delete(g, StoreTerms.canonical(s), StoreTerms.canonical(p), StoreTerms.canonical(o));
            }
        }
    }
}
