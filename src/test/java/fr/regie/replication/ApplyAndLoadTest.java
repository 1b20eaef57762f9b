package fr.regie.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.GraphDump;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The two writes of a replica on real TDB2 stores, with blank nodes (a mapping may make them):
 * a snapshot written as the primary's endpoint writes it loads with the primary's labels, so the
 * primary's later patches, which name those labels, apply; seeded random patches keep the
 * replica equal to the primary; an entry that does not fit, a snapshot with a quad outside the
 * dataset's graphs, or one whose metadata does not say its headers leave the replica as it was.
 */
class ApplyAndLoadTest {
    private static final GraphNames GRAPHS = new GraphNames("https://t.example/");
    private static final String DS = "things";
    private static final Node VERSION = NodeFactory.createURI("https://w3id.org/regie#version");
    private static final Node LAST = NodeFactory.createURI("https://w3id.org/regie#lastRefresh");
    private static final Node REFRESH = NodeFactory.createURI("https://w3id.org/regie#refresh");

    @TempDir
    Path dir;
    Store primary;
    Store replica;
    Node dsNode = NodeFactory.createURI("https://t.example/id/dataset/" + DS);
    long version;
    String run = "";
    int runs;

    @BeforeEach
    void open() {
        primary = Store.open(dir.resolve("primary"));
        replica = Store.open(dir.resolve("replica"));
    }

    @AfterEach
    void close() {
        primary.close();
        replica.close();
    }

    /** Commits a change on the primary as a refresh would, and returns its entry (data patch, meta patch). */
    private Entry commit(List<Quad> deleted, List<Quad> added) throws Exception {
        DatasetGraph dsg = primary.dataset();
        Node meta = GRAPHS.meta(DS);
        String prev = run;
        long before = version;
        version++;
        run = "https://t.example/id/dataset/" + DS + "/refresh/r" + (++runs);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream metaPatch = new ByteArrayOutputStream();
        RDFChanges d = RDFPatchOps.textWriter(data);
        RDFChanges m = RDFPatchOps.textWriter(metaPatch);
        d.start();
        d.txnBegin();
        m.start();
        m.txnBegin();
        Node runNode = NodeFactory.createURI(run);
        Txn.executeWrite(dsg, () -> {
            deleted.forEach(q -> {
                dsg.delete(q);
                d.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            });
            added.forEach(q -> {
                dsg.add(q);
                d.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            });
            if (before > 0) {
                Node old = NodeFactory.createLiteralDT(Long.toString(before), XSDDatatype.XSDinteger);
                dsg.delete(meta, dsNode, VERSION, old);
                m.delete(meta, dsNode, VERSION, old);
                Node oldRun = NodeFactory.createURI(prev);
                dsg.delete(meta, dsNode, LAST, oldRun);
                m.delete(meta, dsNode, LAST, oldRun);
            }
            Node v = NodeFactory.createLiteralDT(Long.toString(version), XSDDatatype.XSDinteger);
            for (Node[] t : new Node[][] {{REFRESH, runNode}, {VERSION, v}, {LAST, runNode}}) {
                dsg.add(meta, dsNode, t[0], t[1]);
                m.add(meta, dsNode, t[0], t[1]);
            }
        });
        d.txnCommit();
        d.finish();
        m.txnCommit();
        m.finish();
        return new Entry("store-1", DS, version, run, prev, Instant.now(), Entry.Data.PATCH, data.toByteArray(), metaPatch.toByteArray());
    }

    private static Set<Quad> quads(Store s) {
        return TestPrimary.quads(s, GRAPHS, DS);
    }

