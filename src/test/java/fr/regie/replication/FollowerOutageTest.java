package fr.regie.replication;

import fr.regie.testing.MemoryLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.AccessFixture;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.server.ReplicaRole;
import fr.regie.server.replication.ReplicationFeature;
import fr.regie.store.Store;
import fr.regie.stream.LogMessage;
import fr.regie.testing.TestServer;

/**
 * A replica through outages, against a real primary over HTTP: the log cut off (it says so,
 * keeps serving, and catches up once the log is back), the primary stopped while a dataset needs
 * its snapshot (it says so, keeps serving the version it has, and loads the snapshot once the
 * primary is back, also when it was restarted meanwhile and the entry that showed the gap is
 * behind its cursor), a restart (it resumes from its cursor without a snapshot, and removes a
 * patch a crash left beyond the committed version), an older snapshot (refused: it never goes
 * back) and another primary store (refused).
 */
class FollowerOutageTest {
    @TempDir
    Path dir;

    private TestPrimary primary;
    private Store replicaStore;
    private Follower follower;
    private TestServer replicaServer;
    private MemoryLog log;
    private FollowerTest.Counting snapshots;

    @AfterEach
    void stop() {
        if (follower != null) {
            follower.close();
        }
        if (replicaServer != null) {
            replicaServer.close();
        }
        if (replicaStore != null) {
            replicaStore.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    private Follower follow(SnapshotSource source) throws Exception {
        Follower f = new Follower(replicaStore, log, source, FollowerTest.fast(), TestPrimary.SIGNATURE);
        var reg = f.awaitRegistry(Duration.ofSeconds(10)).orElseThrow();
        if (replicaServer == null) {
            ServerContext ctx = new ServerContext(reg, replicaStore, Access.of(reg, AccessFixture.ENV), ServerSettings.defaults(0), null, null,
                    r -> Access.of(r, AccessFixture.ENV));
            ctx.replica(new ReplicaRole(() -> follower.status(), primary.url(), 0, Duration.ofSeconds(30)));
            replicaServer = TestServer.start(ctx, List.of(new ReplicationFeature(), new DatasetsFeature()));
        }
        f.start(r -> {});
        return f;
    }

    private void settle() throws Exception {
        long end = log.range().last();
        FollowerTest.poll(() -> follower.status().position() >= end && follower.status().state() == Follower.State.FOLLOWING,
                "the replica to follow up to " + end);
    }

    private void assertSame(String dataset) {
        MetaState r = FollowerTest.TestPrimaryView.state(replicaStore, primary, dataset);
        assertEquals(primary.at(dataset, r.lastRun()), TestPrimary.quads(replicaStore, primary.graphs(), dataset), dataset + " at " + r.lastRun());
    }

    private int dump(String dataset) throws Exception {
        return replicaServer.get("/datasets/" + dataset + "/dump.nq.gz").statusCode();
    }

    @Test
    void outagesRestartsAndRefusals() throws Exception {
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature()));
        log = new MemoryLog("regie");
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        replicaStore = Store.open(dir.resolve("replica"));
        snapshots = new FollowerTest.Counting(new PrimarySnapshots(primary.url(), Duration.ofSeconds(2), Duration.ofSeconds(30), 1L << 30,
                () -> Optional.of(TestPrimary.ADMIN)));
        follower = follow(snapshots);
        settle();
        int taken = snapshots.count.get();

        // The log cut off: said, served, caught up after.
        log.down(true);
        FollowerTest.poll(() -> follower.status().state() == Follower.State.LOG_UNREACHABLE, "the log to be seen unreachable");
        assertTrue(follower.status().lastError().orElseThrow().contains("log"), follower.status().lastError().orElseThrow());
        assertEquals(200, dump("stations"), "the replica keeps serving without its log");
        primary.addRow("stations", "while the log is down");
        Entry e1 = primary.refresh("stations");
        log.down(false);
        log.publish(primary.signed(e1.message(log)));
        settle();
        assertEquals(e1.run(), FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun());
        assertSame("stations");
        assertEquals(taken, snapshots.count.get(), "catching up after the log came back takes no snapshot");

        // The primary stopped while a gap calls for its snapshot.
        primary.stopServer();
        primary.addRow("stations", "dropped");
        primary.refresh("stations");
        primary.addRow("stations", "after the gap");
        Entry e3 = primary.refresh("stations");
        log.publish(primary.signed(e3.message(log)));
        FollowerTest.poll(() -> follower.status().state() == Follower.State.PRIMARY_UNREACHABLE, "the primary to be seen unreachable");
        long held = follower.status().datasets().stream().filter(d -> d.dataset().equals("stations")).findFirst().orElseThrow().version();
        assertEquals(e1.version(), held, "the replica keeps the version it had");
        assertTrue(follower.status().datasets().stream().anyMatch(d -> d.dataset().equals("stations") && d.lagVersions() == 2),
                follower.status().toString());
        assertEquals(200, dump("stations"), "the replica keeps serving without its primary");
        // Restarted meanwhile: the entry that showed the gap is behind the cursor now; the survey finds it.
        follower.close();
        follower = follow(snapshots);
        FollowerTest.poll(() -> follower.status().state() == Follower.State.PRIMARY_UNREACHABLE, "the restarted replica to miss its primary");
        primary.startServer();
        settle();
        assertEquals(e3.run(), FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun());
        assertSame("stations");
        taken = snapshots.count.get();

        // A restart resumes from the cursor, and removes a patch a crash left ahead of the commit.
        follower.close();
        long v = FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").version();
        Path stray = replicaStore.layout().changeLog("stations").pending(v + 3);
        Files.writeString(stray, "TX .\nTC .\n");
        replicaStore.layout().changeLog("stations").install(v + 3);
        String added = primary.addRow("stations", "while the replica is down");
        Entry e4 = primary.refresh("stations");
        log.publish(primary.signed(e4.message(log)));
        follower = follow(snapshots);
        settle();
        assertFalse(replicaStore.layout().changeLog("stations").written().contains(v + 3), "the patch ahead of the commit is gone");
        assertEquals(e4.run(), FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun());
        assertSame("stations");
        assertEquals(taken, snapshots.count.get(), "a restart resumes from the cursor: no snapshot");
        // What the replica serves from its change log starts after the snapshot: the feed, the patch as the primary wrote it, the event stream.
        assertEquals(List.of(e4.version()), replicaStore.layout().changeLog("stations").written());
        assertEquals(410, replicaServer.get("/datasets/stations/changes?after=0").statusCode(), "versions before the snapshot have no patch here");
        var feed = replicaServer.get("/datasets/stations/changes?after=" + e3.version());
        assertEquals(200, feed.statusCode(), feed.body());
        assertTrue(feed.body().contains("\"version\" : " + e4.version()) || feed.body().contains("\"version\":" + e4.version()), feed.body());
        assertEquals(new String(e4.dataPatch(), java.nio.charset.StandardCharsets.UTF_8),
                replicaServer.get("/datasets/stations/changes/" + e4.version()).body());
        var ldes = replicaServer.get("/datasets/stations/ldes/1", "Accept", "text/turtle");
        assertEquals(200, ldes.statusCode(), ldes.body());
        assertTrue(ldes.body().contains(added), "the event stream's first version lists the new subject:\n" + ldes.body());

        // An entry from another primary store: refused, said, nothing applied.
        primary.addRow("shared", "other store");
        Entry e5 = primary.refresh("shared");
        Entry foreign = new Entry("another-store", e5.dataset(), e5.version(), e5.run(), e5.prev(), e5.committed(), e5.data(), e5.dataPatch(),
                e5.metaPatch());
        log.publish(primary.signed(foreign.message(log)));
        FollowerTest.poll(() -> follower.status().state() == Follower.State.OTHER_STORE, "the other store to be refused");
        assertTrue(follower.status().lastError().orElseThrow().contains("another-store"));
        assertEquals(e5.prev(), FollowerTest.TestPrimaryView.state(replicaStore, primary, "shared").lastRun(), "nothing applied");
        // The primary's own entry (under an id of its own: the log keeps one message per id) is applied.
        LogMessage own = e5.message(log);
        log.publish(primary.signed(LogMessage.of(own.subject(), own.id() + "-own", own.headers(), own.body())));
        settle();
        assertEquals(e5.run(), FollowerTest.TestPrimaryView.state(replicaStore, primary, "shared").lastRun());

        // A snapshot older than what the replica serves: refused, never loaded.
        follower.close();
        SnapshotSource older = new SnapshotSource() {
            @Override
            public Snapshot fetch(String dataset, Path into) throws IOException {
                Snapshot s = snapshots.fetch(dataset, into);
                return new Snapshot(s.store(), s.version() - 10, s.run(), s.file());
            }

            @Override
            public Head head(String dataset) throws IOException {
                return snapshots.head(dataset);
            }

            @Override
            public String where() {
                return primary.url();
            }
        };
        follower = follow(older);
        primary.addRow("secret", "older");
        primary.refresh("secret");
        Entry e7 = primary.refresh("secret");
        log.publish(primary.signed(e7.message(log)));
        FollowerTest.poll(() -> follower.status().state() == Follower.State.PRIMARY_BEHIND, "the older snapshot to be refused");
        String before = FollowerTest.TestPrimaryView.state(replicaStore, primary, "secret").lastRun();
        assertSame("secret");
        assertTrue(follower.status().lastError().orElseThrow().contains("never goes back"), follower.status().lastError().orElseThrow());
        follower.close();
        follower = follow(snapshots);
        settle();
        assertFalse(before.equals(FollowerTest.TestPrimaryView.state(replicaStore, primary, "secret").lastRun()));
        assertSame("secret");
    }

