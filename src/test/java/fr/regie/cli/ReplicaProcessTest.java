package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.replication.Entry;
import fr.regie.replication.TestPrimary;
import fr.regie.server.AccessFixture;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.server.replication.ReplicationFeature;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogEngine;
import fr.regie.testing.PrivateNats;

/**
 * {@code regie replica} as a child process, with the keys in its environment, beside a primary
 * in the test and a private nats-server: it serves once it has the primary's registry, is ready
 * once it has every dataset, applies what the primary publishes, answers writes with 421, and,
 * killed with SIGKILL and started again on its store, resumes and serves the primary's data.
 */
class ReplicaProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private PrivateNats nats;
    private TestPrimary primary;
    private LogEngine log;
    private Process child;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
        if (log != null) {
            log.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    private Process replica(Path store, String stream, int port, String tag) throws IOException {
        ProcessBuilder b = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Xmx384m", "fr.regie.cli.Main", "replica", "--store", store.toString(), "--primary", primary.url(), "--stream", nats.url(),
                "--stream-name", stream, "--port", Integer.toString(port), "--admin-key-env", "ADMIN_KEY")
                .redirectErrorStream(true).redirectOutput(dir.resolve("replica-" + tag + ".log").toFile());
        b.environment().putAll(AccessFixture.ENV);
        return b.start();
    }

    private static HttpResponse<byte[]> get(int port, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void poll(java.util.function.BooleanSupplier c, String what, String tag) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline || !child.isAlive()) {
                throw new AssertionError("waiting for " + what + (child.isAlive() ? ": timed out" : ": the replica exited") + "\n"
                        + Files.readString(dir.resolve("replica-" + tag + ".log")));
            }
            Thread.sleep(50);
        }
    }

    private static long version(int port, String dataset) {
        HttpResponse<byte[]> r = get(port, "/status", "X-API-Key", TestPrimary.ADMIN);
        if (r == null || r.statusCode() != 200) {
            return -1;
        }
        try {
            for (JsonNode d : JSON.readTree(r.body()).get("replication").get("datasets")) {
                if (d.get("id").asText().equals(dataset)) {
                    return d.get("version").asLong();
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private Set<Quad> dump(int port, String dataset) throws IOException {
        HttpResponse<byte[]> r = get(port, "/datasets/" + dataset + "/dump.nq.gz");
        assertEquals(200, r.statusCode());
        Set<Quad> out = new HashSet<>();
        RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(r.body()))).lang(Lang.NQUADS).parse(new StreamRDFBase() {
            @Override
            public void quad(Quad q) {
                out.add(q);
            }
        });
        return out;
    }

    private Set<Quad> primaryData(String dataset) {
        Node g = primary.graphs().dataset(dataset);
        Set<Quad> out = new HashSet<>();
        primary.quads(dataset).stream().filter(q -> q.getGraph().equals(g)).forEach(out::add);
        return out;
    }

    @Test
    void aReplicaProcessServesFollowsRefusesWritesAndSurvivesSigkill() throws Exception {
        nats = PrivateNats.begin();
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String stream = "t" + HexFormat.of().formatHex(random);
        primary = TestPrimary.start(dir.resolve("primary"), List.of(new ReplicationFeature(), new DatasetsFeature()));
        log = JetStreamLog.connect(nats.url(), stream, JetStreamLog.Settings.DEFAULTS);
        log.publish(primary.signed(primary.bundle().message(log, primary.storeId)));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path store = dir.resolve("replica");
        child = replica(store, stream, port, "1");
        poll(() -> {
            HttpResponse<byte[]> r = get(port, "/$/ready");
            return r != null && r.statusCode() == 200;
        }, "the replica to be ready", "1");
        String out = Files.readString(dir.resolve("replica-1.log"));
        assertTrue(out.contains("read replica") && out.contains("/$/ready"), out);
        assertTrue(out.contains("needs the primary's snapshot: never loaded"), "a new replica snapshots each dataset:\n" + out);
        assertEquals(primaryData("stations"), dump(port, "stations"));

        primary.addRow("stations", "child");
        Entry e = primary.refresh("stations");
        log.publish(primary.signed(e.message(log)));
        poll(() -> version(port, "stations") == e.version(), "the replica to apply version " + e.version(), "1");
        assertEquals(primaryData("stations"), dump(port, "stations"));
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/reload"))
                .header("X-API-Key", TestPrimary.ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(421, write.statusCode());
        assertEquals(primary.url(), JSON.readTree(write.body()).get("primary").asText());

        // SIGKILL, a version published meanwhile, and a restart on the same store.
        child.destroyForcibly().waitFor();
        primary.addRow("stations", "while the replica is dead");
        Entry f = primary.refresh("stations");
        log.publish(primary.signed(f.message(log)));
        child = replica(store, stream, port, "2");
        poll(() -> version(port, "stations") == f.version(), "the restarted replica to apply version " + f.version(), "2");
        assertEquals(primaryData("stations"), dump(port, "stations"));
        for (Map.Entry<String, Long> d : Map.of("shared", primary.state("shared").version(), "secret", primary.state("secret").version()).entrySet()) {
            assertEquals(d.getValue(), version(port, d.getKey()), d.getKey());
        }
        String restarted = Files.readString(dir.resolve("replica-2.log"));
        assertTrue(!restarted.contains("needs the primary's snapshot"), "a restart resumes from the kept cursor:\n" + restarted);
    }
}
