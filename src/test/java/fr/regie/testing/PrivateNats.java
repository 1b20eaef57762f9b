package fr.regie.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A private {@code nats-server} with JetStream, a child process of the test on a free port with
 * its own store folder, for tests that stop, kill and restart the stream server (the shared one
 * at 127.0.0.1:4222 is fine for the others). {@link #start()} after {@link #stop()} or
 * {@link #kill()} brings it back on the SAME port and store, so clients reconnect to what they
 * knew. The binary is {@code REGIE_NATS_SERVER}, else {@code /usr/sbin/nats-server}, else
 * {@code nats-server} on the PATH; without it a test is skipped, except in CI ({@code CI=true})
 * where it fails. {@link #shared()} checks the shared server instead.
 */
public final class PrivateNats implements AutoCloseable {
    private static final long START_MS = 20_000;
    private static final long STOP_MS = 15_000;

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private PrivateNats(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** A new server, started and answering. */
    public static PrivateNats begin() {
        Path binary = binary();
        try {
            PrivateNats n = new PrivateNats(binary, Files.createTempDirectory("regie-nats-"), freePort());
            n.start();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The URL of the shared NATS server ({@code REGIE_NATS_URL}, else {@code nats://127.0.0.1:4222}),
     * once it has answered with JetStream on; else the test is skipped, or fails in CI.
     */
    public static String shared() {
        String url = System.getenv().getOrDefault("REGIE_NATS_URL", "nats://127.0.0.1:4222");
        java.net.URI u = java.net.URI.create(url);
        if (!answers(u.getHost(), u.getPort() < 0 ? 4222 : u.getPort())) {
            String why = "no NATS server with JetStream at " + url + " (set REGIE_NATS_URL, or run nats-server -js)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return url;
    }

    private static Path binary() {
        String env = System.getenv("REGIE_NATS_SERVER");
        List<Path> candidates = new java.util.ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "nats-server"));
            }
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "no nats-server: looked at " + candidates + " (apt-get install nats-server)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
        throw new AssertionError(why);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts the server (again) on the same port and store, and waits until it answers with JetStream on. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("nats-server on port " + port + " is already running");
        }
        try {
            process = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd",
                    dir.resolve("store").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.currentTimeMillis() + START_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + " on port " + port + ": " + log());
            }
            if (answers("127.0.0.1", port)) {
                return;
            }
            pause(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("nats-server did not answer on port " + port + " within " + START_MS + " ms: " + log());
    }

    /** True when the server sends its INFO line with JetStream enabled. */
    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(1000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            StringBuilder line = new StringBuilder();
            while (line.indexOf("\n") < 0 && line.length() < 16_384) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                line.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            return line.toString().startsWith("INFO") && line.toString().contains("\"jetstream\":true");
        } catch (IOException e) {
            return false;
        }
    }

    /** The client URL, {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The store folder JetStream writes to (it survives stop, kill and start). */
    public Path storeDir() {
        return dir.resolve("store");
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM), waiting at most 15 s before killing it. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the server at once (SIGKILL): what it had not synced is lost. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (!force) {
            try {
                signal("CONT"); // a frozen server cannot act on SIGTERM
            } catch (RuntimeException e) {
                // it has died already: destroy below is harmless
            }
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(STOP_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("nats-server on port " + port + " does not die");
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Suspends the server (SIGSTOP): its sockets stay open but it answers nothing, as a server
     * stalled on a disk or a network that drops packets; {@link #thaw()} resumes it.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Resumes a frozen server (SIGCONT). */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("nats-server on port " + port + " is not running");
        }
        try {
            Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!k.waitFor(STOP_MS, TimeUnit.MILLISECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling nats-server", e);
        }
    }

    /** The server's log so far (its last 4 KiB), for failure messages. */
    public String log() {
        try {
            Path p = dir.resolve("server.log");
            if (!Files.exists(p)) {
                return "";
            }
            byte[] all = Files.readAllBytes(p);
            int from = Math.max(0, all.length - 4096);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nats-server", e);
        }
    }

    /** Kills the server and deletes its store. */
    @Override
    public synchronized void close() {
        end(true);
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless; the test's outcome does not depend on it
        }
    }
}
