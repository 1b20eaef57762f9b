package fr.regie.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import fr.regie.bench.NodeProcess;

/**
 * A Régie node for multi-process tests: {@code fr.regie.cli.Main serve|replica …} in a child JVM
 * with the test run's classpath, on its own free port, with its own environment (API keys), its
 * output in {@code target/nodes/NAME.log}. {@link #awaitUp} waits for {@code /$/ping} then
 * {@code /$/ready}; {@link #kill} is SIGKILL; {@link #restart} starts it again on the same port
 * and store. Close it (or use try-with-resources) to stop it.
 */
public final class Node implements AutoCloseable {
    /** How long a node may take to start answering {@code /$/ping}. */
    public static final Duration START = Duration.ofSeconds(90);
    private static final Duration REQUEST = Duration.ofSeconds(30);

    private final NodeProcess process;

    private Node(NodeProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code regie ARGS… --port P} (ARGS begins with the command: serve, replica…) with
     * {@code env}; returns at once (wait with {@link #awaitUp}). {@code name} names the log file.
     */
    public static Node start(String name, Map<String, String> env, String... args) {
        Path log = Path.of("target", "nodes", name + ".log");
        List<String> launcher = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "fr.regie.cli.Main");
        return new Node(NodeProcess.start(name, launcher, List.of(args), env, log));
    }

    /** Waits for {@code /$/ping} (within {@link #START}) then {@code /$/ready} (within {@code ready}). */
    public Node awaitUp(Duration ready) {
        awaitPing();
        process.awaitOk("/$/ready", ready);
        return this;
    }

    /** Waits until the node answers {@code /$/ping} (alive, maybe not ready). */
    public Node awaitPing() {
        process.awaitOk("/$/ping", START);
        return this;
    }

    /** GET {@code path} over HTTP with {@code key} as X-API-Key (null: none) and more headers (name, value…). */
    public HttpResponse<String> get(String path, String key, String... headers) {
        try {
            return process.get(path, key, REQUEST, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(process.name() + ": GET " + path, e);
        }
    }

    /** POST (empty body) {@code path} with {@code key}. */
    public HttpResponse<String> post(String path, String key) {
        try {
            return process.post(path, key, Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new UncheckedIOException(process.name() + ": POST " + path, e);
        }
    }

    /** SIGKILL, waiting for the process to be gone. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM (SIGKILL after 30 s). */
    public void stop() {
        process.stop();
    }

    /** Starts it again on the same port and store (returns at once). */
    public Node restart() {
        process.restart();
        return this;
    }

    public boolean alive() {
        return process.alive();
    }

    public int port() {
        return process.port();
    }

    /** {@code http://127.0.0.1:PORT}, no final slash. */
    public String base() {
        return process.base();
    }

    public String name() {
        return process.name();
    }

    /** The end of its log, for failure messages. */
    public String logTail() {
        return process.logTail();
    }

    public NodeProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
