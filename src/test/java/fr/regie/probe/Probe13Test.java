package fr.regie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.net.http.HttpResponse;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.Registry;
import fr.regie.replication.Entry;
import fr.regie.replication.Follower;
import fr.regie.replication.MetaState;
import fr.regie.replication.PrimarySnapshots;
import fr.regie.replication.RegistryBundle;
import fr.regie.replication.SnapshotSource;
import fr.regie.replication.TestPrimary;
import fr.regie.server.AccessFixture;
import fr.regie.server.ReplicaRole;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.server.replication.ReplicationFeature;
import fr.regie.store.Store;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogMessage;
import fr.regie.testing.PrivateNats;
import fr.regie.testing.TestServer;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * An attacker's probe of read replicas (issue 13): a real primary (the access fixture, public
 * {@code stations}, partners' {@code shared}, {@code secret} restricted to velib), the shared
 * NATS JetStream with a stream of its own per test (deleted after), a replica store followed by
 * a {@link Follower} and served over real HTTP. Whoever can publish on the stream is the
 * attacker. Each test is one attack with what a trustworthy replica must do; a failing one is a finding.
 */
class Probe13Test {
    private static final String VELIB = "k-velib";

    @TempDir
    Path dir;

    private String url;
    private String stream;
    private TestPrimary primary;
    private JetStreamLog log;
    private JetStreamLog replicaLog;
    private Store replicaStore;
    private Follower follower;
    private TestServer replica;
    private final AtomicInteger fetches = new AtomicInteger();
    /** What the replica's snapshot source does to each snapshot file before it is loaded (tests damage it). */
    private volatile UnaryOperator<SnapshotSource.Snapshot> tamper = s -> s;

