package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import fr.regie.registry.AccessLevel;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * Several nodes on this machine (issue 13, point 5), each a JVM started as {@code ./regie}
 * starts it: a primary ({@code regie serve --stream}) on a built store (the demo's) and two
 * replicas ({@code regie replica}) bootstrapped from its snapshots, timed to their readiness;
 * then resources as JSON-LD (the sample and requests of {@code regie bench serve}) against 1, 2
 * and 3 nodes, the connections shared out over the nodes, in interleaved rounds (the best of
 * each kept); then the propagation delay of small
 * versions, commit to visible on a replica ({@link Propagation}); last, the time to build the
 * same store from the sources ({@code regie demo --no-serve}), the baseline of the bootstrap.
 * The streams it creates are deleted at the end, and its stores with them; the nodes' logs stay in its folder.
 */
public final class ReplicasBenchmark {
    /** What to run. */
    public record Options(Path store, Path registry, int connections, Duration duration, Duration warmUp, int sample, String stream,
                          Path dir, int refreshes, boolean build, int runs) {}

    /** One measured run over the first {@code nodes} nodes: each node's result, in node order. */
    public record NodesRun(int nodes, List<LoadGenerator.Result> perNode) {
        public long requests() {
            return perNode.stream().mapToLong(LoadGenerator.Result::requests).sum();
        }

        public long errors() {
            return perNode.stream().mapToLong(LoadGenerator.Result::errors).sum();
        }

        /** Requests per second, all nodes together (each node's rate over its own run, summed). */
        public double perSecond() {
            return perNode.stream().mapToDouble(LoadGenerator.Result::perSecond).sum();
        }
    }

    /** Everything measured. */
    public record Figures(Options options, int resources, List<NodesRun> runs, List<Duration> bootstraps, Optional<Duration> build,
                          Propagation.Delays propagation) {}

    private static final String JSON_LD = "application/ld+json";
    /** Rate limits out of the way: every request of the load comes from this one address. */
    private static final List<String> NO_LIMITS = List.of("--rate-limit", "1000000000", "--partner-rate-limit", "1000000000");

    private final Options options;
    private final PrintWriter log;

    public ReplicasBenchmark(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public Figures run() throws IOException, InterruptedException {
        Registry registry = Registry.read(options.registry());
        List<String> iris;
        try (Store store = Store.openExisting(options.store())) {
            iris = ResourceSample.of(store.dataset(), registry, options.sample(), ds -> registry.accessOf(ds) == AccessLevel.PUBLIC);
        }
        String base = new GraphNames(registry.territory().baseIri()).base();
        String name = "bench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String key = UUID.randomUUID().toString();
        String keyEnv = registry.adminKeyEnv().orElseThrow(() -> new IllegalStateException(
                "the registry names no admin key (regie:adminKeyEnv): replicas take snapshots with it"));
        Path dir = options.dir();
        delete(dir);
        Files.createDirectories(dir);
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            say("primary on " + options.store() + ", stream " + name + " at " + options.stream());
            List<String> serve = new ArrayList<>(List.of("serve", "--store", options.store().toString(), "--registry",
                    options.registry().toString(), "--work", dir.resolve("work").toString(), "--no-schedule", "--stream", options.stream(),
                    "--stream-name", name));
            serve.addAll(NO_LIMITS);
            NodeProcess primary = NodeProcess.start("primary", NodeProcess.thisJar(), serve, Map.of(keyEnv, key), dir.resolve("primary.log"));
            nodes.add(primary);
            primary.awaitOk("/$/ready", Duration.ofMinutes(5));
            List<Duration> bootstraps = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                say("replica " + i + ": bootstrap from the primary's snapshots");
                List<String> replica = new ArrayList<>(List.of("replica", "--store", dir.resolve("replica" + i).toString(), "--primary",
                        primary.base(), "--stream", options.stream(), "--stream-name", name, "--admin-key-env", keyEnv));
                replica.addAll(NO_LIMITS);
                long t0 = System.nanoTime();
                NodeProcess r = NodeProcess.start("replica" + i, NodeProcess.thisJar(), replica, Map.of(keyEnv, key),
                        dir.resolve("replica" + i + ".log"));
                nodes.add(r);
                r.awaitOk("/$/ready", Duration.ofMinutes(30));
                bootstraps.add(Duration.ofNanos(System.nanoTime() - t0));
                say("replica " + i + " ready in " + bootstraps.get(i - 1).toMillis() / 1000.0 + " s");
            }
            // Rounds of 1, 2, 3 nodes, interleaved, so that a burst of load elsewhere on the machine
            // does not fall on one configuration only; the best round of each is kept.
            List<NodesRun> runs = new ArrayList<>(java.util.Collections.nCopies(nodes.size(), (NodesRun) null));
            for (int round = 1; round <= options.runs(); round++) {
                for (int k = 1; k <= nodes.size(); k++) {
                    List<NodeProcess> over = nodes.subList(0, k);
                    say("round " + round + " of " + options.runs() + ", " + k + " node(s): warm-up, " + options.warmUp().toSeconds() + " s");
                    load(over, iris, base, options.warmUp());
                    say("round " + round + " of " + options.runs() + ", " + k + " node(s): resources as JSON-LD, "
                            + options.duration().toSeconds() + " s");
                    NodesRun r = new NodesRun(k, load(over, iris, base, options.duration()));
                    say(String.format(java.util.Locale.ROOT, "%d node(s): %,.0f requests/s", k, r.perSecond()));
                    if (runs.get(k - 1) == null || r.perSecond() > runs.get(k - 1).perSecond()) {
                        runs.set(k - 1, r);
                    }
                }
            }
            for (NodeProcess n : nodes) {
                n.close();
            }
            say("propagation: " + options.refreshes() + " refreshes of a one-triple counter, primary and replica of a fixture");
            Path fixture = dir.resolve("propagation");
            Files.createDirectories(fixture);
            Propagation.Delays delays = new Propagation(fixture, dir, options.stream(), name + "p", key, log).run(options.refreshes());
            Optional<Duration> build = Optional.empty();
            if (options.build()) {
                say("baseline: the same store built from the sources (regie demo --no-serve)");
                build = Optional.of(buildFromSources(dir.resolve("built")));
            }
            return new Figures(options, iris.size(), runs, bootstraps, build, delays);
        } finally {
            for (NodeProcess n : nodes) {
                n.close();
            }
            deleteStreams(name, name + "p");
            // The stores go (a copy of the demo's each); the nodes' logs stay, for a run that failed.
            for (String d : List.of("work", "replica1", "replica2", "propagation", "built")) {
                delete(dir.resolve(d));
            }
        }
    }

    /**
     * Resources as JSON-LD on {@code nodes} at once: the connections shared out over them (a
     * load balancer's round robin by connection), each node's own closed loop; its results.
     */
    private List<LoadGenerator.Result> load(List<NodeProcess> nodes, List<String> iris, String base, Duration duration)
            throws InterruptedException {
        Duration timeout = Duration.ofSeconds(30);
        int k = nodes.size();
        List<LoadGenerator.Result> results = new ArrayList<>(java.util.Collections.nCopies(k, (LoadGenerator.Result) null));
        List<Thread> threads = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int node = j;
            int connections = options.connections() / k + (j < options.connections() % k ? 1 : 0);
            String local = nodes.get(j).base() + "/";
            // Each node starts its sample at another place, as a balancer would spread one client's requests.
            IntFunction<HttpRequest> resource = i -> LoadGenerator.get(
                    URI.create(local + iris.get((i + node * 7919) % iris.size()).substring(base.length())), JSON_LD, timeout);
            threads.add(Thread.ofPlatform().name("bench-node-" + j).start(() -> {
                try {
                    results.set(node, new LoadGenerator(Math.max(1, connections), timeout).run(nodes.get(node).name(), duration, resource));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (results.contains(null)) {
            throw new InterruptedException("a load run was interrupted");
        }
        return results;
    }

    /** Times {@code regie demo --no-serve} into a fresh store, as the launcher runs it. */
    private Duration buildFromSources(Path into) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(NodeProcess.thisJar());
        cmd.addAll(List.of("demo", "--no-serve", "--registry", options.registry().toString(), "--store", into.resolve("store").toString(),
                "--work", into.resolve("work").toString()));
        Path out = options.dir().resolve("build.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("regie demo --no-serve did not end within 30 minutes");
        }
        Duration d = Duration.ofNanos(System.nanoTime() - t0);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("regie demo --no-serve failed (exit " + p.exitValue() + "): " + tail(out));
        }
        return d;
    }

    private static String tail(Path f) throws IOException {
        String s = Files.readString(f);
        return s.substring(Math.max(0, s.length() - 2000));
    }

    /** Deletes the streams this run made (a left-over stream would keep its messages for a week). */
    private void deleteStreams(String... names) {
        try (io.nats.client.Connection c = io.nats.client.Nats.connect(new io.nats.client.Options.Builder().server(options.stream())
                .connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0).build())) {
            io.nats.client.JetStreamManagement jsm = c.jetStreamManagement();
            for (String n : names) {
                try {
                    jsm.deleteStream(n);
                } catch (io.nats.client.JetStreamApiException gone) {
                    // never created (the run stopped before), or already deleted
                }
            }
        } catch (IOException e) {
            log.println("regie bench replicas: could not delete the streams " + List.of(names) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    private void say(String what) {
        log.println("regie bench replicas: " + what + "...");
        log.flush();
    }
}
