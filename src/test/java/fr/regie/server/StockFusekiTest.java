package fr.regie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.Store;

/**
 * The same TDB2 store is served by Régie's server and by a stock Fuseki from
 * fuseki-config/regie.ttl, over real HTTP; both see the union of the named graphs.
 */
class StockFusekiTest {
    @TempDir
    Path dir;

    private static final String QUERY = "SELECT ?name WHERE { <https://t.example/id/commune/93066> <http://rdf.insee.fr/def/geo#nom> ?name }";

    private Path storeWithOneGraph() {
        Path storeDir = dir.resolve("store");
        try (Store s = Store.open(storeDir)) {
            Graph g = GraphFactory.createDefaultGraph();
            g.add(Triple.create(NodeFactory.createURI("https://t.example/id/commune/93066"),
                    NodeFactory.createURI("http://rdf.insee.fr/def/geo#nom"), NodeFactory.createLiteralLang("Saint-Denis", "fr")));
            s.replaceGraph(NodeFactory.createURI("https://t.example/graph/territory"), g);
        }
        return storeDir;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stockFusekiServesTheStoreFromTheAssemblerFile() throws Exception {
        Path storeDir = storeWithOneGraph();
        String config = Files.readString(Path.of("fuseki-config/regie.ttl"))
                .replace("tdb2:location \"target/demo/store\"", "tdb2:location \"" + storeDir.toAbsolutePath() + "\"");
        Path cfg = dir.resolve("config.ttl");
        Files.writeString(cfg, config);
        FusekiServer server = FusekiServer.create().port(0).parseConfigFile(cfg.toString()).build().start();
        try {
            HttpResponse<String> r = get("http://localhost:" + server.getHttpPort() + "/regie/sparql?query="
                    + URLEncoder.encode(QUERY, StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("Saint-Denis"), r.body());
        } finally {
            server.stop();
        }
    }

    @Test
    void regieServerAnswersSparqlAndRefusesUpdates() throws Exception {
        Path storeDir = storeWithOneGraph();
        try (Store s = Store.open(storeDir)) {
            FusekiServer server = RegieServer.build(s, 0, true).start();
            try {
                String base = "http://localhost:" + server.getHttpPort();
                HttpResponse<String> r = get(base + "/sparql?query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8));
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("Saint-Denis"), r.body());
                HttpResponse<String> update = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sparql"))
                        .header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString("DROP ALL")).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(update.statusCode() >= 400, "no update from the public side: " + update.statusCode());
                HttpResponse<String> bad = get(base + "/sparql?query=" + URLEncoder.encode("SELECT WHERE {", StandardCharsets.UTF_8));
                assertEquals(400, bad.statusCode());
            } finally {
                server.stop();
            }
        }
    }
}
