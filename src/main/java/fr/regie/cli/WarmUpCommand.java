package fr.regie.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.registry.Registry;
import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regie warm-up} (hidden): the training run of the class archive the launcher builds
 * with the jar. It serves an empty store with a registry, asks each endpoint once and stops, so
 * that the archive holds the classes a server and the commands load; later starts map them
 * instead of loading them one by one. It changes nothing and leaves nothing behind.
 */
@Command(name = "warm-up", hidden = true, description = "Load the classes of a server once (training run of the class archive).")
final class WarmUpCommand implements Callable<Integer> {
    private static final List<String> PATHS = List.of("sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "sparql", "id/commune/00000",
            "context.jsonld", "catalog", "api", "api/openapi.json", "status", "datasets/territory/changes", "$/metrics");

    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "A registry (the demo's).")
    Path registry;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Registry reg = Registry.read(registry);
        Path dir = Files.createTempDirectory("regie-warm-up");
        try (Store store = Store.open(dir.resolve("store"));
             HttpClient client = HttpClient.newHttpClient()) {
            ServerContext context = new ServerContext(reg, store, Access.of(reg, Map.of()), ServerSettings.defaults(0), null, null);
            FusekiServer server = RegieServer.build(context, ServerFeatures.all()).start();
            try {
                for (String path : PATHS) {
                    URI uri = URI.create("http://localhost:" + server.getHttpPort() + "/" + path);
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                }
            } finally {
                server.stop();
            }
        } finally {
            Store.deleteTree(dir);
        }
        return 0;
    }
}
