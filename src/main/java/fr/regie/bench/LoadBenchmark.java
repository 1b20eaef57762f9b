package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;


import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The server under a mixed load, as it runs in production: {@code regie serve} started by the
 * launcher in its own process (with the launcher's memory limits), then resources as JSON-LD,
 * SPARQL (DESCRIBE, a resource's properties, light analyst queries) and taps, interleaved, with
 * the operator's key (no rate limit) from many connections; the process's resident memory before,
 * at its peak and after. Then a soak: a tenth of the measured rate for a long time, the resident
 * memory sampled along, to see it level off rather than grow.
 */
public final class LoadBenchmark {
    /** What to run. */
    public record Options(Path store, Path registry, int connections, Duration duration, Duration warmUp, Duration soak,
                          double soakShare, int sample) {}

    /** The resident memory, in bytes, at the moments the report names. */
    public record Rss(long idle, long peak, long after) {}

    /** The soak: its rate, and the resident memory at its start, at its end and at most. */
    public record Soak(LoadGenerator.Result result, double rate, long start, long end, long max, List<Long> samples) {
        public double growth() {
            return (double) end / start - 1;
        }
    }

    /** Everything measured. */
    public record Figures(Options options, int resources, LoadGenerator.Result load, Rss rss, Soak soak) {}

    private final Options options;
    private final PrintWriter log;

    public LoadBenchmark(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public Figures run() throws IOException, InterruptedException {
        Registry registry = Registry.read(options.registry());
        String base = new GraphNames(registry.territory().baseIri()).base();
        List<String> iris;
        try (Store store = Store.openExisting(options.store())) {
            iris = ResourceSample.of(store.dataset(), registry, options.sample(), ds -> true);
        }
        int port = ColdStart.freePort();
        String key = UUID.randomUUID().toString();
        Process server = start(port, key);
        try (RssMeter rss = new RssMeter(server.pid())) {
            String local = "http://localhost:" + port + "/";
            waitUntilUp(server, local);
            long idle = rss.now();
            Duration timeout = Duration.ofSeconds(60);
            IntFunction<HttpRequest> mix = mix(local, base, iris, key, timeout);
            LoadGenerator load = new LoadGenerator(options.connections(), timeout);
            say("warm-up, " + options.warmUp().toSeconds() + " s");
            load.run("warm-up", options.warmUp(), mix);
            rss.resetPeak();
            say("mixed load, " + options.connections() + " connections, " + options.duration().toSeconds() + " s");
            LoadGenerator.Result r = load.run("resources, SPARQL and taps (mixed)", options.duration(), mix);
            long peak = rss.peak();
            Thread.sleep(10_000);
            long after = rss.now();
            double rate = r.perSecond() * options.soakShare();
            say(String.format("soak at %.0f requests/s, %d min", rate, options.soak().toMinutes()));
            List<Long> samples = new ArrayList<>();
            long soakStart = rss.now();
            rss.resetPeak();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    samples.add(rss.now());
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            LoadGenerator.Result soaked = new LoadGenerator(options.connections(), timeout).run("soak", options.soak(), mix, rate);
            sampler.interrupt();
            Soak soak = new Soak(soaked, rate, soakStart, rss.now(), rss.peak(), List.copyOf(samples));
            return new Figures(options, iris.size(), r, new Rss(idle, peak, after), soak);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    /** Ten requests in twenty are resources, six SPARQL queries, four taps. */
    private static IntFunction<HttpRequest> mix(String local, String base, List<String> iris, String key, Duration timeout) {
        List<String> light = List.of("05-plaine-commune-without-velib.rq", "06-sncf-stations-per-commune.rq", "08-idfm-stations-by-mode.rq");
        List<String> analyst = new ArrayList<>();
        for (String f : light) {
            try {
                analyst.add(Files.readString(Path.of("examples/queries").resolve(f)));
            } catch (IOException e) {
                throw new IllegalStateException("the load benchmark runs from Régie's folder (it reads examples/queries/" + f + ")", e);
            }
        }
        String[] taps = {"api/indicators?territory=commune/93066", "api/children?territory=ept/200057867",
                "api/stations-near?commune=93001", "api/indicators?territory=departement/93"};
        return i -> {
            String iri = iris.get((i * 7919) % iris.size());
            int k = i % 20;
            if (k < 10) {
                return LoadGenerator.get(URI.create(local + iri.substring(base.length())), "application/ld+json", timeout, "X-API-Key", key);
            }
            if (k < 16) {
                String q = switch (k) {
                    case 10, 11 -> "DESCRIBE <" + iri + ">";
                    case 12, 13 -> "SELECT ?p ?o WHERE { <" + iri + "> ?p ?o }";
                    default -> analyst.get(i % analyst.size());
                };
                String accept = q.startsWith("DESCRIBE") ? "application/ld+json" : "text/csv";
                return LoadGenerator.get(URI.create(local + "sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)), accept,
                        timeout, "X-API-Key", key);
            }
            return LoadGenerator.get(URI.create(local + taps[k - 16]), "application/json", timeout, "X-API-Key", key);
        };
    }

    /** {@code regie serve} through the launcher (its memory limits, its class archive), in its own process. */
    private Process start(int port, String key) throws IOException {
        Path launcher = ColdStart.ownJar().getParent().getParent().resolve("regie");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "serve", "--store", options.store().toString(), "--registry",
                options.registry().toString(), "--port", Integer.toString(port), "--no-schedule");
        pb.environment().put("REGIE_ADMIN_KEY", key);
        Path out = Files.createTempFile("regie-load", ".log");
        return pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static void waitUntilUp(Process p, String local) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(local + "status")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("regie serve stopped before answering (exit " + p.exitValue() + ")");
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("regie serve did not answer within 5 minutes");
    }

    private void say(String what) {
        log.println("regie bench load: " + what + "...");
        log.flush();
    }
}
