package fr.regie.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import fr.regie.bench.NodeProcess;

/**
 * A real HAProxy or nginx running one of the example configurations of {@code fuseki-config/}
 * as it is, only its addresses substituted (the example's {@code 127.0.0.1:3030}, {@code :3031},
 * {@code :3032} by the nodes' ports, its {@code 8080} by a free port). Without the binary a
 * test is skipped, except in CI ({@code CI=true}), where it fails: {@code .ci/run} installs both.
 */
final class LoadBalancer implements AutoCloseable {
    /** The example's node addresses, in the order the tests give the nodes' ports. */
    static final List<String> EXAMPLE_NODES = List.of("127.0.0.1:3030", "127.0.0.1:3031", "127.0.0.1:3032");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LoadBalancer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    private static Path binary(String name) {
        for (Path p : List.of(Path.of("/usr/sbin", name), Path.of("/usr/bin", name), Path.of("/usr/local/sbin", name))) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "no " + name + " (apt-get install " + (name.equals("nginx") ? "nginx-light" : name) + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
        throw new AssertionError(why);
    }

    /** The example file with the nodes' ports and the clients' port substituted. */
    private static String config(Path example, List<Integer> nodePorts, int port) throws IOException {
        String text = Files.readString(example);
        for (String a : EXAMPLE_NODES) {
            Assertions.assertTrue(text.contains(a), example + " names " + a);
        }
        for (int i = 0; i < EXAMPLE_NODES.size(); i++) {
            text = text.replace(EXAMPLE_NODES.get(i), "127.0.0.1:" + nodePorts.get(i));
        }
        Assertions.assertTrue(text.contains(" :8080") || text.contains("listen 8080"), example + " listens on 8080");
        return text.replace(" :8080", " 127.0.0.1:" + port).replace("listen 8080", "listen 127.0.0.1:" + port);
    }

    /** HAProxy with {@code fuseki-config/haproxy.cfg} in front of the nodes (primary, replica, replica). */
    static LoadBalancer haproxy(Path dir, List<Integer> nodePorts) throws IOException {
        Path bin = binary("haproxy");
        int port = NodeProcess.freePort();
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config(Path.of("fuseki-config/haproxy.cfg"), nodePorts, port));
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(bin.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new LoadBalancer(p, port, log).awaitListening();
    }

    /**
     * nginx with {@code fuseki-config/nginx.conf} included in a minimal main configuration of
     * the test's own (pid file, logs and temporary files under {@code dir}).
     */
    static LoadBalancer nginx(Path dir, List<Integer> nodePorts) throws IOException {
        Path bin = binary("nginx");
        int port = NodeProcess.freePort();
        Path prefix = dir.resolve("nginx");
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("regie.conf"), config(Path.of("fuseki-config/nginx.conf"), nodePorts, port));
        Path log = prefix.resolve("logs/error.log");
        Files.writeString(prefix.resolve("main.conf"), """
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log notice;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/regie.conf;
                }
                """.formatted(prefix.toAbsolutePath()));
        Process p = new ProcessBuilder(bin.toString(), "-p", prefix.toAbsolutePath().toString(), "-c",
                prefix.resolve("main.conf").toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/out.log").toFile()).start();
        return new LoadBalancer(p, port, log).awaitListening();
    }

    private LoadBalancer awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the load balancer exited (" + process.exitValue() + "): " + log());
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                pause(50);
            }
        }
        throw new IllegalStateException("the load balancer does not listen on " + port + ": " + log());
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Sends a request to the load balancer: {@code method path}, headers as name, value…, an optional body. */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " through the load balancer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Which node answered: the {@code X-Regie-Node} header the examples set (a server name, or an address). */
    static String node(HttpResponse<?> r) {
        return r.headers().firstValue("X-Regie-Node").orElse("(none)");
    }

    /** The log so far (its last 4 KiB). */
    String log() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = Math.max(0, all.length - 4096);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lists what answered {@code n} GETs of {@code path}: node name → count. */
    Map<String, Integer> spread(String path, int n, String... headers) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = send("GET", path, null, headers);
            if (r.statusCode() != 200) {
                failures.add(r.statusCode() + " from " + node(r));
            }
            out.merge(node(r), 1, Integer::sum);
        }
        Assertions.assertEquals(List.of(), failures, "GET " + path + " through the load balancer");
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
