package fr.regie.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

/**
 * One Régie node ({@code regie serve}, {@code regie replica}…) as a child process on its own
 * port: started with a launcher (the jar as {@code ./regie} runs it, or the tests' classpath),
 * an environment of its own (API keys) and its output appended to a log file. It can be waited
 * for (a path answering 200, with a deadline), killed at once (SIGKILL), stopped (SIGTERM) and
 * started again on the same port and arguments, hence the same store. Shared by the
 * multi-process tests and {@code regie bench replicas}.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Duration STOP = Duration.ofSeconds(30);
    /** The most of an answer {@link #get} keeps. */
    private static final int MAX_BODY = 64 << 20;

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private Process process;

    private NodeProcess(String name, List<String> command, Map<String, String> env, Path log, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code launcher} followed by {@code args} and {@code --port PORT} (a free port, kept
     * across restarts), with {@code env} added to this process's environment, output appended to
     * {@code log}. Returns at once: wait with {@link #awaitOk}.
     */
    public static NodeProcess start(String name, List<String> launcher, List<String> args, Map<String, String> env, Path log) {
        int port = freePort();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(args);
        cmd.add("--port");
        cmd.add(Integer.toString(port));
        NodeProcess n = new NodeProcess(name, cmd, env, log, port);
        n.launch();
        return n;
    }

    /**
     * The jar this code runs from as {@code ./regie} starts it (memory limits, the class archive
     * when there is one), with {@code jvmOptions} after them.
     */
    public static List<String> thisJar(String... jvmOptions) {
        Path jar = ColdStart.ownJar();
        List<String> out = new ArrayList<>();
        out.add(ProcessHandle.current().info().command().orElse("java"));
        out.addAll(List.of("-Xmx1g", "-XX:MaxDirectMemorySize=256m", "-Djdk.nio.maxCachedBufferSize=262144"));
        Path archive = jar.resolveSibling("cds").resolve("regie.jsa");
        if (Files.isRegularFile(archive)) {
            out.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        out.add("--enable-native-access=ALL-UNNAMED");
        out.addAll(List.of(jvmOptions));
        out.addAll(List.of("-jar", jar.toString()));
        return out;
    }

    private synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "=== " + name + ": " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, without a final slash. */
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Waits until GET {@code path} answers 200, at most {@code within}; fails naming the last
     * answer and the log's end when it does not, or at once when the process has exited.
     */
    public void awaitOk(String path, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (true) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited (" + exitCode() + ") before " + path + " answered 200; its log ends with:\n" + logTail());
            }
            try {
                HttpResponse<String> r = get(path, null, Duration.ofSeconds(5));
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length()));
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": " + path + " did not answer 200 within " + within.toSeconds() + " s (last: " + last
                        + "); its log ends with:\n" + logTail());
            }
            pause(100);
        }
    }

    private synchronized String exitCode() {
        return process == null ? "not started" : "exit " + process.exitValue();
    }

    /**
     * GET {@code path} with {@code key} as X-API-Key (none when null) and more headers (name,
     * value…); the body is cut at 64 MiB.
     */
    public HttpResponse<String> get(String path, String key, Duration timeout, String... headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(timeout).GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** POST an empty body to {@code path} with {@code key}. */
    public HttpResponse<String> post(String path, String key, Duration timeout) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return send(b.build());
    }

    /** Sends {@code request} (which may name another node's URL); the body is cut at 64 MiB. */
    public HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            return new Bounded(r, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + name, e);
        }
    }

    /** Sends {@code request}, keeping at most {@code limit} bytes of the body (more is an IOException). */
    public HttpResponse<byte[]> sendBytes(HttpRequest request, int limit) throws IOException {
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(limit);
                if (in.read() >= 0) {
                    throw new IOException(request.uri() + " answered more than " + limit + " bytes");
                }
            }
            return new Bytes(r, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + name, e);
        }
    }

    /** Kills the process at once (SIGKILL) and waits for it to be gone. */
    public void kill() {
        end(true);
    }

    /** Stops the process (SIGTERM), killing it if it does not end within 30 s. */
    public void stop() {
        end(false);
    }

    /** Starts the same command again (same port, same store); stop or kill it first. */
    public void restart() {
        launch();
    }

    private synchronized void end(boolean force) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(name + " (pid " + process.pid() + ") does not die");
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The log's last 6 KiB, for failure messages. */
    public String logTail() {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            byte[] all = Files.readAllBytes(log);
            int from = Math.max(0, all.length - 6144);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    /** Stops the process (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        end(false);
        client.close();
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An answer whose body was read within the limit. */
    private record Bounded(HttpResponse<InputStream> head, String body) implements Head<String> {}

    /** An answer whose bytes were read within the limit. */
    private record Bytes(HttpResponse<InputStream> head, byte[] body) implements Head<byte[]> {}

    /** The parts of an answer its head gives. */
    private interface Head<T> extends HttpResponse<T> {
        HttpResponse<InputStream> head();

        @Override
        default int statusCode() {
            return head().statusCode();
        }

        @Override
        default HttpRequest request() {
            return head().request();
        }

        @Override
        default java.util.Optional<HttpResponse<T>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        default java.net.http.HttpHeaders headers() {
            return head().headers();
        }

        @Override
        default java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return head().sslSession();
        }

        @Override
        default URI uri() {
            return head().uri();
        }

        @Override
        default HttpClient.Version version() {
            return head().version();
        }
    }
}