    @AfterEach
    void stop() throws Exception {
        if (follower != null) {
            follower.close();
        }
        if (replica != null) {
            replica.close();
        }
        for (JetStreamLog l : new JetStreamLog[] {log, replicaLog}) {
            if (l != null) {
                l.close();
            }
        }
        if (replicaStore != null) {
            replicaStore.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (stream != null) {
            try (var c = Nats.connect(new Options.Builder().server(url).maxReconnects(0).build())) {
                c.jetStreamManagement().deleteStream(stream);
            } catch (Exception e) {
                // Already gone (a test deleted it).
            }
        }
    }

    /** The primary, its stream with the registry published, and a replica following it, in step. */
    private void start() throws Exception {
        start(List.of(new ReplicationFeature(), new DatasetsFeature()));
    }

    private void start(List<fr.regie.server.Feature> features) throws Exception {
        url = PrivateNats.shared();
        stream = "p13" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature()));
        log = JetStreamLog.connect(url, stream, JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(3)));
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        replicaLog = JetStreamLog.follow(url, stream, JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(3)));
        replicaStore = Store.open(dir.resolve("replica"));
        SnapshotSource real = new PrimarySnapshots(primary.url(), Duration.ofSeconds(5), Duration.ofSeconds(30), 1L << 30,
                () -> Optional.of(TestPrimary.ADMIN));
        SnapshotSource counted = new SnapshotSource() {
            @Override
            public Snapshot fetch(String dataset, Path into) throws IOException {
                fetches.incrementAndGet();
                return tamper.apply(real.fetch(dataset, into));
            }

            @Override
            public Head head(String dataset) throws IOException {
                return real.head(dataset);
            }

            @Override
            public RegistryDownload registry() throws IOException {
                return real.registry();
            }

            @Override
            public String where() {
                return real.where();
            }
        };
        follower = new Follower(replicaStore, replicaLog, counted, new Follower.Options(50, Duration.ofMillis(100), 64L << 20, 64L << 20,
                Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofMillis(100)), TestPrimary.SIGNATURE);
        Registry reg = follower.awaitRegistry(Duration.ofSeconds(10)).orElseThrow();
        ServerContext ctx = new ServerContext(reg, replicaStore, Access.of(reg, AccessFixture.ENV), ServerSettings.defaults(0), null, null,
                r -> Access.of(r, AccessFixture.ENV));
        ctx.replica(new ReplicaRole(follower::status, primary.url(), 0, Duration.ofSeconds(30)));
        replica = TestServer.start(ctx, features);
        follower.start(ctx::reload);
        settle();
    }

    /** Waits until the replica has read the whole stream and says it follows. */
    private void settle() throws Exception {
        long end = log.range().last();
        poll(() -> {
            Follower.Status s = follower.status();
            return s.position() >= end && s.state() == Follower.State.FOLLOWING;
        }, Duration.ofSeconds(30), "the replica to read up to position " + end + " and follow");
    }

    /** Waits until the replica has read the whole stream, whatever it made of it. */
    private void readAll() throws Exception {
        long end = log.range().last();
        poll(() -> follower.status().position() >= end, Duration.ofSeconds(30), "the replica to read up to position " + end);
    }

    private static void poll(BooleanSupplier c, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private MetaState replicaState(String dataset) {
        var dsg = replicaStore.dataset();
        return org.apache.jena.system.Txn.calculateRead(dsg, () -> MetaState.of(dsg, primary.graphs(), dataset));
    }

    private int anonymous(String path) throws Exception {
        return replica.getBytes(path).statusCode();
    }

    /**
     * Anyone who can publish on the stream sends a registry bundle (the primary's, with the
     * restricted dataset made public), under the primary's store id (it is on every message).
     * The replica must not start serving the restricted dataset to anonymous callers.
     */
    @Test
    void aForgedRegistryOnTheStreamDoesNotOpenARestrictedDataset() throws Exception {
        start();
        assertEquals(404, anonymous("/datasets/secret/dump.nq.gz"), "before: secret is velib's only");
        primary.accessLevel("secret", "regie:Public");
        RegistryBundle forged = primary.bundle();
        primary.accessLevel("secret", "regie:Restricted ; regie:accessPartner <#velib>"); // the primary never published it
        log.publish(forged.message(log, primary.storeId));
        readAll();
        assertEquals(404, anonymous("/datasets/secret/dump.nq.gz"),
                "a registry bundle published by someone else than the primary made the restricted dataset public on the replica");
    }

    /**
     * The primary restricts a public dataset; its registry message reaches the stream damaged
     * (same headers, a body that does not unpack), then the dataset's next entry. The replica
     * cannot know what the primary now allows: it must fail closed for that dataset rather than
     * go on serving the dataset, with the primary's new data, to everyone.
     */
    @Test
    void anUnreadableRegistryMessageFailsClosed() throws Exception {
        start();
        assertEquals(200, anonymous("/datasets/stations/dump.nq.gz"));
        primary.accessLevel("stations", "regie:Restricted ; regie:accessPartner <#velib>");
        LogMessage good = primary.signed(primary.bundle().message(log, primary.storeId));
        log.publish(LogMessage.of(good.subject(), good.id(), good.headers(), "PK\u0003\u0004 not a bundle".getBytes(StandardCharsets.ISO_8859_1)));
        primary.addRow("stations", "only for velib now");
        log.publish(primary.signed(primary.refresh("stations").message(log)));
        readAll();
        int code = anonymous("/datasets/stations/dump.nq.gz");
        assertNotEquals(200, code, "the replica serves, to anyone, a dataset its primary restricted, after a registry message it could not read ("
                + follower.status().lastError().orElse("no error said") + ")");
    }

    /**
     * Hostile entries on stations' subject, each following the run the replica holds: a data
     * patch into another dataset's graph, into the reference graph, a meta patch into stations'
     * data graph and into another dataset's metadata graph, another store's entry, a 0-byte body,
     * a part twice. The replica refuses each, stays up, and every dataset's graphs are the primary's.
     */
    @Test
    void hostileEntriesNeverLeaveTheirDatasetsGraphs() throws Exception {
        start();
        MetaState s = replicaState("stations");
        String g = primary.graphs().base();
        String x = "<" + g + "id/evil/1> <https://schema.org/name> \"injected\" ";
        String dataOf = "<" + primary.graphs().dataset("stations").getURI() + ">";
        String[][] patches = {
            {"TX .\nA " + x + "<" + primary.graphs().dataset("secret").getURI() + "> .\nTC .\n", ""},
            {"TX .\nA " + x + "<" + primary.graphs().dataset("territory").getURI() + "> .\nTC .\n", ""},
            {"TX .\nA " + x + dataOf + " .\nTC .\n", "TX .\nA " + x + "<" + primary.graphs().meta("secret").getURI() + "> .\nTC .\n"},
            {"", "TX .\nA " + x + dataOf + " .\nTC .\n"},
        };
        int n = 0;
        for (String[] p : patches) {
            Entry e = new Entry(primary.storeId, "stations", s.version() + 1, g + "run/forged" + n++, s.lastRun(), Instant.now(),
                    p[0].isEmpty() ? Entry.Data.NONE : Entry.Data.PATCH, p[0].getBytes(StandardCharsets.UTF_8), p[1].getBytes(StandardCharsets.UTF_8));
            log.publish(e.message(log));
        }
        Entry other = new Entry("another-store", "stations", s.version() + 1, g + "run/forged-other", s.lastRun(), Instant.now(), Entry.Data.PATCH,
                ("TX .\nA " + x + dataOf + " .\nTC .\n").getBytes(StandardCharsets.UTF_8), new byte[0]);
        log.publish(other.message(log));
        LogMessage m = other.message(log);
        log.publish(LogMessage.of(m.subject(), m.id() + "-empty", m.headers(), new byte[0]));
        log.publish(LogMessage.of(m.subject(), m.id() + "-twice", m.headers(), twice()));
        readAll();
        for (String d : List.of("territory", "stations", "shared", "secret")) {
            assertTrue(primary.quads(d).equals(TestPrimary.quads(replicaStore, primary.graphs(), d)), d + "'s graphs on the replica against the primary's");
        }
        assertEquals(200, replica.get("/$/ping").statusCode(), "the replica is up");
        assertTrue(follower.status().lastError().isPresent(), "the replica says what it refused");
    }

    private static byte[] twice() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (String name : List.of("meta.rdfp", "meta.rdfq")) { // renamed below: ZipOutputStream refuses a name twice
                z.putNextEntry(new ZipEntry(name));
                z.write("TX .\nTC .\n".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        byte[] zip = b.toByteArray();
        String text = new String(zip, StandardCharsets.ISO_8859_1).replace("meta.rdfq", "meta.rdfp");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Thirty garbage messages on one dataset's subject while the primary does not change: each
     * costs the primary a full snapshot today. A trustworthy replica does not let whoever can
     * publish make it download the same version of a dataset again and again.
     */
    @Test
    void garbageOnTheStreamDoesNotAmplifyIntoSnapshots() throws Exception {
        start();
        int before = fetches.get();
        for (int i = 0; i < 30; i++) {
            log.publish(LogMessage.of(log.datasetSubject("stations"), "garbage-" + i, java.util.Map.of(Entry.STORE, primary.storeId),
                    ("garbage " + i).getBytes(StandardCharsets.UTF_8)));
        }
        readAll();
        poll(() -> follower.status().state() == Follower.State.FOLLOWING, Duration.ofSeconds(20), "the replica to follow again");
        int taken = fetches.get() - before;
        assertTrue(taken <= 3, taken + " snapshots of an unchanged dataset taken for 30 garbage messages");
    }

    /**
     * The stream is deleted and created again under a following replica (an operator's reset);
     * the primary publishes its registry and a new version on the new stream (positions from 1).
     * The replica must reach the primary's version, or at least stop saying it is in step.
     */
    @Test
    void aStreamRecreatedUnderTheReplicaIsNoticed() throws Exception {
        start();
        for (int i = 0; i < 3; i++) { // the replica's cursor well past what the new stream will hold
            primary.addRow("shared", "s" + i);
            log.publish(primary.signed(primary.refresh("shared").message(log)));
        }
        settle();
        try (var c = Nats.connect(new Options.Builder().server(url).maxReconnects(0).build())) {
            c.jetStreamManagement().deleteStream(stream);
        }
        log.close();
        log = JetStreamLog.connect(url, stream, JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(3)));
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        primary.addRow("stations", "after the reset");
        Entry e = primary.refresh("stations");
        log.publish(primary.signed(e.message(log)));
        try {
            poll(() -> replicaState("stations").lastRun().equals(e.run()), Duration.ofSeconds(10), "the replica to apply " + e.id());
        } catch (AssertionError timeout) {
            Follower.Status st = follower.status();
            Follower.DatasetStatus ds = st.datasets().stream().filter(d -> d.dataset().equals("stations")).findFirst().orElseThrow();
            assertTrue(st.state() != Follower.State.FOLLOWING || ds.lagVersions() > 0 || replica.get("/$/ready").statusCode() == 503,
                    "10 s after the stream was recreated the replica is at version " + ds.version() + " (primary " + primary.state("stations").version()
                            + "), cursor " + st.position() + " past the stream's end " + log.range().last() + ", and says " + st.state().text()
                            + ", lag " + ds.lagVersions() + ", ready " + replica.get("/$/ready").statusCode());
        }
    }

    /**
     * The primary (or a proxy in front of it) sends snapshots cut short at a line end: well
     * framed N-Quads, a prefix of the real ones. Whatever the cut, the replica must hold a
     * dataset exactly as the primary had it at some run, never a part of one.
     */
    @Test
    void aTruncatedSnapshotIsNeverLoaded() throws Exception {
        start();
        Random rnd = new Random(Long.getLong("regie.test.seed", 13L));
        List<String> seen = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            int cut = round; // lines dropped from the end
            tamper = s -> {
                try {
                    List<String> lines = Files.readAllLines(s.file());
                    Files.write(s.file(), lines.subList(0, Math.max(0, lines.size() - cut)));
                    return s;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            primary.addRow("shared", "t" + rnd.nextInt(1000));
            Entry e = primary.refresh("shared");
            log.publish(primary.signed(e.withData(Entry.Data.SNAPSHOT, null).message(log)));
            int before = fetches.get();
            readAll();
            poll(() -> fetches.get() > before, Duration.ofSeconds(10), "a snapshot try");
            Thread.sleep(200); // bounded: the load after the download (the oracle below holds at any time)
            String run = replicaState("shared").lastRun();
            Set<Quad> held = TestPrimary.quads(replicaStore, primary.graphs(), "shared");
            seen.add("cut " + cut + ": run " + run);
            Set<Quad> had = primary.at("shared", run);
            long missing = had.stream().filter(q -> !held.contains(q)).count();
            long extra = held.stream().filter(q -> !had.contains(q)).count();
            assertTrue(missing == 0 && extra == 0, "round " + cut + ": the replica holds a part of the primary's shared at " + run + " ("
                    + held.size() + " quads, " + missing + " missing, " + extra + " extra; the primary had " + had.size() + ")");
        }
    }

    /**
     * The primary goes back (an older store restored): its snapshot is older than what the
     * replica serves. The replica keeps its version and says the primary is behind.
     */
    @Test
    void anOlderSnapshotIsRefused() throws Exception {
        start();
        Path kept = dir.resolve("old.nq");
        tamper = s -> {
            try {
                Files.copy(s.file(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return s;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        primary.addRow("stations", "v-old");
        Entry old = primary.refresh("stations");
        log.publish(primary.signed(old.withData(Entry.Data.SNAPSHOT, null).message(log)));
        settle();
        long oldVersion = old.version();
        primary.addRow("stations", "v-new");
        log.publish(primary.signed(primary.refresh("stations").message(log)));
        settle();
        long served = replicaState("stations").version();
        assertTrue(served > oldVersion);
        tamper = s -> {
            try {
                Files.copy(kept, s.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return new SnapshotSource.Snapshot(s.store(), oldVersion, old.run(), s.file());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        primary.addRow("stations", "v-newer");
        log.publish(primary.signed(primary.refresh("stations").withData(Entry.Data.SNAPSHOT, null).message(log)));
        poll(() -> follower.status().state() == Follower.State.PRIMARY_BEHIND, Duration.ofSeconds(10), "the replica to say the primary is behind");
        assertEquals(served, replicaState("stations").version(), "the replica went back");
    }

    /**
     * The snapshot endpoint on the primary: no key, a partner's key, an unknown key, path tricks
     * and another territory's dataset get nothing of a dataset; HEAD gives headers and no body;
     * on a replica the endpoint is the primary's only.
     */
    @Test
    void theSnapshotEndpointGivesNothingAway() throws Exception {
        start();
        TestServer p = primary.server();
        String at = "/admin/replication/secret/snapshot";
        assertEquals(401, p.get(at).statusCode());
        assertEquals(403, p.get(at, "X-API-Key", VELIB).statusCode());
        assertEquals(401, p.get(at, "X-API-Key", "k-nobody").statusCode());
        for (String trick : List.of("/admin/replication/..%2Fsecret/snapshot", "/admin/replication/secret%2Fsnapshot",
                "/admin/replication/other-territory/snapshot", "/admin/replication/secret/../secret/snapshot/x",
                "/admin/replication/%73ecret/snapshot/", "/admin/replication//snapshot")) {
            var r = p.getBytes(trick, "X-API-Key", TestPrimary.ADMIN);
            assertTrue(r.statusCode() >= 400 || r.headers().firstValue("Regie-Version").isEmpty() || trick.contains("%73ecret") && r.statusCode() == 200,
                    trick + " answered " + r.statusCode());
            var anon = p.getBytes(trick);
            assertTrue(anon.statusCode() == 401 || anon.statusCode() == 404 || anon.statusCode() == 400, trick + " anonymous: " + anon.statusCode());
            assertTrue(new String(anon.body(), StandardCharsets.UTF_8).indexOf("injected") < 0 && anon.headers().firstValue("Regie-Version").isEmpty());
        }
        var head = p.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(p.base() + at)).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).header("X-API-Key", TestPrimary.ADMIN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        var cond = p.getBytes(at, "X-API-Key", TestPrimary.ADMIN, "If-None-Match", "*");
        assertTrue(cond.statusCode() == 200 && cond.body().length > 0, "a conditional request still gets the snapshot: " + cond.statusCode());
        assertEquals(421, replica.get(at, "X-API-Key", TestPrimary.ADMIN).statusCode(), "the replica sends snapshot requests to the primary");
        int anon = replica.get(at).statusCode();
        assertTrue(anon == 401 || anon == 421, "anonymous on the replica: " + anon);
    }

    /**
     * A ZIP bomb on the stream: a message under the log's 1 MiB that inflates to 200 MiB. The
     * follower's default bound on a part (what {@code regie replica} runs with) must refuse it
     * rather than inflate it in memory.
     */
    @Test
    void aZipBombUnderTheMessageLimitIsRefused() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry("entry.properties"));
            z.write("regie.data=patch\n".getBytes(StandardCharsets.ISO_8859_1));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("data.rdfp"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        byte[] bomb = b.toByteArray();
        assertTrue(bomb.length < 1 << 20, "the bomb fits in one message: " + bomb.length);
        long max = Follower.Options.defaults().maxEntryBytes();
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t0 = System.nanoTime();
        Entry.Corrupt c = assertThrows(Entry.Corrupt.class, () -> Entry.read(bomb, max));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(c.getMessage().contains("data.rdfp"),
                "the " + bomb.length + "-byte bomb was inflated in full (the default bound on a part is " + (max >> 20) + " MiB, " + ms
                        + " ms, heap before " + (heapBefore >> 20) + " MiB) before being refused for: " + c.getMessage());
    }

    /**
     * A public dataset restricted on the primary, through the log (its registry, then a new
     * version): on a replica serving every feature, anonymous callers and a partner it does not
     * name get nothing of it (data before and after, its metadata graph) by SPARQL (GRAPH ?g,
     * FROM NAMED, FROM, DESCRIBE, a property path), /id, dump, changes, the event stream, search,
     * the catalog or /status; velib still gets it.
     */
    @Test
    void aDatasetRestrictedThroughTheLogLeaksNowhereOnTheReplica() throws Exception {
        start(fr.regie.cli.ServerFeatures.all());
        String before = primary.addRow("stations", "Zyxwvutleak");
        log.publish(primary.signed(primary.refresh("stations").message(log)));
        settle();
        poll(() -> {
            try {
                return replica.get("/search?q=Zyxwvutleak").body().contains("Zyxwvutleak");
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10), "the replica's search to find a label the log brought while public");
        primary.accessLevel("stations", "regie:Restricted ; regie:accessPartner <#velib>");
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        String after = primary.addRow("stations", "Qwertysecret");
        log.publish(primary.signed(primary.refresh("stations").message(log)));
        settle();
        String data = primary.graphs().dataset("stations").getURI();
        String meta = primary.graphs().meta("stations").getURI();
        List<String> queries = List.of(
                "SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                "SELECT * FROM NAMED <" + data + "> FROM NAMED <" + meta + "> WHERE { GRAPH ?g { ?s ?p ?o } }",
                "SELECT * FROM <" + data + "> WHERE { ?s ?p ?o }",
                "DESCRIBE <" + after + ">",
                "SELECT * WHERE { <" + before + "> (<https://schema.org/name>|^<https://schema.org/name>)* ?o }",
                "SELECT * WHERE { ?s <https://schema.org/name> ?o }",
                "SELECT * WHERE { GRAPH <" + meta + "> { ?s ?p ?o } }");
        List<String> paths = new ArrayList<>();
        for (String query : queries) {
            paths.add("/sparql?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
        }
        String local = after.substring(primary.graphs().base().length() - 1);
        paths.addAll(List.of(local, before.substring(primary.graphs().base().length() - 1), "/datasets/stations/dump.nq.gz",
                "/datasets/stations/changes", "/datasets/stations/ldes", "/search?q=Zyxwvutleak", "/search?q=Qwertysecret", "/catalog",
                "/status", "/id/dataset/stations"));
        List<String> leaks = new ArrayList<>();
        for (String[] caller : new String[][] {{"anonymous", null}, {"sncf", "k-sncf"}}) {
            for (String path : paths) {
                HttpResponse<byte[]> r = caller[1] == null ? replica.getBytes(path, "Accept", "application/n-quads, application/sparql-results+json, */*")
                        : replica.getBytes(path, "X-API-Key", caller[1], "Accept", "application/n-quads, application/sparql-results+json, */*");
                String body = body(r);
                if (path.startsWith("/search")) {
                    r = caller[1] == null ? replica.getBytes(path, "Accept", "application/json")
                            : replica.getBytes(path, "X-API-Key", caller[1], "Accept", "application/json");
                    body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("hits").toString(); // the query is echoed
                }
                for (String secret : List.of("Zyxwvutleak", "Qwertysecret", after, "/graph/meta/stations", "/graph/stations")) {
                    if (r.statusCode() < 300 && body.contains(secret)) {
                        leaks.add(caller[0] + " " + path + " -> " + r.statusCode() + " shows " + secret);
                    }
                }
            }
        }
        HttpResponse<byte[]> velib = replica.getBytes("/datasets/stations/dump.nq.gz", "X-API-Key", VELIB);
        assertEquals(200, velib.statusCode(), "velib still reads stations on the replica");
        assertTrue(body(velib).contains("Qwertysecret"), "velib reads the new version");
        assertTrue(leaks.isEmpty(), "leaks on the replica:\n" + String.join("\n", leaks));
    }

    /**
     * A thousand requests (8 clients: dumps, SPARQL, /status, readiness, resources) on a replica
     * while it catches up with 20 versions and a snapshot: no 5xx but readiness' documented 503,
     * none slower than 10 s, and the replica ends in step with the primary.
     */
    @Test
    void aThousandRequestsDuringCatchUp() throws Exception {
        start(fr.regie.cli.ServerFeatures.all());
        String subject = primary.addRow("stations", "loaded");
        log.publish(primary.signed(primary.refresh("stations").message(log)));
        String sparql = "/sparql?query=" + java.net.URLEncoder.encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", StandardCharsets.UTF_8);
        List<String> paths = List.of("/datasets/stations/dump.nq.gz", sparql, "/status", "/$/ready", subject.substring(primary.graphs().base().length() - 1),
                "/datasets/stations/changes", "/catalog", "/search?q=loaded");
        java.util.concurrent.ConcurrentLinkedQueue<String> bad = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int me = c;
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 125; i++) {
                    String path = paths.get((me + i) % paths.size());
                    long t0 = System.nanoTime();
                    try {
                        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(replica.base() + path)).timeout(Duration.ofSeconds(10))
                                .GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() >= 500 && !(r.statusCode() == 503 && path.equals("/$/ready"))) {
                            bad.add(path + " -> " + r.statusCode());
                        }
                    } catch (Exception e) {
                        bad.add(path + " -> " + e);
                    }
                    slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    done.incrementAndGet();
                }
            }));
        }
        for (int v = 0; v < 20; v++) {
            primary.addRow(v % 2 == 0 ? "stations" : "shared", "load" + v);
            Entry e = primary.refresh(v % 2 == 0 ? "stations" : "shared");
            log.publish(primary.signed((v == 10 ? e.withData(Entry.Data.SNAPSHOT, null) : e).message(log)));
        }
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(90));
            assertTrue(!t.isAlive(), "a client still runs after 90 s");
        }
        settle();
        assertEquals(1000, done.get());
        assertTrue(bad.isEmpty(), bad.size() + " bad answers, e.g. " + bad.stream().limit(5).toList());
        assertTrue(slowest.get() < 10_000, "slowest request " + slowest.get() + " ms");
        for (String d : List.of("stations", "shared")) {
            assertTrue(primary.quads(d).equals(TestPrimary.quads(replicaStore, primary.graphs(), d)), d + " in step after the load");
        }
        System.out.println("Probe13 load: 1000 requests, slowest " + slowest.get() + " ms");
    }

    /**
     * {@code regie replica} as a child process, killed with SIGKILL at seeded random moments
     * while it applies entries and takes a snapshot; each time it is started again on its
     * store. As soon as it answers, every dataset it serves is exactly the primary's data at the
     * version it reports; then it catches up with the primary and is ready.
     */
    @Test
    void sigkillDuringApplyAndSnapshotLeavesAConsistentReplica() throws Exception {
        url = PrivateNats.shared();
        stream = "p13" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature(), new DatasetsFeature()));
        log = JetStreamLog.connect(url, stream, JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(3)));
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        java.util.Map<String, Set<Quad>> byVersion = new java.util.HashMap<>();
        List<String> all = List.of("stations", "shared", "secret");
        for (String d : all) {
            byVersion.put(d + "@" + primary.state(d).version(), dataOf(d));
        }
        int port;
        try (java.net.ServerSocket sock = new java.net.ServerSocket(0)) {
            port = sock.getLocalPort();
        }
        Path store = dir.resolve("replica");
        Random rnd = new Random(Long.getLong("regie.test.seed", 13L));
        int kills = Integer.getInteger("regie.probe13.kills", 2);
        Process child = replicaProcess(store, port, 0);
        try {
            awaitChild(child, () -> status(port, "/$/ready") == 200, "the replica to be ready", 0);
            for (int k = 1; k <= kills; k++) {
                for (int v = 0; v < 4; v++) {
                    String d = v == 3 ? "shared" : "stations";
                    primary.addRow(d, "k" + k + "v" + v);
                    Entry e = primary.refresh(d);
                    byVersion.put(d + "@" + e.version(), dataOf(d));
                    log.publish(primary.signed((v == 3 ? e.withData(Entry.Data.SNAPSHOT, null) : e).message(log)));
                }
                long delay = rnd.nextInt(1500);
                Thread.sleep(delay); // the moment of the kill: seeded, not a synchronisation
                child.destroyForcibly().waitFor();
                child = replicaProcess(store, port, k);
                Process c = child;
                awaitChild(c, () -> status(port, "/status") == 200, "the restarted replica to answer", k);
                for (String d : all) {
                    long v = replicaVersion(port, d);
                    if (v > 0) {
                        Set<Quad> expected = byVersion.get(d + "@" + v);
                        assertTrue(expected != null && expected.equals(replicaData(port, d)), "kill " + k + " after " + delay + " ms: " + d
                                + " at version " + v + " on the restarted replica is not the primary's version " + v);
                    }
                }
                for (String d : all) {
                    long target = primary.state(d).version();
                    awaitChild(c, () -> replicaVersion(port, d) == target, d + " to reach version " + target + " after kill " + k, k);
                    assertTrue(dataOf(d).equals(replicaData(port, d)), "kill " + k + ": " + d + " caught up and equal to the primary's");
                }
                awaitChild(c, () -> status(port, "/$/ready") == 200, "the replica to be ready after kill " + k, k);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private Set<Quad> dataOf(String dataset) {
        org.apache.jena.graph.Node g = primary.graphs().dataset(dataset);
        Set<Quad> out = new java.util.HashSet<>();
        primary.quads(dataset).stream().filter(q -> q.getGraph().equals(g)).forEach(out::add);
        return out;
    }

    private Process replicaProcess(Path store, int port, int run) throws IOException {
        ProcessBuilder b = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Xmx384m", "fr.regie.cli.Main", "replica", "--store", store.toString(), "--primary", primary.url(), "--stream", url,
                "--stream-name", stream, "--port", Integer.toString(port), "--admin-key-env", "ADMIN_KEY")
                .redirectErrorStream(true).redirectOutput(dir.resolve("replica-" + run + ".log").toFile());
        b.environment().putAll(AccessFixture.ENV);
        return b.start();
    }

    private void awaitChild(Process child, BooleanSupplier c, String what, int run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline || !child.isAlive()) {
                throw new AssertionError("waiting for " + what + (child.isAlive() ? ": timed out" : ": the replica exited") + "\n"
                        + Files.readString(dir.resolve("replica-" + run + ".log")));
            }
            Thread.sleep(50);
        }
    }

    private static final java.net.http.HttpClient CHILD = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<byte[]> childGet(int port, String path) {
        try {
            return CHILD.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                    .header("X-API-Key", TestPrimary.ADMIN).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int status(int port, String path) {
        HttpResponse<byte[]> r = childGet(port, path);
        return r == null ? -1 : r.statusCode();
    }

    private static long replicaVersion(int port, String dataset) {
        HttpResponse<byte[]> r = childGet(port, "/status");
        if (r == null || r.statusCode() != 200) {
            return -1;
        }
        try {
            for (var d : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("replication").get("datasets")) {
                if (d.get("id").asText().equals(dataset)) {
                    return d.get("version").asLong();
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static Set<Quad> replicaData(int port, String dataset) throws IOException {
        HttpResponse<byte[]> r = childGet(port, "/datasets/" + dataset + "/dump.nq.gz");
        assertEquals(200, r.statusCode(), "dump of " + dataset);
        Set<Quad> out = new java.util.HashSet<>();
        org.apache.jena.riot.RDFParser.source(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())))
                .lang(org.apache.jena.riot.Lang.NQUADS).parse(new org.apache.jena.riot.system.StreamRDFBase() {
                    @Override
                    public void quad(Quad q) {
                        out.add(q);
                    }
                });
        return out;
    }

    private static String body(HttpResponse<byte[]> r) throws IOException {
        byte[] b = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").contains("gzip") || b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            b = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes();
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
