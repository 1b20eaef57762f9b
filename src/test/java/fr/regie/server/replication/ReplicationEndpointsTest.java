package fr.regie.server.replication;

import fr.regie.testing.MemoryLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.Registry;
import fr.regie.replication.Entry;
import fr.regie.replication.Follower;
import fr.regie.replication.PrimarySnapshots;
import fr.regie.replication.SnapshotSource;
import fr.regie.replication.TestPrimary;
import fr.regie.server.AccessFixture;
import fr.regie.server.Feature;
import fr.regie.server.ReplicaRole;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.metrics.MetricsFeature;
import fr.regie.server.ops.AdminFeature;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.server.partner.PartnerFeature;
import fr.regie.server.status.StatusFeature;
import fr.regie.store.Store;
import fr.regie.testing.TestServer;

/**
 * Replication's endpoints over real HTTP, on a primary and on a replica that follows it: the
 * snapshot (admin only, the same answer as any admin path for others, the primary's graphs and
 * labels, gzip when asked, 404 for an unknown dataset), readiness (200 on a primary; 503 naming
 * what the caller may see until the replica has every dataset and is within its lag, 200 then,
 * 503 again while it lags), the {@code replication} block of {@code /status}, the lag gauges in
 * {@code /$/metrics}, and the 421 of a replica's write endpoints while its reads are served.
 */
class ReplicationEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^regie_replica_lag_(versions|seconds)\\{(?:[^}]*,)?dataset=\"([^\"]+)\"[^}]*\\} (\\S+)$");

    @TempDir
    static Path dir;
    static TestPrimary primary;
    static MemoryLog log;
    static Store replicaStore;
    static Follower follower;
    static TestServer replica;
    static Gate gate;

    /** Snapshots from the real primary, held back while closed (up to 30 s, then a failure). */
    static final class Gate implements SnapshotSource {
        private final SnapshotSource inner;
        private boolean open;

        Gate(SnapshotSource inner) {
            this.inner = inner;
        }

        synchronized void open(boolean o) {
            open = o;
            notifyAll();
        }

        @Override
        public Snapshot fetch(String dataset, Path into) throws IOException {
            synchronized (this) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!open && System.nanoTime() < deadline) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                if (!open) {
                    throw new IOException("held back (test)");
                }
            }
            return inner.fetch(dataset, into);
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

    static List<Feature> features() {
        return List.of(new ReplicationFeature(), new StatusFeature(), new DatasetsFeature(), new AdminFeature(), new PartnerFeature(),
                new MetricsFeature());
    }

    @BeforeAll
    static void start() throws Exception {
        primary = TestPrimary.start(dir.resolve("primary"), features());
        log = new MemoryLog("regie");
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        replicaStore = Store.open(dir.resolve("replica"));
        gate = new Gate(new PrimarySnapshots(primary.url(), Duration.ofSeconds(2), Duration.ofSeconds(30), 1L << 30,
                () -> Optional.of(TestPrimary.ADMIN)));
        follower = new Follower(replicaStore, log, gate, new Follower.Options(50, Duration.ofMillis(50), 64L << 20, 64L << 20,
                Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofMillis(100)), TestPrimary.SIGNATURE);
        Registry reg = follower.awaitRegistry(Duration.ofSeconds(10)).orElseThrow();
        ServerContext ctx = new ServerContext(reg, replicaStore, Access.of(reg, AccessFixture.ENV), ServerSettings.defaults(0), null, null,
                r -> Access.of(r, AccessFixture.ENV));
        ctx.replica(new ReplicaRole(follower::status, primary.url(), 0, Duration.ofSeconds(30)));
        replica = TestServer.start(ctx, features());
        follower.start(ctx::reload);
    }

    @AfterAll
    static void stop() {
        if (follower != null) {
            follower.close();
        }
        if (replica != null) {
            replica.close();
        }
        if (replicaStore != null) {
            replicaStore.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    private static Set<Quad> nquads(InputStream in) {
        Set<Quad> out = new HashSet<>();
        RDFParser.source(in).lang(Lang.NQUADS).labelToNode(LabelToNode.createUseLabelEncoded()).parse(new StreamRDFBase() {
            @Override
            public void quad(Quad q) {
                out.add(q);
            }
        });
        return out;
    }

    private static HttpResponse<String> send(TestServer s, String method, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path)).method(method,
                method.equals("POST") ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return s.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSnapshotIsThePrimarysGraphsAtOneVersionForTheOperatorOnly() throws Exception {
        TestServer p = primary.server();
        for (String dataset : List.of("stations", "secret")) {
            String path = "/admin/replication/" + dataset + "/snapshot";
            HttpResponse<byte[]> plain = p.getBytes(path, "X-API-Key", TestPrimary.ADMIN);
            assertEquals(200, plain.statusCode());
            assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/n-quads"));
            assertEquals(Long.toString(primary.state(dataset).version()), plain.headers().firstValue(Entry.VERSION).orElseThrow());
            assertEquals(primary.state(dataset).lastRun(), plain.headers().firstValue(Entry.RUN).orElseThrow());
            assertEquals(primary.storeId, plain.headers().firstValue(Entry.STORE).orElseThrow());
            assertEquals(primary.quads(dataset), nquads(new ByteArrayInputStream(plain.body())), "data and metadata graphs, as they are");
            HttpResponse<byte[]> zipped = p.getBytes(path, "X-API-Key", TestPrimary.ADMIN, "Accept-Encoding", "gzip");
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
            assertEquals(primary.quads(dataset), nquads(new GZIPInputStream(new ByteArrayInputStream(zipped.body()))));
            HttpResponse<String> head = send(p, "HEAD", path, TestPrimary.ADMIN);
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
        // Others get what any admin path gives them: 401 without a key, 403 with a partner's.
        for (String key : new String[] {null, "k-velib"}) {
            HttpResponse<String> snapshot = send(p, "GET", "/admin/replication/stations/snapshot", key);
            HttpResponse<String> unknown = send(p, "GET", "/admin/no-such-action", key);
            assertEquals(unknown.statusCode(), snapshot.statusCode());
            assertEquals(key == null ? 401 : 403, snapshot.statusCode());
            assertEquals(unknown.headers().firstValue("WWW-Authenticate"), snapshot.headers().firstValue("WWW-Authenticate"));
            assertEquals(unknown.headers().firstValue("Content-Type"), snapshot.headers().firstValue("Content-Type"));
            assertEquals(unknown.body().replace("/admin/no-such-action", "/admin/replication/stations/snapshot"), snapshot.body());
            assertEquals(unknown.statusCode(), send(p, "GET", "/admin/replication/no-such-dataset/snapshot", key).statusCode(),
                    "an unknown dataset is not told apart from a known one without the key");
        }
        HttpResponse<String> none = send(p, "GET", "/admin/replication/no-such-dataset/snapshot", TestPrimary.ADMIN);
        assertEquals(404, none.statusCode());
        assertTrue(none.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(JSON.readTree(none.body()).get("detail").asText().contains("no-such-dataset"));
        assertEquals(404, send(p, "GET", "/admin/replication/stations", TestPrimary.ADMIN).statusCode());
        assertEquals(405, send(p, "POST", "/admin/replication/stations/snapshot", TestPrimary.ADMIN).statusCode());
    }

    @Test
    void readinessStatusMetricsAndWritesOnAReplica() throws Exception {
        // A primary is always ready, and says it is the primary.
        HttpResponse<String> ready = primary.server().get("/$/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("primary", JSON.readTree(ready.body()).get("role").asText());
        assertEquals("primary", JSON.readTree(primary.server().get("/status").body()).get("replication").get("role").asText());

        // The replica has no dataset yet (its snapshots are held back): not ready, saying which.
        poll(() -> follower.status().position() >= 1, "the replica to start");
        HttpResponse<String> notYet = replica.get("/$/ready");
        assertEquals(503, notYet.statusCode());
        assertTrue(notYet.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        String anonymous = JSON.readTree(notYet.body()).get("detail").asText();
        assertTrue(anonymous.contains("stations") && anonymous.contains("territory"), anonymous);
        assertFalse(anonymous.contains("secret") || anonymous.contains("shared"), "datasets anonymous callers may not see are counted, not named: " + anonymous);
        assertTrue(anonymous.contains("2 dataset(s)"), anonymous);
        String admin = JSON.readTree(replica.get("/$/ready", "X-API-Key", TestPrimary.ADMIN).body()).get("detail").asText();
        assertTrue(admin.contains("secret") && admin.contains("shared"), admin);
        // Reads are served meanwhile (the store is empty, not refused).
        assertEquals(200, replica.get("/status").statusCode());

        gate.open(true);
        poll(() -> get(replica, "/$/ready") == 200, "the replica to be ready");
        JsonNode status = JSON.readTree(replica.get("/status").body()).get("replication");
        assertEquals("replica", status.get("role").asText());
        assertEquals(primary.url(), status.get("primary").asText());
        assertEquals("regie", status.get("stream").asText());
        assertEquals("following", status.get("state").asText());
        assertTrue(status.get("ready").asBoolean());
        assertFalse(status.has("lastError"), "errors are the operator's");
        Set<String> listed = new HashSet<>();
        status.get("datasets").forEach(d -> {
            listed.add(d.get("id").asText());
            assertEquals(primary.state(d.get("id").asText()).version(), d.get("version").asLong());
            assertEquals(0, d.get("lagVersions").asLong());
            assertEquals(0.0, d.get("lagSeconds").asDouble());
        });
        assertEquals(Set.of("territory", "stations"), listed, "anonymous callers see the public datasets' lag only");

        // A version the log does not carry, while snapshots are held back: behind by one version, not ready.
        gate.open(false);
        primary.addRow("stations", "lagging");
        Entry e = primary.refresh("stations");
        log.publish(primary.signed(e.withData(Entry.Data.SNAPSHOT, null).message(log)));
        poll(() -> get(replica, "/$/ready") == 503, "the replica to lag");
        assertTrue(JSON.readTree(replica.get("/$/ready").body()).get("detail").asText().contains("stations"));
        JsonNode lagging = JSON.readTree(replica.get("/status", "X-API-Key", TestPrimary.ADMIN).body()).get("replication");
        JsonNode st = null;
        for (JsonNode d : lagging.get("datasets")) {
            st = d.get("id").asText().equals("stations") ? d : st;
        }
        assertEquals(1, st.get("lagVersions").asLong(), lagging.toString());
        assertEquals(e.version(), st.get("primaryVersion").asLong());
        assertTrue(st.get("lagSeconds").asDouble() > 0);
        String metrics = replica.get("/$/metrics", "X-API-Key", TestPrimary.ADMIN).body();
        assertEquals("1.0", sample(metrics, "versions", "stations"), metrics);
        assertTrue(Double.parseDouble(sample(metrics, "seconds", "stations")) > 0);
        assertEquals("0.0", sample(metrics, "versions", "secret"));
        gate.open(true);
        poll(() -> get(replica, "/$/ready") == 200, "the replica to catch up");
        // The gauges read the follower at most twice a second.
        poll(() -> sample(metricsText(), "versions", "stations").equals("0.0"), "the gauge to say the replica caught up");

        // Writes are the primary's: 421 with its URL, whoever asks; reads are served.
        for (String[] w : new String[][] {{"POST", "/admin/reload", TestPrimary.ADMIN}, {"POST", "/admin/refresh/stations", null},
                {"GET", "/admin/replication/stations/snapshot", TestPrimary.ADMIN}, {"GET", "/admin/anything", null},
                {"POST", "/partners/velib/check", "k-velib"}}) {
            HttpResponse<String> r = send(replica, w[0], w[1], w[2]);
            assertEquals(421, r.statusCode(), w[0] + " " + w[1]);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(r.body());
            assertEquals(primary.url(), problem.get("primary").asText());
            assertTrue(problem.get("detail").asText().startsWith("read replica: send this to the primary"), problem.toString());
        }
        assertEquals(200, get(replica, "/datasets/stations/dump.nq.gz"));
        HttpResponse<String> query = replica.post("/sparql", "application/sparql-query", "ASK { ?s ?p ?o }", "Accept", "application/sparql-results+json");
        assertEquals(200, query.statusCode(), query.body());
        // The primary's own write endpoints are untouched.
        assertEquals(200, send(primary.server(), "POST", "/admin/reload", TestPrimary.ADMIN).statusCode());
    }

    private static String sample(String metrics, String kind, String dataset) {
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(kind) && m.group(2).equals(dataset)) {
                return m.group(3);
            }
        }
        throw new AssertionError("no regie_replica_lag_" + kind + " of " + dataset + " in\n" + metrics);
    }

    private static String metricsText() {
        try {
            return replica.get("/$/metrics", "X-API-Key", TestPrimary.ADMIN).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int get(TestServer s, String path) {
        try {
            return s.get(path).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void poll(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
