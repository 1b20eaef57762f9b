package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.pipeline.RefreshFixtureAccess;
import fr.regie.replication.Entry;
import fr.regie.store.Outbox;
import fr.regie.store.StoreLayout;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogMessage;
import fr.regie.testing.Cli;
import fr.regie.testing.PrivateNats;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * {@code regie serve --stream} as a real process: with a NATS that cannot be reached it serves
 * anyway and says in its log that it tries again (and from then on the store keeps an outbox);
 * a {@code regie refresh} run while no server runs writes its entry; the next {@code serve
 * --stream} publishes the registry and that entry, and empties the outbox.
 */
class ServeStreamTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private Process serve(Path registry, Path store, String url, String name, Path log) throws Exception {
        ProcessBuilder b = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Xmx512m", "fr.regie.cli.Main", "serve", "--store", store.toString(), "--registry", registry.toString(),
                "--work", dir.toString(), "--port", "0", "--no-schedule", "--stream", url, "--stream-name", name)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().put("ADMIN_KEY", "k-admin");
        return b.start();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The port the child said it serves on. */
    private static int port(Path log) throws InterruptedException {
        Pattern p = Pattern.compile("on http://localhost:(\\d+)/");
        await("the server says where it serves", () -> p.matcher(read(log)).find());
        Matcher m = p.matcher(read(log));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesWhileTheLogIsUnreachableThenPublishesWhatARefreshLeft() throws Exception {
        String url = PrivateNats.shared();
        String jdbc = "jdbc:h2:" + dir.resolve("src/db").toAbsolutePath() + ";USER=sa;PASSWORD=";
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))");
            s.execute("CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)");
            s.execute("INSERT INTO commune VALUES ('93066', 'Saint-Denis')");
            s.execute("INSERT INTO station SELECT X, 'S ' || X, '93066', MOD(X, 40) FROM SYSTEM_RANGE(1, 50)");
        }
        Path registry = RefreshFixtureAccess.write(dir, jdbc);
        // serve --stream signs the log with the admin key: the registry names one.
        Files.writeString(registry, Files.readString(registry).replace("<#t> a regie:Territory ;", "<#t> a regie:Territory ; regie:adminKeyEnv \"ADMIN_KEY\" ;"));
        Path store = dir.resolve("store");
        Cli built = Cli.run("refresh", "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString());
        assertEquals(0, built.exitCode(), built.err());
        Outbox outbox = new Outbox(new StoreLayout(store));
        assertTrue(!outbox.enabled() && outbox.pending() == 0, "a store that never published keeps no outbox");

        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        String name = "t" + HexFormat.of().formatHex(b);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path log1 = dir.resolve("serve-1.log");
        Process first = serve(registry, store, "nats://127.0.0.1:" + closed, name, log1);
        try {
            int port = port(log1);
            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/status"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode(), "it serves without its log");
            await("it says the log cannot be reached and that it tries again",
                    () -> read(log1).contains("cannot reach NATS") && read(log1).contains("trying again"));
        } finally {
            stop(first);
        }
        assertTrue(outbox.enabled(), "a server that publishes keeps an outbox");

        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute("UPDATE station SET places = 99 WHERE id = 1");
        }
        Cli refreshed = Cli.run("refresh", "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString(), "stations");
        assertEquals(0, refreshed.exitCode(), refreshed.err());
        assertEquals(1, outbox.pending(), "regie refresh wrote its entry");

        Path log2 = dir.resolve("serve-2.log");
        Process second = serve(registry, store, url, name, log2);
        try (JetStreamLog stream = JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS)) {
            await("the registry and the refresh's entry on the stream, the outbox empty", () -> {
                try {
                    return stream.range().last() == 2 && outbox.pending() == 0;
                } catch (Exception e) {
                    return false;
                }
            });
            List<LogMessage> all = new ArrayList<>(stream.read(1, 10, Duration.ofSeconds(5)));
            assertEquals(name + ".registry", all.get(0).subject());
            Entry e = Entry.read(all.get(1).body(), 1 << 24);
            assertEquals("stations", e.dataset());
            assertEquals(2, e.version());
            assertEquals(Entry.Data.PATCH, e.data());
            await("it says it publishes", () -> read(log2).contains("published to stream " + name));
        } finally {
            stop(second);
            try (var c = Nats.connect(new Options.Builder().server(url).maxReconnects(0).build())) {
                c.jetStreamManagement().deleteStream(name);
            }
        }
    }
}
