package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.atlas.logging.LogCtl;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.registry.Registry;
import fr.regie.server.Feature;
import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The serving benchmark, on a built store (the demo's): first the cold start of {@code regie
 * serve} (a new JVM, to its first answer), several times; then, on one server in this process,
 * the same sample of resources fetched as JSON-LD from their own URLs ({@code /id/...}) and as
 * SPARQL DESCRIBE from {@code /sparql} (asking for JSON-LD too), each with the same number of
 * connections for the same time, after a warm-up of each. Anonymous requests, rate limits off.
 */
public final class ServeBenchmark {
    /** What to run. */
    public record Options(Path store, Path registry, int connections, Duration duration, Duration warmUp, int sample,
                          int coldStarts) {}

    private static final String JSON_LD = "application/ld+json";

    private final Options options;
    private final List<Feature> features;
    private final PrintWriter log;

    public ServeBenchmark(Options options, List<Feature> features, PrintWriter log) {
        this.options = options;
        this.features = features;
        this.log = log;
    }

    public ServeFigures run() throws IOException, InterruptedException {
        Registry registry = Registry.read(options.registry());
        List<Duration> cold = new ArrayList<>();
        ColdStart coldStart = new ColdStart(options.store(), options.registry());
        String probe = "/sparql?query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8);
        say("first start (writes the class archive if there is none)");
        Duration first = coldStart.measure(probe);
        for (int i = 1; i <= options.coldStarts(); i++) {
            say("cold start " + i + " of " + options.coldStarts());
            cold.add(coldStart.measure(probe));
        }
        try (Store store = Store.open(options.store())) {
            ServerSettings settings = new ServerSettings(0, true, Duration.ofSeconds(30), 10_000, 20_000,
                    Integer.MAX_VALUE, Integer.MAX_VALUE, false, Optional.empty());
            ServerContext context = new ServerContext(registry, store, Access.of(registry, java.util.Map.of()), settings, null, null);
            List<String> iris = ResourceSample.of(store.dataset(), registry, options.sample(), ds -> registry.accessOf(ds) == fr.regie.registry.AccessLevel.PUBLIC);
            say("serving in this process; " + iris.size() + " resources sampled; request logs off");
            // One log line per request would measure the logger: both runs go without.
            LogCtl.setLevel(Fuseki.requestLogName, "warn");
            LogCtl.setLevel(Fuseki.actionLogName, "warn");
            FusekiServer server = RegieServer.build(context, features).start();
            try {
                String local = "http://localhost:" + server.getHttpPort() + "/";
                String base = new GraphNames(registry.territory().baseIri()).base();
                Duration timeout = Duration.ofSeconds(30);
                LoadGenerator load = new LoadGenerator(options.connections(), timeout);
                java.util.function.IntFunction<HttpRequest> resource = i -> LoadGenerator.get(
                        URI.create(local + iris.get(i % iris.size()).substring(base.length())), JSON_LD, timeout);
                java.util.function.IntFunction<HttpRequest> describe = i -> LoadGenerator.get(URI.create(local + "sparql?query="
                        + URLEncoder.encode("DESCRIBE <" + iris.get(i % iris.size()) + ">", StandardCharsets.UTF_8)), JSON_LD, timeout);
                say("warm-up, " + options.warmUp().toSeconds() + " s each");
                load.run("warm-up", options.warmUp(), resource);
                load.run("warm-up", options.warmUp(), describe);
                say("resources as JSON-LD, " + options.duration().toSeconds() + " s");
                LoadGenerator.Result r = load.run("GET /id/… (JSON-LD)", options.duration(), resource);
                say("SPARQL DESCRIBE as JSON-LD, " + options.duration().toSeconds() + " s");
                LoadGenerator.Result d = load.run("SPARQL DESCRIBE (JSON-LD)", options.duration(), describe);
                return new ServeFigures(options, iris.size(), first, cold, r, d);
            } finally {
                server.stop();
            }
        }
    }

    private void say(String what) {
        log.println("regie bench serve: " + what + "...");
        log.flush();
    }
}
