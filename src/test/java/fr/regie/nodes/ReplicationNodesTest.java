package fr.regie.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import fr.regie.testing.Node;

/**
 * A primary and two replicas, each its own JVM, over a private JetStream server (issue 13,
 * point 3): what a refresh on the primary becomes on the replicas, and what the replicas do when
 * they are killed in the middle of an apply, when the stream server goes away and comes back,
 * when the primary dies, and whether their versions ever go back. Graphs are compared over HTTP
 * (the dump, whose header names its version, and the metadata graph), against the primary's
 * graphs at the same version, kept as each version is made. The cases share one cluster, in
 * order; {@code -Dregie.test.cases=N} runs N times more refreshes and kills.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationNodesTest {
    static final int CASES = Integer.getInteger("regie.test.cases", 1);
    /** Stations of the large dataset: toggling them all is a patch of 4 × this many triples. */
    static final int STATIONS = 10_000;
    static final Duration READY = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    static Cluster cluster;
    static Node r1;
    static Node r2;
    /** The primary's graphs of each dataset at each version it made: what a replica must hold at that version. */
    static final Map<String, Map<Long, Cluster.Graphs>> PRIMARY = new ConcurrentHashMap<>();
    static boolean stationsB;
    static long counter;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.create(dir, STATIONS);
        cluster.startPrimary();
        r1 = cluster.startReplica("r1");
        r2 = cluster.startReplica("r2");
        r1.awaitUp(READY);
        r2.awaitUp(READY);
        keep("territory");
        keep("stations");
        keep("counter");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Reads the primary's graphs of {@code dataset} now and keeps them under their version. */
    static Cluster.Graphs keep(String dataset) {
        Cluster.Graphs g = Cluster.graphs(cluster.primary, dataset);
        PRIMARY.computeIfAbsent(dataset, k -> new ConcurrentHashMap<>()).put(g.version(), g);
        return g;
    }

    /** A new version of the counter on the primary; its graphs kept. */
    static long bumpCounter() {
        cluster.count(++counter);
        long v = cluster.refresh("counter").path("version").asLong();
        keep("counter");
        return v;
    }

    /** A new version of the stations (every one changed) on the primary; its graphs kept. */
    static long toggleStations() {
        stationsB = !stationsB;
        cluster.toggleStations(stationsB);
        long v = cluster.refresh("stations").path("version").asLong();
        keep("stations");
        return v;
    }

    /** Waits until {@code n} serves {@code version} of {@code dataset} (or later); the wait in ms. */
    static long awaitVersion(Node n, String dataset, long version, Duration within) {
        long t0 = System.nanoTime();
        boolean reached = Cluster.poll(within, () -> Cluster.version(n, dataset) >= version);
        assertTrue(reached, n.name() + " did not reach " + dataset + " v" + version + " within " + within.toSeconds() + " s (at v"
                + Cluster.version(n, dataset) + "); /status: " + Cluster.status(n).path("replication") + "\n" + n.logTail());
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code n}'s graphs of {@code dataset} equal the primary's at the same version. */
    static Cluster.Graphs assertConsistent(Node n, String dataset) {
        Cluster.Graphs g = Cluster.graphs(n, dataset);
        Cluster.Graphs expected = PRIMARY.getOrDefault(dataset, Map.of()).get(g.version());
        assertNotNull(expected, n.name() + " serves " + dataset + " " + g + ", a version the primary never showed (it made "
                + PRIMARY.get(dataset).keySet() + ")");
        assertTrue(expected.same(g), n.name() + "'s " + dataset + " " + g + " differs from the primary's " + expected);
        return g;
    }

    @Test
    @Order(1)
    void aRefreshOnThePrimaryAppearsOnBothReplicasWithTheSameTriples() {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5 * CASES; i++) {
            long v = bumpCounter();
            for (Node r : List.of(r1, r2)) {
                delays.add(awaitVersion(r, "counter", v, Duration.ofSeconds(30)));
                assertEquals(v, assertConsistent(r, "counter").version());
            }
        }
        long v = toggleStations();
        long large1 = awaitVersion(r1, "stations", v, Duration.ofSeconds(60));
        long large2 = awaitVersion(r2, "stations", v, Duration.ofSeconds(60));
        assertConsistent(r1, "stations");
        assertConsistent(r2, "stations");
        assertConsistent(r1, "territory");
        List<Long> sorted = delays.stream().sorted().toList();
        System.out.println("replication: refresh → visible on a replica, counter (1 triple changed): " + delays + " ms; median "
                + sorted.get(sorted.size() / 2) + " ms; all " + (4 * STATIONS) + " station triples changed: " + large1 + " and " + large2 + " ms");
        // Measured from the end of the primary's refresh answer, polled every 20 ms: the median
        // within 2 s, each within 10 s (the machine is shared; the figures are printed).
        assertTrue(sorted.get(sorted.size() / 2) <= 2_000, "median delay " + sorted.get(sorted.size() / 2) + " ms: " + delays);
        assertTrue(sorted.get(sorted.size() - 1) <= 10_000, "longest delay " + sorted.get(sorted.size() - 1) + " ms: " + delays);
    }

    @Test
    @Order(2)
    void aReplicaKilledDuringAnApplyRestartsAtAConsistentVersionAndCatchesUp() {
        // How long a large apply takes here, from the primary's answer to the replica's version.
        long v0 = toggleStations();
        long full = Math.max(200, awaitVersion(r2, "stations", v0, Duration.ofSeconds(60)));
        double[] fractions = {0.05, 0.3, 0.5, 0.7, 0.9, 1.2};
        List<String> seen = new ArrayList<>();
        int beforeCommit = 0;
        for (int k = 0; k < CASES; k++) {
            for (double f : fractions) {
                long before = Cluster.version(r2, "stations");
                long v = toggleStations();
                long delay = (long) (full * f);
                pause(delay);
                r2.kill();
                r2.restart().awaitPing();
                // Whatever it serves first is a version the primary made, whole, and not older than before.
                Cluster.Graphs first = assertConsistent(r2, "stations");
                assertTrue(first.version() >= before, "after a restart r2 serves v" + first.version() + ", older than v" + before);
                if (first.version() < v) {
                    beforeCommit++;
                }
                awaitVersion(r2, "stations", v, Duration.ofSeconds(90));
                assertEquals(v, assertConsistent(r2, "stations").version());
                seen.add(delay + " ms: restarted at v" + first.version() + " (v" + before + " → v" + v + ")");
            }
        }
        r2.awaitUp(READY);
        assertTrue(beforeCommit > 0, "a kill landed before the replica had committed the version it was receiving: " + seen);
        System.out.println("replication: r2 killed during applies of " + (4 * STATIONS) + " changed triples (an apply took " + full
                + " ms): " + seen);
    }

    @Test
    @Order(3)
    void withTheStreamServerGoneTheReplicasServeTheirLastVersionThenResume() {
        long before = Cluster.version(r1, "counter");
        cluster.nats.stop();
        // The primary refreshes anyway (its outbox keeps the entry); replicas keep answering at their version.
        long v = bumpCounter();
        for (int i = 0; i < 5; i++) {
            for (Node r : List.of(r1, r2)) {
                assertEquals(200, r.get("/id/station/1", null).statusCode(), r.name() + " serves while the stream is down");
                assertEquals(before, Cluster.version(r, "counter"), r.name() + " stays at its version");
            }
        }
        // Its status says why it stands still, once its read of the log has failed.
        assertTrue(Cluster.poll(Duration.ofSeconds(30), () -> Cluster.status(r1).path("replication").path("state").asText()
                .equals("log unreachable")), "r1 says the log is unreachable: " + Cluster.status(r1).path("replication"));
        JsonNode cut = Cluster.status(r1).path("replication");
        System.out.println("replication: with the stream server down, r1 says " + cut);
        assertEquals(200, r1.get("/id/station/2", null).statusCode());
        assertConsistent(r1, "counter");
        cluster.nats.start();
        awaitVersion(r1, "counter", v, Duration.ofSeconds(60));
        awaitVersion(r2, "counter", v, Duration.ofSeconds(60));
        assertConsistent(r1, "counter");
        assertConsistent(r2, "counter");
        r1.awaitUp(Duration.ofSeconds(30));
    }

    @Test
    @Order(4)
    void aReplicasVersionsNeverGoBack() throws Exception {
        List<Long> observed = new CopyOnWriteArrayList<>();
        AtomicBoolean churning = new AtomicBoolean(true);
        Thread poller = Thread.ofPlatform().daemon().start(() -> {
            while (churning.get()) {
                try {
                    observed.add(Cluster.version(r1, "counter"));
                } catch (RuntimeException restarting) {
                    // r1 is being restarted: nothing served, nothing to compare
                }
            }
        });
        long last = 0;
        for (int i = 0; i < 20 * CASES; i++) {
            last = bumpCounter();
            if (i == 10) {
                r1.kill();
                r1.restart().awaitPing();
            }
        }
        awaitVersion(r1, "counter", last, Duration.ofSeconds(60));
        churning.set(false);
        poller.join(10_000);
        for (int i = 1; i < observed.size(); i++) {
            assertTrue(observed.get(i) >= observed.get(i - 1), "r1 served v" + observed.get(i - 1) + " then v" + observed.get(i));
        }
        System.out.println("replication: " + observed.size() + " reads of r1's version during 20 refreshes and a restart, never backwards ("
                + observed.stream().distinct().count() + " versions seen)");
        assertTrue(observed.stream().distinct().count() > 2, "the poller saw the churn: " + observed.size() + " reads");
        assertConsistent(r1, "counter");
    }

    @Test
    @Order(5)
    void withThePrimaryDeadTheReplicasKeepServing() {
        long v = Cluster.version(r1, "counter");
        cluster.primary.kill();
        for (Node r : List.of(r1, r2)) {
            assertEquals(200, r.get("/id/station/1", null).statusCode());
            assertEquals(200, r.get("/$/ready", null).statusCode(), r.name() + " following the log does not need its primary");
            assertEquals(v, assertConsistent(r, "counter").version());
            String state = Cluster.status(r).path("replication").path("state").asText();
            assertTrue(!state.equals("primary unreachable"), r.name() + " needs nothing of its primary now, yet says " + state);
        }
        // A new replica needs the primary's snapshots: it says so, and is not ready.
        Node r3 = cluster.startReplica("r3").awaitPing();
        assertTrue(Cluster.poll(Duration.ofSeconds(60), () -> Cluster.status(r3).path("replication").path("state").asText()
                .equals("primary unreachable")), "r3 says its primary is unreachable: " + Cluster.status(r3).path("replication"));
        assertEquals(503, r3.get("/$/ready", null).statusCode());
        cluster.primary.restart().awaitUp(READY);
        r3.awaitUp(READY);
        assertConsistent(r3, "counter");
        assertConsistent(r3, "stations");
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
