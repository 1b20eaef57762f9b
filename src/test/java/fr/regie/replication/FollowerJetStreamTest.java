package fr.regie.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.replication.ReplicationFeature;
import fr.regie.store.Store;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;
import fr.regie.testing.PrivateNats;

/**
 * A replica following a real primary through real JetStream (a private nats-server, so that it can
 * be stopped): each refresh published on the primary's connection is applied on the replica,
 * through its own connection, within 2 s (the delays are printed); the NATS server stopped, the
 * replica says the log is unreachable and keeps its data; the server back (same port and store),
 * it resumes where it was and applies what was published meanwhile, without a snapshot.
 */
class FollowerJetStreamTest {
    @TempDir
    Path dir;

    private PrivateNats nats;
    private TestPrimary primary;
    private Store replicaStore;
    private Follower follower;
    private final List<AutoCloseable> logs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (follower != null) {
            follower.close();
        }
        for (AutoCloseable l : logs) {
            l.close();
        }
        if (replicaStore != null) {
            replicaStore.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (nats != null) {
            nats.close(); // the server and its store, with the stream
        }
    }

    private LogEngine connect(String name) throws LogException {
        JetStreamLog log = JetStreamLog.connect(nats.url(), name, JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(2)));
        logs.add(log);
        return log;
    }

    /** Publishes as the primary does: again with the same id until acknowledged (bounded here). */
    private static void publish(LogEngine log, LogMessage m) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                log.publish(m);
                return;
            } catch (LogException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void refreshesReachTheReplicaThroughJetStreamAndSurviveAStreamServerRestart() throws Exception {
        nats = PrivateNats.begin();
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "t" + HexFormat.of().formatHex(random);
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature()));
        LogEngine out = connect(name);
        publish(out, primary.signed(primary.bundle().message(out, primary.storeId)));
        replicaStore = Store.open(dir.resolve("replica"));
        FollowerTest.Counting snapshots = new FollowerTest.Counting(new PrimarySnapshots(primary.url(), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 1L << 30, () -> Optional.of(TestPrimary.ADMIN)));
        follower = new Follower(replicaStore, connect(name), snapshots, new Follower.Options(100, Duration.ofMillis(200), 64L << 20, 64L << 20,
                Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(200)), TestPrimary.SIGNATURE);
        follower.awaitRegistry(Duration.ofSeconds(10)).orElseThrow();
        follower.start(r -> {});
        FollowerTest.poll(() -> follower.status().state() == Follower.State.FOLLOWING, "the replica to bootstrap");
        int taken = snapshots.count.get();

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String dataset = i % 2 == 0 ? "stations" : "shared";
            primary.addRow(dataset, "jetstream " + i);
            Entry e = primary.refresh(dataset);
            long t0 = System.nanoTime();
            publish(out, primary.signed(e.message(out)));
            FollowerTest.poll(() -> FollowerTest.TestPrimaryView.state(replicaStore, primary, dataset).lastRun().equals(e.run()),
                    "entry " + e.id() + " on the replica");
            delays.add((System.nanoTime() - t0) / 1_000_000);
            assertEquals(primary.at(dataset, e.run()), TestPrimary.quads(replicaStore, primary.graphs(), dataset));
        }
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        System.out.println("FollowerJetStreamTest: publish to applied on the replica, ms: " + delays + " (median " + sorted.get(sorted.size() / 2)
                + ", max " + sorted.get(sorted.size() - 1) + ")");
        assertTrue(sorted.get(sorted.size() - 1) < 2000, "every refresh on the replica within 2 s: " + delays);
        assertEquals(taken, snapshots.count.get(), "entries that follow each other are applied, never snapshotted");

        // The stream server goes away: said, data kept; back on the same port and store, the replica resumes.
        nats.stop();
        FollowerTest.poll(() -> follower.status().state() == Follower.State.LOG_UNREACHABLE, "the log to be seen unreachable");
        String held = FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun();
        assertEquals(primary.at("stations", held), TestPrimary.quads(replicaStore, primary.graphs(), "stations"), "served as it was");
        primary.addRow("stations", "while NATS is down");
        Entry during = primary.refresh("stations");
        nats.start();
        publish(out, primary.signed(during.message(out)));
        FollowerTest.poll(() -> FollowerTest.TestPrimaryView.state(replicaStore, primary, "stations").lastRun().equals(during.run()),
                "the replica to resume after the stream server came back");
        assertEquals(primary.at("stations", during.run()), TestPrimary.quads(replicaStore, primary.graphs(), "stations"));
        FollowerTest.poll(() -> follower.status().state() == Follower.State.FOLLOWING, "the replica to follow again");
        assertEquals(taken, snapshots.count.get(), "resuming takes no snapshot");
    }
}
