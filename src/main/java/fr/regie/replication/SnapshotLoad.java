package fr.regie.replication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import org.apache.jena.graph.Node;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.store.StoreLayout;

/**
 * Puts a primary's snapshot of a dataset in place of the replica's copy: in one write transaction
 * its data graph and metadata graph are emptied and filled from the snapshot (streamed from disk,
 * blank nodes keeping the primary's labels, so the patches that follow still name them), and the
 * metadata graph must then say the snapshot's version and run. Once committed, what was derived
 * from the dataset's change log goes: the log itself (its versions no longer lead to this one),
 * the event stream's member lists and the cached dumps. Until then readers see the old copy whole.
 */
final class SnapshotLoad {
    private SnapshotLoad() {}

    /** A snapshot that cannot be loaded: a quad outside the dataset's graphs, text that does not parse, labels that disagree. */
    static final class Unloadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unloadable(String message) {
            super(message, null, false, false);
        }
    }

    static void load(Store store, GraphNames graphs, String dataset, SnapshotSource.Snapshot s) throws IOException, Unloadable {
        long expected = declared(dataset, s);
        long[] count = {0};
        DatasetGraph dsg = store.dataset();
        Node data = graphs.dataset(dataset);
        Node meta = graphs.meta(dataset);
        dsg.begin(TxnType.WRITE);
        boolean committed = false;
        try {
            dsg.removeGraph(data);
            dsg.removeGraph(meta);
            try (InputStream in = Files.newInputStream(s.file())) {
                RDFParser.source(in).lang(Lang.NQUADS).labelToNode(LabelToNode.createUseLabelEncoded()).parse(new StreamRDFBase() {
                    @Override
                    public void quad(Quad q) {
                        if (!q.getGraph().equals(data) && !q.getGraph().equals(meta)) {
                            throw new IllegalArgumentException("a quad in " + q.getGraph() + ", which is neither " + data + " nor " + meta);
                        }
                        dsg.add(q);
                        count[0]++;
                    }

                    @Override
                    public void triple(org.apache.jena.graph.Triple t) {
                        throw new IllegalArgumentException("a triple outside any named graph");
                    }
                });
            } catch (RuntimeException e) {
                throw new Unloadable("the snapshot of " + dataset + " does not load: " + e.getMessage());
            }
            if (count[0] != expected) {
                throw new Unloadable("the snapshot of " + dataset + " holds " + count[0] + " quads, its last line says " + expected + " (refused)");
            }
            MetaState after = MetaState.of(dsg, graphs, dataset);
            if (after.version() != s.version() || !after.lastRun().equals(s.run())) {
                throw new Unloadable("the snapshot of " + dataset + " says version " + s.version() + ", run " + show(s.run())
                        + ", its metadata graph version " + after.version() + ", run " + show(after.lastRun()));
            }
            dsg.commit();
            committed = true;
        } finally {
            if (!committed) {
                dsg.abort();
            }
            dsg.end();
        }
        forget(store.layout(), dataset);
    }

    /**
     * The number of quads the snapshot's last line declares ({@link SnapshotSource#END}): a
     * snapshot without that line as its last was cut short (a dropped connection, a proxy), and
     * loading it would leave the dataset part of a version.
     */
    static long declared(String dataset, SnapshotSource.Snapshot s) throws IOException, Unloadable {
        byte[] tail;
        try (java.nio.channels.SeekableByteChannel c = Files.newByteChannel(s.file())) {
            long size = c.size();
            int n = (int) Math.min(size, 256);
            c.position(size - n);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
            while (b.hasRemaining() && c.read(b) > 0) {
                // Reads the tail whole.
            }
            tail = java.util.Arrays.copyOf(b.array(), b.position());
        }
        String text = new String(tail, java.nio.charset.StandardCharsets.US_ASCII);
        if (!text.endsWith("\n")) {
            throw new Unloadable("the snapshot of " + dataset + " does not end with a line end: cut short (refused)");
        }
        String last = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1, text.length() - 1);
        if (!last.startsWith(SnapshotSource.END)) {
            throw new Unloadable("the snapshot of " + dataset + " does not end with \"" + SnapshotSource.END + "N\": cut short (refused)");
        }
        try {
            return Long.parseLong(last.substring(SnapshotSource.END.length()).strip());
        } catch (NumberFormatException e) {
            throw new Unloadable("the snapshot of " + dataset + " ends with \"" + last + "\", not a count of quads (refused)");
        }
    }

    /** Removes what was derived from the dataset's change log, and the log: the versions it held do not lead to this one. */
    static void forget(StoreLayout layout, String dataset) throws IOException {
        layout.changeLog(dataset).truncateAfter(0);
        Store.deleteTree(layout.ldes(dataset));
        Store.deleteTree(layout.dumps().resolve(dataset));
    }

    private static String show(String run) {
        return run.isEmpty() ? "none" : run;
    }
}
