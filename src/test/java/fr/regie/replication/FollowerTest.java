package fr.regie.replication;

import fr.regie.testing.MemoryLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
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
 * A replica following a real primary (the access fixture refreshed in PostgreSQL, its snapshot
 * endpoint over real HTTP) through a log the test feeds by hand: seeded random steps apply an
 * entry, publish it twice, drop it (a gap), corrupt it (not a ZIP, cut short, a patch that does not
 * fit), swap two entries, carry a version as "take the snapshot", or change a dataset's access
 * level in the registry. After each step, once the replica has read the whole log, the oracle:
 * each dataset's data and metadata graphs on the replica are exactly the primary's at the run
 * the model expects (the primary's latest, or the one before an entry dropped last), the version
 * the replica reports never goes down, and what anonymous callers and partners may download from
 * the replica follows the registry's access levels.
 */
class FollowerTest {
    private static final List<String> DATASETS = List.of("stations", "shared", "secret");
    private static final List<String> LEVELS = List.of("regie:Public", "regie:Partners", "regie:Restricted ; regie:accessPartner <#velib>");

    @TempDir
    Path dir;

    private TestPrimary primary;
    private Follower follower;
    private TestServer replicaServer;
    private Store replicaStore;

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

    /** Counts the snapshots taken, through the real endpoint. */
    static final class Counting implements SnapshotSource {
        final SnapshotSource inner;
        final AtomicInteger count = new AtomicInteger();

        Counting(SnapshotSource inner) {
            this.inner = inner;
        }

        @Override
        public Snapshot fetch(String dataset, Path into) throws IOException {
            Snapshot s = inner.fetch(dataset, into);
            count.incrementAndGet();
            return s;
        }

        @Override
        public Head head(String dataset) throws IOException {
            return inner.head(dataset);
        }

        @Override
        public RegistryDownload registry() throws IOException {
            return inner.registry();
        }

        @Override
        public String where() {
            return inner.where();
        }
    }

    static Follower.Options fast() {
        return new Follower.Options(50, Duration.ofMillis(50), 64L << 20, 64L << 20, Duration.ofMillis(20), Duration.ofMillis(300),
                Duration.ofMillis(100));
    }

    @Test
    void seededStepsKeepTheReplicaEqualToThePrimaryAtTheRunItHolds() throws Exception {
        long seed = Long.getLong("regie.test.seed", 13L);
        Random rnd = new Random(seed);
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature()));
        MemoryLog log = new MemoryLog("regie");
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        replicaStore = Store.open(dir.resolve("replica"));
        Counting snapshots = new Counting(new PrimarySnapshots(primary.url(), Duration.ofSeconds(5), Duration.ofSeconds(60), 1L << 30,
                () -> Optional.of(TestPrimary.ADMIN)));
        follower = new Follower(replicaStore, log, snapshots, fast(), TestPrimary.SIGNATURE);
        Registry reg = follower.awaitRegistry(Duration.ofSeconds(10)).orElseThrow();
        ServerContext ctx = new ServerContext(reg, replicaStore, Access.of(reg, AccessFixture.ENV), ServerSettings.defaults(0), null, null,
                r -> Access.of(r, AccessFixture.ENV));
        ctx.replica(new ReplicaRole(follower::status, primary.url(), 0, Duration.ofSeconds(30)));
        replicaServer = TestServer.start(ctx, List.of(new ReplicationFeature(), new DatasetsFeature()));
        follower.start(ctx::reload);

        // The model: the run each dataset should be at on the replica, the access levels declared.
        Map<String, String> expected = new HashMap<>();
        for (DatasetSpec d : reg.datasets()) {
            expected.put(d.id(), primary.state(d.id()).lastRun());
        }
        Map<String, Long> reported = new HashMap<>();
        settle(log);
        check(expected, reported, "start (every dataset snapshotted)");
        assertEquals(reg.datasets().size(), snapshots.count.get(), "a new replica snapshots each dataset it never had, once");

        Map<String, Integer> done = new HashMap<>();
        for (int step = 1; step <= 36; step++) {
            String dataset = DATASETS.get(rnd.nextInt(DATASETS.size()));
            int roll = rnd.nextInt(100);
            String action = roll < 35 ? "apply" : roll < 45 ? "duplicate" : roll < 55 ? "drop" : roll < 67 ? "corrupt" : roll < 77 ? "reorder"
                    : roll < 87 ? "snapshot" : "registry";
            int before = snapshots.count.get();
            boolean inStep = primary.state(dataset).lastRun().equals(expected.get(dataset));
            String what = "step " + step + " (seed " + seed + "): " + action + " " + dataset;
            switch (action) {
                case "registry" -> {
                    String level = LEVELS.get(rnd.nextInt(LEVELS.size()));
                    primary.accessLevel(dataset, level);
                    log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
                }
                case "reorder" -> {
                    Entry first = change(rnd, dataset);
                    Entry second = change(rnd, dataset);
                    log.publish(primary.signed(second.message(log)));
                    log.publish(primary.signed(first.message(log)));
                    expected.put(dataset, second.run());
                }
                default -> {
                    Entry e = change(rnd, dataset);
                    switch (action) {
                        case "apply" -> log.publish(primary.signed(e.message(log)));
                        case "duplicate" -> {
                            log.publish(primary.signed(e.message(log)));
                            LogMessage m = e.message(log);
                            log.publish(primary.signed(LogMessage.of(m.subject(), m.id() + "-again", m.headers(), m.body())));
                        }
                        case "drop" -> {
                            // Not published: the replica stays at the run before until a later entry shows the gap.
                        }
                        case "corrupt" -> log.publish(primary.signed(corrupt(rnd, e, log)));
                        case "snapshot" -> log.publish(primary.signed(e.withData(Entry.Data.SNAPSHOT, null).message(log)));
                        default -> throw new IllegalStateException(action);
                    }
                    if (!action.equals("drop")) {
                        expected.put(dataset, e.run());
                    }
                }
            }
            settle(log);
            check(expected, reported, what);
            int taken = snapshots.count.get() - before;
            switch (action) {
                case "apply", "duplicate" -> assertEquals(inStep ? 0 : 1, taken, what + ": snapshots taken");
                case "corrupt", "snapshot", "reorder" -> assertEquals(1, taken, what + ": snapshots taken");
                default -> assertEquals(0, taken, what + ": snapshots taken");
            }
            done.merge(action, 1, Integer::sum);
        }
        // The seed exercised every kind of step.
        assertEquals(7, done.size(), "steps done: " + done);
    }

    /** A change of the dataset's rows, refreshed on the primary: mostly new versions, sometimes a run that changes nothing. */
    private Entry change(Random rnd, String dataset) throws Exception {
        if (rnd.nextInt(5) > 0) {
            primary.addRow(dataset, "r" + rnd.nextInt(1_000_000));
        }
        return primary.refresh(dataset);
    }

    /** The entry's message, damaged: not a ZIP, cut short, or a data patch that deletes what the replica does not have. */
    private static LogMessage corrupt(Random rnd, Entry e, MemoryLog log) {
        LogMessage m = e.message(log);
        byte[] body = switch (rnd.nextInt(3)) {
            case 0 -> "not a zip".getBytes();
            case 1 -> java.util.Arrays.copyOf(m.body(), m.body().length / 2);
            default -> e.withData(Entry.Data.PATCH, ("TX .\nD <https://t.example/id/none> <https://t.example/p> \"x\" <https://t.example/graph/"
                    + e.dataset() + "> .\nTC .\n").getBytes()).body();
        };
        return LogMessage.of(m.subject(), m.id(), m.headers(), body);
    }

    /** Waits until the replica has read the whole log and is in step (nothing to snapshot). */
    private void settle(MemoryLog log) throws Exception {
        long end = log.range().last();
        poll(() -> {
            Follower.Status s = follower.status();
            return s.position() >= end && s.state() == Follower.State.FOLLOWING;
        }, "the replica to read up to position " + end + " and follow");
    }

    private void check(Map<String, String> expected, Map<String, Long> reported, String what) throws Exception {
        Follower.Status status = follower.status();
        for (Follower.DatasetStatus d : status.datasets()) {
            long last = reported.getOrDefault(d.dataset(), 0L);
            assertTrue(d.version() >= last, what + ": " + d.dataset() + " went back from version " + last + " to " + d.version());
            reported.put(d.dataset(), d.version());
            assertEquals(0, d.lagVersions(), what + ": " + d.dataset() + " lags");
            assertTrue(d.bootstrapped(), what + ": " + d.dataset() + " bootstrapped");
        }
        for (String dataset : expected.keySet()) {
            MetaState replica = TestPrimaryView.state(replicaStore, primary, dataset);
            assertEquals(expected.get(dataset), replica.lastRun(), what + ": the run " + dataset + " is at on the replica");
            assertEquals(primary.at(dataset, replica.lastRun()), TestPrimary.quads(replicaStore, primary.graphs(), dataset),
                    what + ": " + dataset + "'s graphs on the replica against the primary's at " + replica.lastRun());
            assertEquals(replica.version(), status.datasets().stream().filter(d -> d.dataset().equals(dataset)).findFirst().orElseThrow().version(),
                    what + ": the version the replica reports for " + dataset);
        }
        // Access on the replica follows the primary's registry, as published.
        Registry declared = primary.context.registry();
        HttpClient client = replicaServer.client();
        for (DatasetSpec d : declared.datasets()) {
            for (String[] caller : new String[][] {{null, null}, {"velib", "k-velib"}, {"sncf", "k-sncf"}}) {
                boolean visible = AccessFixture.declaredVisible(d, caller[0], false, declared.territory().referenceDataset());
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(replicaServer.base() + "/datasets/" + d.id() + "/dump.nq.gz")).GET();
                if (caller[1] != null) {
                    b.header("X-API-Key", caller[1]);
                }
                int code = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                assertEquals(visible ? 200 : 404, code, what + ": " + (caller[0] == null ? "anonymous" : caller[0]) + " downloading " + d.id()
                        + " (" + d.accessLevel() + ")");
            }
        }
    }

    static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Reads a replica's state with the primary's graph names (the same base IRI). */
    static final class TestPrimaryView {
        private TestPrimaryView() {}

        static MetaState state(Store store, TestPrimary primary, String dataset) {
            var dsg = store.dataset();
            return org.apache.jena.system.Txn.calculateRead(dsg, () -> MetaState.of(dsg, primary.graphs(), dataset));
        }
    }
}
