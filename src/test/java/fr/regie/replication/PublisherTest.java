package fr.regie.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.pipeline.RefreshFixtureAccess;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.store.Outbox;
import fr.regie.store.Store;
import fr.regie.stream.LogMessage;
import fr.regie.testing.MemoryLog;
import fr.regie.testing.TestDb;

/**
 * The publisher against an in-memory log: the registry bundle first, then each dataset's entries
 * in commit order (each {@code prev} the run before, a PATCH carrying the change log's bytes), a
 * new registry before any entry committed after it; a log that is down holds no refresh back and
 * is caught up with once it is back, acknowledgements lost on the way and entries published again
 * after a crash kept once by the log, the outbox emptied; a version too large for one message goes
 * as a SNAPSHOT; an entry whose transaction aborted is never published.
 */
class PublisherTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestDb db;
    private Path registryFile;
    private Registry reg;
    private Store store;
    private Refresher refresher;

    @BeforeEach
    void primary() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        registryFile = RefreshFixtureAccess.write(dir, db.url());
        reg = Registry.read(registryFile);
        store = Store.open(dir.resolve("store"));
        refresher = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    private void stations(int n) {
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO station SELECT X, 'Station ' || X, CASE MOD(X, 2) WHEN 0 THEN '93066' ELSE '93001' END, MOD(X, 40)"
                        + " FROM SYSTEM_RANGE(1, " + n + ")");
    }

    private RefreshResult refresh(String dataset) {
        return refresher.refresh(reg.dataset(dataset).orElseThrow()).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private int pending() {
        try {
            return new Outbox(store.layout()).pending();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The entries of the log, by dataset, in log order. */
    private static Map<String, List<Entry>> entries(List<LogMessage> log) throws Exception {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        for (LogMessage m : log) {
            if (m.subject().startsWith("t.dataset.")) {
                Entry e = Entry.read(m.body(), 1 << 26);
                assertEquals("t.dataset." + e.dataset(), m.subject());
                assertEquals(e.id(), m.id());
                out.computeIfAbsent(e.dataset(), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }

    /** Each dataset's entries: versions never go back, each {@code prev} is the run before, the first's empty. */
    private void chained(Map<String, List<Entry>> byDataset) throws Exception {
        String id = store.layout().identity();
        for (List<Entry> es : byDataset.values()) {
            String prev = "";
            long version = 0;
            for (Entry e : es) {
                assertEquals(prev, e.prev(), e.toString());
                assertEquals(id, e.store());
                assertTrue(e.version() >= version, e.toString());
                if (e.data() == Entry.Data.PATCH) {
                    try (InputStream in = store.layout().changeLog(e.dataset()).open(e.version())) {
                        assertArrayEquals(in.readAllBytes(), e.dataPatch(), "the change log's patch, byte for byte: " + e);
                    }
                }
                prev = e.run();
                version = e.version();
            }
        }
    }

    private static void once(List<LogMessage> log) {
        assertEquals(log.size(), new HashSet<>(log.stream().map(LogMessage::id).toList()).size(), "each id once: " + log);
    }

    @Test
    void registryFirstThenEachDatasetsEntriesInOrderAndANewRegistryBeforeLaterEntries() throws Exception {
        stations(50);
        // Runs of a `regie refresh` while no server ran, on a store that publishes: caught up at the start.
        new Outbox(store.layout()).enable();
        assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("territory").outcome());
        assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
        db.execute("UPDATE station SET places = places + 1 WHERE id < 5");
        assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
        assertEquals(RefreshResult.Outcome.UNCHANGED, refresh("stations").outcome());
        db.execute("ALTER TABLE station RENAME TO away");
        assertEquals(RefreshResult.Outcome.FAILED, refresh("stations").outcome());
        db.execute("ALTER TABLE away RENAME TO station");
        assertEquals(5, pending());

        MemoryLog log = new MemoryLog("t", 1 << 20);
        try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
            refresher.onRefreshed(r -> p.wake());
            await("the outbox published", () -> pending() == 0 && log.messages().size() == 6);
            List<LogMessage> all = log.messages();
            assertEquals("t.registry", all.get(0).subject(), "the registry first");
            assertEquals(RegistryBundle.pack(reg).sha256(), RegistryBundle.of(all.get(0)).sha256());
            Map<String, List<Entry>> byDataset = entries(all);
            assertEquals(List.of(Entry.Data.PATCH), byDataset.get("territory").stream().map(Entry::data).toList());
            assertEquals(List.of(Entry.Data.PATCH, Entry.Data.PATCH, Entry.Data.NONE, Entry.Data.NONE),
                    byDataset.get("stations").stream().map(Entry::data).toList());
            assertEquals(List.of(1L, 2L, 2L, 2L), byDataset.get("stations").stream().map(Entry::version).toList());
            chained(byDataset);
            Publisher.Status s = p.status();
            assertTrue(s.connected());
            assertTrue(s.lastError().isEmpty());
            assertEquals(0, s.pending());
            assertEquals(2, s.datasets().get("stations").version());
            assertEquals(all.stream().filter(m -> m.subject().equals("t.dataset.stations")).reduce((a, b) -> b).orElseThrow().position(),
                    s.datasets().get("stations").position());

            // The registry read again: its bundle goes before the entry of the refresh that follows.
            Files.writeString(registryFile, Files.readString(registryFile) + "\n# read again\n");
            Registry again = Registry.read(registryFile);
            p.registryChanged(again);
            db.execute("UPDATE station SET places = places + 1 WHERE id = 7");
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
            long t0 = System.nanoTime();
            await("the new registry and the new entry", () -> log.messages().size() == 8);
            System.out.printf("publisher: an entry on the log %.0f ms after its refresh returned%n", (System.nanoTime() - t0) / 1e6);
            all = log.messages();
            assertEquals("t.registry", all.get(6).subject(), "the new registry before the later entry");
            assertEquals(RegistryBundle.pack(again).sha256(), RegistryBundle.of(all.get(6)).sha256());
            assertEquals("t.dataset.stations", all.get(7).subject());
            chained(entries(all));
            once(all);
        }
    }

    @Test
    void aLogThatIsDownHoldsNoRefreshBackAndIsCaughtUpWithEachEntryOnce() throws Exception {
        stations(50);
        MemoryLog log = new MemoryLog("t", 1 << 20);
        log.down(true);
        Path kept = dir.resolve("kept.entry");
        try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
            refresher.onRefreshed(r -> p.wake());
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("territory").outcome());
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
            db.execute("UPDATE station SET nom = 'Gare' WHERE id = 3");
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
            await("the publisher says the log is down", () -> !p.status().connected() && p.status().lastError().isPresent()
                    && p.status().pending() == 3);
            assertTrue(p.status().lastError().orElseThrow().contains("down"), p.status().toString());
            assertTrue(log.messages().isEmpty());
            assertEquals(3, pending(), "the outbox waits");
            // What a crash between the log's acknowledgement and the file's removal would leave: kept to put back below.
            Files.copy(new Outbox(store.layout()).list("stations").get(0).file(), kept);

            // Back, losing the first two acknowledgements: published again, kept once.
            log.loseAcks(2);
            log.down(false);
            await("caught up", () -> pending() == 0 && p.status().pending() == 0 && log.messages().size() == 4);
            assertTrue(log.attempts() >= 6, "acknowledgements lost, published again: " + log.attempts());
            assertTrue(p.status().connected());
            assertTrue(p.status().lastError().isEmpty());
        }
        List<LogMessage> all = log.messages();
        once(all);
        assertEquals("t.registry", all.get(0).subject());
        chained(entries(all));

        // The crash's leftover, published again by the next start: the log keeps it once, the outbox empties.
        assertEquals(0, pending());
        Files.copy(kept, store.layout().outbox("stations").resolve("000000000001.entry"));
        int attempts = log.attempts();
        try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
            await("the leftover published", () -> pending() == 0 && log.attempts() >= attempts + 2);
        }
        assertEquals(all, log.messages(), "nothing new on the log");
    }

    @Test
    void aLogUnreachableAtStartIsReachedLaterAndCaughtUpWith() throws Exception {
        stations(30);
        MemoryLog log = new MemoryLog("t", 1 << 20);
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean();
        LazyLog lazy = new LazyLog("t", () -> {
            tries.incrementAndGet();
            if (!reachable.get()) {
                throw new fr.regie.stream.LogException("cannot reach NATS at nats://127.0.0.1:1");
            }
            return log;
        });
        try (Publisher p = Publisher.start(store, reg, lazy, TestPrimary.SIGNATURE)) {
            refresher.onRefreshed(r -> p.wake());
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("territory").outcome());
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
            await("tried again, with a backoff", () -> tries.get() >= 3);
            assertFalse(p.status().connected());
            assertTrue(p.status().lastError().orElseThrow().contains("cannot reach"), p.status().toString());
            assertEquals(2, pending());
            reachable.set(true);
            await("caught up", () -> pending() == 0 && log.messages().size() == 3);
            assertTrue(p.status().connected());
        }
        // Capped: within the first seconds, a handful of tries (100, 200, 400 ms…), not hundreds.
        assertTrue(tries.get() < 30, tries.get() + " tries");
        chained(entries(log.messages()));
    }

    @Test
    void aVersionTooLargeForOneMessageGoesAsASnapshot() throws Exception {
        stations(3000);
        long maxBody = Publisher.MARGIN + 8_000;
        assertTrue(RegistryBundle.pack(reg).zip().length < maxBody - Publisher.MARGIN, "the registry fits");
        MemoryLog log = new MemoryLog("t", maxBody);
        try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
            refresher.onRefreshed(r -> p.wake());
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("territory").outcome());
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
            db.execute("UPDATE station SET places = 0 WHERE id = 11");
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
            await("published", () -> pending() == 0 && log.messages().size() == 4);
        }
        Map<String, List<Entry>> byDataset = entries(log.messages());
        assertEquals(List.of(Entry.Data.SNAPSHOT, Entry.Data.PATCH), byDataset.get("stations").stream().map(Entry::data).toList());
        Entry big = byDataset.get("stations").get(0);
        assertEquals(0, big.dataPatch().length);
        assertTrue(big.metaPatch().length > 0, "the run's record still travels");
        try (InputStream in = store.layout().changeLog("stations").open(1)) {
            assertTrue(in.readAllBytes().length > 20 * maxBody, "the patch left out was large");
        }
        chained(byDataset);
        log.messages().forEach(m -> assertTrue(m.body().length <= maxBody - Publisher.MARGIN, m.id()));
    }

    @Test
    void anEntryWhoseTransactionAbortedIsNeverPublished() throws Exception {
        stations(20);
        new Outbox(store.layout()).enable();
        // The territory has no version yet: the refresh records a failed run. Inside a write
        // transaction of ours, that run and its entry are written, then the transaction aborts.
        DatasetGraph dsg = store.dataset();
        dsg.begin(ReadWrite.WRITE);
        try {
            assertEquals(RefreshResult.Outcome.FAILED, refresh("stations").outcome());
        } finally {
            dsg.abort();
            dsg.end();
        }
        assertEquals(1, pending(), "the aborted transaction's entry is on disk");
        Path orphan = new Outbox(store.layout()).list("stations").get(0).file();
        byte[] orphanBytes = Files.readAllBytes(orphan);

        // A publisher's start removes it: never published.
        MemoryLog log = new MemoryLog("t", 1 << 20);
        try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
            assertEquals(0, pending());
            await("the registry published", () -> log.messages().size() == 1);
        }

        // Left while serving (the transaction failed, its removal too), then a later run of the
        // dataset commits: the publisher drops the orphan and publishes the later entry.
        try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
            Files.write(orphan, orphanBytes);
            refresher.onRefreshed(r -> p.wake());
            assertEquals(RefreshResult.Outcome.FAILED, refresh("stations").outcome());
            await("the later entry published", () -> pending() == 0 && log.messages().size() == 2);
        }
        List<Entry> published = entries(log.messages()).get("stations");
        assertEquals(1, published.size());
        assertFalse(published.get(0).run().equals(Entry.read(orphanBytes, 1 << 20).run()), "the orphan's run is not published");
        assertEquals("", published.get(0).prev(), "the aborted run never was the dataset's last");

        // And a refresher's start (a `regie refresh`, a server) removes one too.
        Files.write(orphan, orphanBytes);
        new Refresher(reg, store, dir, Refresher.Options.defaults());
        assertEquals(0, pending());
    }
}
