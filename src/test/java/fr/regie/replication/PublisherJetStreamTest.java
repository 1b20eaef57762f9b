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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

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
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;
import fr.regie.testing.PrivateNats;
import fr.regie.testing.TestDb;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * The publisher on real JetStream. On the shared server: the registry first, then each dataset's
 * entries in commit order, a new registry before the entries after it, an entry published again
 * after a crash kept once (the stream's {@code Nats-Msg-Id} window), the outbox emptied. On a
 * private server stopped before the primary starts and again while it runs: refreshes go on, and
 * once the server is back every entry is on the stream, in order, once.
 */
class PublisherJetStreamTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private TestDb db;
    private Path registryFile;
    private Registry reg;
    private Store store;
    private Refresher refresher;
    private final List<String[]> streams = new ArrayList<>();

    @BeforeEach
    void primary() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO station SELECT X, 'Station ' || X, CASE MOD(X, 2) WHEN 0 THEN '93066' ELSE '93001' END, MOD(X, 40)"
                        + " FROM SYSTEM_RANGE(1, 200)");
        registryFile = RefreshFixtureAccess.write(dir, db.url());
        reg = Registry.read(registryFile);
        store = Store.open(dir.resolve("store"));
        refresher = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
    }

    @AfterEach
    void cleanUp() {
        store.close();
        db.close();
        for (String[] s : streams) {
            try (Connection c = Nats.connect(new Options.Builder().server(s[0]).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0)
                    .build())) {
                c.jetStreamManagement().deleteStream(s[1]);
            } catch (JetStreamApiException | java.io.IOException e) {
                // gone already, or its private server is: nothing to clean
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String unique(String url) {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        String name = "t" + HexFormat.of().formatHex(b);
        streams.add(new String[] {url, name});
        return name;
    }

    private RefreshResult refresh(String dataset) {
        return refresher.refresh(reg.dataset(dataset).orElseThrow()).orElseThrow();
    }

    private void change(int id) {
        db.execute("UPDATE station SET places = places + 1 WHERE id = " + id);
    }

    private int pending() {
        try {
            return new Outbox(store.layout()).pending();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Everything the stream holds, in order. */
    private static List<LogMessage> all(LogEngine log) throws LogException {
        List<LogMessage> out = new ArrayList<>();
        long last = log.range().last();
        long from = 1;
        while (from <= last) {
            List<LogMessage> got = log.read(from, 100, Duration.ofSeconds(2));
            assertFalse(got.isEmpty(), "the stream answers from " + from);
            out.addAll(got);
            from = got.get(got.size() - 1).position() + 1;
        }
        return out;
    }

    /** The entries by dataset; each dataset's chained (prev = the run before), PATCHes the change log's bytes; each id once. */
    private Map<String, List<Entry>> check(List<LogMessage> messages, String name) throws Exception {
        assertEquals(messages.size(), new HashSet<>(messages.stream().map(LogMessage::id).toList()).size(), "each id once");
        assertEquals(name + ".registry", messages.get(0).subject(), "the registry first");
        Map<String, List<Entry>> byDataset = new LinkedHashMap<>();
        for (LogMessage m : messages) {
            if (!m.subject().equals(name + ".registry")) {
                Entry e = Entry.read(m.body(), 1 << 26);
                assertEquals(name + ".dataset." + e.dataset(), m.subject());
                assertEquals(e.id(), m.id());
                assertEquals(e.headers().get(Entry.RUN), m.header(Entry.RUN), "headers repeat the properties");
                byDataset.computeIfAbsent(e.dataset(), k -> new ArrayList<>()).add(e);
            }
        }
        String id = store.layout().identity();
        for (List<Entry> es : byDataset.values()) {
            String prev = "";
            for (Entry e : es) {
                assertEquals(prev, e.prev(), e.toString());
                assertEquals(id, e.store());
                if (e.data() == Entry.Data.PATCH) {
                    try (InputStream in = store.layout().changeLog(e.dataset()).open(e.version())) {
                        assertArrayEquals(in.readAllBytes(), e.dataPatch(), e.toString());
                    }
                }
                prev = e.run();
            }
        }
        return byDataset;
    }

    @Test
    void onTheSharedServerEverythingInOrderOnce() throws Exception {
        String url = PrivateNats.shared();
        String name = unique(url);
        new Outbox(store.layout()).enable();
        assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("territory").outcome());
        assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
        try (LogEngine log = new LazyLog(name, () -> JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS))) {
            Path kept = dir.resolve("kept.entry");
            Files.copy(new Outbox(store.layout()).list("stations").get(0).file(), kept);
            try (Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
                refresher.onRefreshed(r -> p.wake());
                change(1);
                assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
                assertEquals(RefreshResult.Outcome.UNCHANGED, refresh("stations").outcome());
                await("published", () -> pending() == 0 && p.status().datasets().containsKey("territory")
                        && p.status().datasets().get("stations").version() == 2 && p.status().pending() == 0);
                Files.writeString(registryFile, Files.readString(registryFile) + "\n# read again\n");
                Registry again = Registry.read(registryFile);
                p.registryChanged(again);
                change(2);
                assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
                await("published", () -> pending() == 0 && p.status().datasets().get("stations").version() == 3);
                assertTrue(p.status().connected());
            }
            List<LogMessage> messages = all(log);
            Map<String, List<Entry>> byDataset = check(messages, name);
            assertEquals(List.of(1L, 2L, 2L, 3L), byDataset.get("stations").stream().map(Entry::version).toList());
            assertEquals(1, byDataset.get("territory").size());
            // The last message but one is the new registry: before the entry committed after it.
            assertEquals(name + ".registry", messages.get(messages.size() - 2).subject());
            assertEquals(RegistryBundle.pack(Registry.read(registryFile)).sha256(), RegistryBundle.of(messages.get(messages.size() - 2)).sha256());
            assertEquals(7, messages.size(), "two registries, a territory entry, four station entries");

            // A crash between the acknowledgement and the removal: the next start publishes it again, the stream keeps it once.
            Files.copy(kept, store.layout().outbox("stations").resolve("000000000001.entry"));
            try (Publisher p = Publisher.start(store, Registry.read(registryFile), log, TestPrimary.SIGNATURE)) {
                await("the leftover published", () -> pending() == 0 && p.status().datasets().containsKey("stations"));
                String id = Entry.read(Files.readAllBytes(kept), 1 << 20).id();
                long first = messages.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().position();
                assertEquals(first, p.status().datasets().get("stations").position(), "the stream answers with the first copy's position");
            }
            assertEquals(messages.size(), all(log).size(), "nothing new on the stream");
        }
    }

    @Test
    void aServerDownAtStartAndWhileServingIsCaughtUpWith() throws Exception {
        try (PrivateNats nats = PrivateNats.begin()) {
            String url = nats.url();
            String name = unique(url);
            nats.stop();
            try (LogEngine log = new LazyLog(name, () -> JetStreamLog.connect(url, name,
                    JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(2))));
                 Publisher p = Publisher.start(store, reg, log, TestPrimary.SIGNATURE)) {
                refresher.onRefreshed(r -> p.wake());
                assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("territory").outcome());
                assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
                await("the publisher says the log cannot be reached", () -> !p.status().connected() && p.status().lastError().isPresent()
                        && p.status().pending() == 2);
                nats.start();
                await("caught up", () -> pending() == 0 && p.status().connected() && p.status().datasets().size() == 2);

                // Down again while serving: refreshes go on; back on the same port and store, the connection comes back.
                nats.stop();
                change(5);
                assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
                change(6);
                assertEquals(RefreshResult.Outcome.ACCEPTED, refresh("stations").outcome());
                await("the publisher says the log is down", () -> !p.status().connected() && p.status().pending() == 2);
                nats.start();
                await("caught up again", () -> pending() == 0 && p.status().datasets().get("stations").version() == 3);
                List<LogMessage> messages = all(log);
                Map<String, List<Entry>> byDataset = check(messages, name);
                assertEquals(List.of(1L, 2L, 3L), byDataset.get("stations").stream().map(Entry::version).toList());
                assertEquals(5, messages.size(), "the registry, a territory entry, three station entries");
            }
        }
    }
}