    /**
     * The primary restricts stations; its registry message never reaches the log, and the primary
     * is down when the next entry (published under the new registry) arrives: the replica applies
     * nothing, keeps the old data under the old registry, and says stations is behind (not ready).
     * Once the primary answers, the replica takes its registry from it, then applies the entry.
     */
    @Test
    void anEntryUnderARegistryNotHeldWaitsForIt() throws Exception {
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature()));
        log = new MemoryLog("regie");
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        replicaStore = Store.open(dir.resolve("replica"));
        snapshots = new FollowerTest.Counting(new PrimarySnapshots(primary.url(), Duration.ofSeconds(2), Duration.ofSeconds(30), 1L << 30,
                () -> Optional.of(TestPrimary.ADMIN)));
        follower = follow(snapshots);
        settle();
        String held = FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun();
        assertEquals(200, dump("stations"));

        primary.accessLevel("stations", "regie:Restricted ; regie:accessPartner <#velib>"); // its message is lost
        primary.stopServer();
        primary.addRow("stations", "for velib only");
        Entry e = primary.refresh("stations");
        log.publish(primary.signed(e.message(log)));
        FollowerTest.poll(() -> follower.status().state() == Follower.State.PRIMARY_UNREACHABLE
                && follower.status().behind(0, Duration.ofSeconds(30)).contains("stations"), "the replica to wait for the registry, stations behind");
        assertEquals(held, FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun(), "nothing applied under the old registry");
        assertEquals(503, replicaServer.get("/$/ready").statusCode(), "not ready while stations waits");
        assertEquals(200, dump("stations"), "the old data, under the old registry, is still served");

        primary.startServer();
        settle();
        assertEquals(e.run(), FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun(), "applied once the registry was had");
        assertSame("stations");
        // (follow() hands registries to no server: the registry the follower serves is the oracle.)
        assertEquals(primary.bundle().sha256(), RegistryBundle.pack(follower.registry().orElseThrow()).sha256(),
                "the replica serves the primary's new registry, taken from the primary");
    }
}