    /** The primary's snapshot as its endpoint writes it: data graph, then metadata graph, N-Quads. */
    private SnapshotSource.Snapshot snapshot() throws Exception {
        Path file = Files.createTempFile(dir, "snapshot", ".nq");
        DatasetGraph dsg = primary.dataset();
        try (OutputStream out = Files.newOutputStream(file)) {
            long quads = Txn.calculateRead(dsg, () -> GraphDump.writeNQuads(dsg, GRAPHS.dataset(DS), out) + GraphDump.writeNQuads(dsg, GRAPHS.meta(DS), out));
            out.write((SnapshotSource.END + quads + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return new SnapshotSource.Snapshot("store-1", version, run, file);
    }

    @Test
    void aSnapshotKeepsBlankNodeLabelsSoLaterPatchesApply() throws Exception {
        Random rnd = new Random(42);
        Node g = GRAPHS.dataset(DS);
        List<Quad> live = new ArrayList<>();
        List<Quad> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Node s = NodeFactory.createURI("https://t.example/id/thing/" + i);
            Node b = NodeFactory.createBlankNode();
            first.add(Quad.create(g, s, NodeFactory.createURI("https://t.example/address"), b));
            first.add(Quad.create(g, b, NodeFactory.createURI("https://t.example/street"), NodeFactory.createLiteralString("rue " + i)));
        }
        commit(List.of(), first);
        live.addAll(first);
        try (SnapshotSource.Snapshot s = snapshot()) {
            SnapshotLoad.load(replica, GRAPHS, DS, s);
        }
        assertEquals(quads(primary), quads(replica), "the snapshot loaded with the primary's blank nodes");
        for (int step = 0; step < 30; step++) {
            // Each version rewrites some blank nodes' streets and adds new things with blank nodes of their own.
            List<Quad> deleted = new ArrayList<>();
            List<Quad> added = new ArrayList<>();
            for (Quad q : List.copyOf(live)) {
                if (q.getSubject().isBlank() && rnd.nextInt(4) == 0) {
                    deleted.add(q);
                    added.add(Quad.create(g, q.getSubject(), q.getPredicate(), NodeFactory.createLiteralString("rue " + rnd.nextInt(10_000) + "-" + step)));
                }
            }
            Node b = NodeFactory.createBlankNode();
            added.add(Quad.create(g, NodeFactory.createURI("https://t.example/id/new/" + step), NodeFactory.createURI("https://t.example/address"), b));
            added.add(Quad.create(g, b, NodeFactory.createURI("https://t.example/street"), NodeFactory.createLiteralString("new " + step)));
            Entry e = commit(deleted, added);
            live.removeAll(deleted);
            live.addAll(added);
            assertEquals(EntryApply.Result.APPLIED, EntryApply.apply(replica, GRAPHS, e).result(), "version " + e.version());
            assertEquals(quads(primary), quads(replica), "after version " + e.version());
            try (InputStream in = replica.layout().changeLog(DS).open(e.version())) {
                assertArrayEquals(e.dataPatch(), in.readAllBytes(), "the replica's change log keeps the primary's patch as it came");
            }
            assertEquals(EntryApply.Result.KNOWN, EntryApply.apply(replica, GRAPHS, e).result(), "the same entry again is skipped");
        }
        assertTrue(replica.layout().changeLog(DS).written().size() >= 30);
        // A later snapshot replaces the copy and clears the log and what derives from it.
        Files.createDirectories(replica.layout().ldes(DS));
        Files.writeString(replica.layout().ldes(DS).resolve("00000003-x.subjects"), "https://t.example/id/thing/1\n");
        commit(List.of(live.get(0)), List.of());
        try (SnapshotSource.Snapshot s = snapshot()) {
            SnapshotLoad.load(replica, GRAPHS, DS, s);
        }
        assertEquals(quads(primary), quads(replica));
        assertEquals(List.of(), replica.layout().changeLog(DS).written(), "the change log is cleared by a snapshot");
        assertFalse(Files.exists(replica.layout().ldes(DS)), "the event stream's lists are cleared by a snapshot");
    }

    @Test
    void whatDoesNotFitLeavesTheReplicaAsItWas() throws Exception {
        Node g = GRAPHS.dataset(DS);
        Node s = NodeFactory.createURI("https://t.example/id/thing/1");
        Node p = NodeFactory.createURI("https://t.example/name");
        commit(List.of(), List.of(Quad.create(g, s, p, NodeFactory.createLiteralString("a"))));
        try (SnapshotSource.Snapshot snap = snapshot()) {
            SnapshotLoad.load(replica, GRAPHS, DS, snap);
        }
        Set<Quad> before = quads(replica);
        Entry next = commit(List.of(Quad.create(g, s, p, NodeFactory.createLiteralString("a"))), List.of(Quad.create(g, s, p, NodeFactory.createLiteralString("b"))));
        String absent = "TX .\nD <https://t.example/id/thing/1> <https://t.example/name> \"zzz\" <" + g.getURI() + "> .\nTC .\n";
        String present = "TX .\nA <https://t.example/id/thing/1> <https://t.example/name> \"a\" <" + g.getURI() + "> .\nTC .\n";
        String elsewhere = "TX .\nA <https://t.example/x> <https://t.example/name> \"a\" <https://t.example/graph/other> .\nTC .\n";
        String broken = "TX .\nA <https://t.example/x> <https://t.example/name .\n";
        for (String patch : List.of(absent, present, elsewhere, broken)) {
            EntryApply.Outcome o = EntryApply.apply(replica, GRAPHS, next.withData(Entry.Data.PATCH, patch.getBytes()));
            assertEquals(EntryApply.Result.SNAPSHOT, o.result(), patch);
            assertEquals(before, quads(replica), "nothing applied: " + o.why());
            assertEquals(List.of(), replica.layout().changeLog(DS).written(), "no patch left beyond the committed version");
        }
        // A meta patch that does not bring the entry's version and run is refused too.
        Entry lying = new Entry("store-1", DS, next.version() + 5, next.run(), next.prev(), next.committed(), Entry.Data.PATCH, next.dataPatch(),
                next.metaPatch());
        assertEquals(EntryApply.Result.SNAPSHOT, EntryApply.apply(replica, GRAPHS, lying).result());
        assertEquals(before, quads(replica));
        // Out of order (its prev is not the replica's run): a snapshot, nothing applied.
        Entry third = commit(List.of(), List.of(Quad.create(g, s, p, NodeFactory.createLiteralString("c"))));
        assertEquals(EntryApply.Result.SNAPSHOT, EntryApply.apply(replica, GRAPHS, third).result());
        assertEquals(before, quads(replica));
        assertEquals(EntryApply.Result.APPLIED, EntryApply.apply(replica, GRAPHS, next).result());
        assertEquals(EntryApply.Result.APPLIED, EntryApply.apply(replica, GRAPHS, third).result());
        assertEquals(quads(primary), quads(replica));
    }

    @Test
    void aSnapshotThatDoesNotSayWhatItIsDoesNotLoad() throws Exception {
        Node g = GRAPHS.dataset(DS);
        commit(List.of(), List.of(Quad.create(g, NodeFactory.createURI("https://t.example/id/a"), NodeFactory.createURI("https://t.example/p"),
                NodeFactory.createLiteralString("x"))));
        try (SnapshotSource.Snapshot s = snapshot()) {
            SnapshotLoad.load(replica, GRAPHS, DS, s);
        }
        Set<Quad> before = quads(replica);
        commit(List.of(), List.of(Quad.create(g, NodeFactory.createURI("https://t.example/id/b"), NodeFactory.createURI("https://t.example/p"),
                NodeFactory.createLiteralString("y"))));
        try (SnapshotSource.Snapshot s = snapshot()) {
            SnapshotSource.Snapshot wrongVersion = new SnapshotSource.Snapshot(s.store(), s.version() + 1, s.run(), s.file());
            assertThrows(SnapshotLoad.Unloadable.class, () -> SnapshotLoad.load(replica, GRAPHS, DS, wrongVersion));
            assertEquals(before, quads(replica));
            Files.writeString(s.file(), "<https://t.example/x> <https://t.example/p> \"z\" <https://t.example/graph/other> .\n",
                    java.nio.file.StandardOpenOption.APPEND);
            assertThrows(SnapshotLoad.Unloadable.class, () -> SnapshotLoad.load(replica, GRAPHS, DS, s));
            assertEquals(before, quads(replica));
        }
    }
}
