package fr.regie.replication;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.apache.jena.graph.Node;
import org.apache.jena.query.TxnType;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.store.ChangeLog;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * Applies one entry to a replica's store in one write transaction, or says why it cannot: the
 * entry's run is already recorded (a duplicate: nothing to do); it does not follow the run the
 * replica holds (a gap, or out of order); it carries no patch; its patch does not fit (a triple
 * it deletes is absent, one it adds is present, a quad outside the dataset's graphs, text that
 * does not parse); or once applied the metadata graph does not say the entry's version and run.
 * Those last cases leave the store as it was and call for the primary's snapshot. An accepted
 * version's patch is written to the replica's change log, as that version, before the commit
 * (as a refresh writes its own), so the replica's change feed and event stream serve it too.
 */
final class EntryApply {
    private EntryApply() {}

    /** What became of an entry. */
    enum Result {
        /** Applied: the dataset is at the entry's version and run. */
        APPLIED,
        /** Its run was recorded already: skipped. */
        KNOWN,
        /** Not applied: take the primary's snapshot of the dataset. */
        SNAPSHOT
    }

    /** A result and, for {@link Result#SNAPSHOT}, why. */
    record Outcome(Result result, String why) {
        static final Outcome APPLIED = new Outcome(Result.APPLIED, "");
        static final Outcome KNOWN = new Outcome(Result.KNOWN, "");

        static Outcome snapshot(String why) {
            return new Outcome(Result.SNAPSHOT, why);
        }
    }

    /** A patch that does not fit the replica's graph: the message says where. */
    private static final class Misfit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Misfit(String message) {
            super(message, null, false, false);
        }
    }

    static Outcome apply(Store store, GraphNames graphs, Entry e) throws IOException {
        DatasetGraph dsg = store.dataset();
        ChangeLog log = store.layout().changeLog(e.dataset());
        dsg.begin(TxnType.WRITE);
        boolean committed = false;
        MetaState now = MetaState.NONE;
        try {
            now = MetaState.of(dsg, graphs, e.dataset());
            if (MetaState.recorded(dsg, graphs, e.dataset(), e.run())) {
                return Outcome.KNOWN;
            }
            if (e.data() == Entry.Data.SNAPSHOT) {
                return Outcome.snapshot("version " + e.version() + " is not carried by the log");
            }
            if (!e.prev().equals(now.lastRun())) {
                return Outcome.snapshot("entry " + e.id() + " follows " + shown(e.prev()) + ", the replica holds " + shown(now.lastRun()));
            }
            if (e.version() < now.version() || e.data() == Entry.Data.PATCH && e.version() == now.version()) {
                return Outcome.snapshot("entry " + e.id() + " would not move version " + now.version() + " forward");
            }
            try {
                if (e.data() == Entry.Data.PATCH) {
                    read(e.dataPatch(), new Changes(dsg, graphs.dataset(e.dataset()), true));
                }
                read(e.metaPatch(), new Changes(dsg, graphs.meta(e.dataset()), false));
            } catch (Misfit m) {
                return Outcome.snapshot("entry " + e.id() + " does not fit: " + m.getMessage());
            } catch (RuntimeException bad) {
                return Outcome.snapshot("entry " + e.id() + " has a patch that does not parse: " + bad.getMessage());
            }
            MetaState after = MetaState.of(dsg, graphs, e.dataset());
            if (after.version() != e.version() || !after.lastRun().equals(e.run())) {
                return Outcome.snapshot("after entry " + e.id() + " the metadata graph says version " + after.version() + ", run "
                        + shown(after.lastRun()));
            }
            if (e.data() == Entry.Data.PATCH) {
                // A patch a crash left beyond the committed version would stand in the way.
                log.truncateAfter(now.version());
                Path pending = log.pending(e.version());
                try (FileOutputStream out = new FileOutputStream(pending.toFile())) {
                    out.write(e.dataPatch());
                    out.getFD().sync();
                }
                log.install(e.version());
            }
            dsg.commit();
            committed = true;
            return Outcome.APPLIED;
        } finally {
            if (!committed) {
                dsg.abort();
                if (e.data() == Entry.Data.PATCH) {
                    log.truncateAfter(now.version());
                }
            }
            dsg.end();
        }
    }

    private static String shown(String run) {
        return run.isEmpty() ? "no run" : run;
    }

    private static void read(byte[] patch, RDFChangesBase changes) {
        new RDFPatchReaderText(new ByteArrayInputStream(patch)).apply(changes);
    }

    /**
     * Applies a patch's quads to one graph. {@code strict} (the data graph): a deleted quad must be
     * there, an added one must not, as in the change log's patches (a difference). The metadata
     * graph's patch is applied as recorded, in order: re-adding a quad the graph has is allowed.
     */
    private static final class Changes extends RDFChangesBase {
        private final DatasetGraph dsg;
        private final Node graph;
        private final boolean strict;

        Changes(DatasetGraph dsg, Node graph, boolean strict) {
            this.dsg = dsg;
            this.graph = graph;
            this.strict = strict;
        }

        @Override
        public void add(Node g, Node s, Node p, Node o) {
            check(g);
            if (strict && dsg.contains(g, s, p, o)) {
                throw new Misfit("it adds a triple already there (" + s + " " + p + ")");
            }
            dsg.add(g, s, p, o);
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            check(g);
            if (strict && !dsg.contains(g, s, p, o)) {
                throw new Misfit("it deletes a triple that is not there (" + s + " " + p + ")");
            }
            dsg.delete(g, s, p, o);
        }

        private void check(Node g) {
            if (g == null || !g.equals(graph)) {
                throw new Misfit("a quad in " + (g == null ? "the default graph" : g) + ", not in " + graph);
            }
        }
    }
}
