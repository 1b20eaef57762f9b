package fr.regie.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cold start of {@code regie serve}: a new JVM is started on the store as the {@code regie}
 * launcher starts it (with the class archive it trains when it builds the jar,
 * {@code target/cds/regie.jsa}), and the time runs from the moment the process is spawned to the
 * first 200 answer of the probe path. The process is then stopped, which releases the store.
 */
final class ColdStart {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private final Path jar;
    private final Path store;
    private final Path registry;

    ColdStart(Path store, Path registry) {
        this.jar = ownJar();
        this.store = store;
        this.registry = registry;
    }

    /** Spawns {@code regie serve}, waits for {@code probe} to answer 200, stops the process; the elapsed time. */
    Duration measure(String probe) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // As the launcher runs it: with the class archive it trained when it built the jar, if there is one.
        Path archive = jar.resolveSibling("cds").resolve("regie.jsa");
        if (Files.isRegularFile(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
            cmd.add("-Xlog:cds=off");
            cmd.add("-Xlog:cds+dynamic=off");
        }
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of("serve", "--store", store.toString(), "--registry", registry.toString(), "--port",
                Integer.toString(port), "--no-schedule"));
        Path log = Files.createTempFile("regie-cold-start", ".log");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe)).timeout(Duration.ofSeconds(10)).build();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            while (true) {
                try {
                    HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return Duration.ofNanos(System.nanoTime() - t0);
                    }
                    throw new IllegalStateException(probe + " answered " + r.statusCode() + " on the cold-started server");
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("regie serve stopped before answering: " + Files.readString(log).strip());
                    }
                    if (System.nanoTime() - t0 > LIMIT.toNanos()) {
                        throw new IllegalStateException("regie serve did not answer within " + LIMIT.toSeconds() + " s");
                    }
                    Thread.sleep(10);
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            client.close();
            Files.deleteIfExists(log);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The jar this code runs from: what is started runs the same build. */
    static Path ownJar() {
        try {
            Path p = Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!p.toString().endsWith(".jar")) {
                throw new IllegalStateException("this benchmark needs Régie run from its jar (./regie), not from " + p);
            }
            return p;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
