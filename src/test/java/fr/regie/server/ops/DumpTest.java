package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.ServerSettings;

/**
 * {@code /datasets/{id}/dump.nq.gz} over real HTTP: each caller gets exactly the graph in the
 * store of each dataset they may see (gunzipped, parsed, isomorphic), and a 404 for the others;
 * entity tags give 304; the dump cache serves the same bytes; a new version gets a new tag.
 * The test that makes a new version runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DumpTest {
    @TempDir
    static Path dir;
    static OpsServer ops;

    /** Which datasets each caller sees (the access rules, written out by hand). */
    static final Map<String, Set<String>> SEES = Map.of(
            "", Set.of("territory", "stations"),
            "k-sncf", Set.of("territory", "stations", "shared"),
            "k-velib", Set.of("territory", "stations", "shared", "secret"),
            "k-admin", Set.of("territory", "stations", "shared", "secret"));

    @BeforeAll
    static void start() throws Exception {
        ops = OpsServer.start(dir, ServerSettings.defaults(0), List.of(new DatasetsFeature(), new AdminFeature()));
    }

    @AfterAll
    static void stop() {
        if (ops != null) {
            ops.close();
        }
    }

    static String[] key(String k, String... more) {
        List<String> h = new ArrayList<>(List.of(more));
        if (!k.isEmpty()) {
            h.add("X-API-Key");
            h.add(k);
        }
        return h.toArray(String[]::new);
    }

    @Test
    void eachCallerGetsTheGraphsTheyMaySeeAndNothingElse() throws Exception {
        for (var e : SEES.entrySet()) {
            for (String ds : List.of("territory", "stations", "shared", "secret")) {
                HttpResponse<byte[]> r = ops.server.getBytes("/datasets/" + ds + "/dump.nq.gz", key(e.getKey()));
                String who = (e.getKey().isEmpty() ? "anonymous" : e.getKey()) + " / " + ds;
                if (!e.getValue().contains(ds)) {
                    assertEquals(404, r.statusCode(), who);
                    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], who);
                    continue;
                }
                assertEquals(200, r.statusCode(), who);
                assertEquals("application/gzip", r.headers().firstValue("Content-Type").orElse(""), who);
                assertEquals("attachment; filename=\"" + ds + "-v1.nq.gz\"", r.headers().firstValue("Content-Disposition").orElse(""), who);
                assertEquals("1", r.headers().firstValue("X-Regie-Version").orElse(""), who);
                DatasetGraph dump = OpsServer.nquads(r.body());
                List<Node> graphs = new ArrayList<>();
                dump.listGraphNodes().forEachRemaining(graphs::add);
                assertEquals(List.of(ops.graph(ds)), graphs, who + ": the dataset's graph only");
                Graph expected = ops.storeGraph(ds);
                assertTrue(expected.size() > 0, who);
                assertTrue(expected.isIsomorphicWith(dump.getGraph(ops.graph(ds))), who);
                // Public for anyone when the dataset is public and no key was sent; a keyed answer is private.
                boolean open = e.getKey().isEmpty() && (ds.equals("stations") || ds.equals("territory"));
                assertTrue(r.headers().firstValue("Cache-Control").orElse("").startsWith(open ? "public" : "private"), who);
            }
        }
    }

    @Test
    void entityTagsAnswer304AndTheCacheKeepsTheBytes() throws Exception {
        HttpResponse<byte[]> first = ops.server.getBytes("/datasets/territory/dump.nq.gz");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"1-\\d{8}T\\d+Z\""), etag);
        Path cached = dir.resolve("store/regie/dumps/territory/" + etag.replace("\"", "") + ".nq.gz");
        assertTrue(Files.isRegularFile(cached), "the first download fills the cache");
        assertArrayEquals(Files.readAllBytes(cached), first.body());

        HttpResponse<byte[]> again = ops.server.getBytes("/datasets/territory/dump.nq.gz");
        assertEquals(String.valueOf(first.body().length), again.headers().firstValue("Content-Length").orElse(""));
        assertArrayEquals(first.body(), again.body());

        HttpResponse<byte[]> same = ops.server.getBytes("/datasets/territory/dump.nq.gz", "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);
        assertEquals(etag, same.headers().firstValue("ETag").orElse(""));
        assertEquals(304, ops.server.getBytes("/datasets/territory/dump.nq.gz", "If-None-Match", "\"0-x\", W/" + etag).statusCode());
        assertEquals(200, ops.server.getBytes("/datasets/territory/dump.nq.gz", "If-None-Match", "\"0-x\"").statusCode());

        HttpResponse<byte[]> head = ops.server.client().send(HttpRequest.newBuilder(URI.create(ops.server.base()
                + "/datasets/territory/dump.nq.gz")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(etag, head.headers().firstValue("ETag").orElse(""));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aNewVersionHasANewTagAndANewDump() throws Exception {
        HttpResponse<byte[]> before = ops.server.getBytes("/datasets/shared/dump.nq.gz", key("k-admin"));
        String etag = before.headers().firstValue("ETag").orElseThrow();
        ops.sql("INSERT INTO item VALUES ('shared', 2, 'Nouveau', '93001')");
        HttpResponse<String> refresh = ops.server.post("/admin/refresh/shared?wait=true", "text/plain", "", key("k-admin"));
        assertEquals(200, refresh.statusCode(), refresh.body());
        assertTrue(refresh.body().contains("\"outcome\" : \"accepted\""), refresh.body());

        HttpResponse<byte[]> after = ops.server.getBytes("/datasets/shared/dump.nq.gz", key("k-admin", "If-None-Match", etag));
        assertEquals(200, after.statusCode(), "the old tag no longer matches");
        String newTag = after.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, newTag);
        assertTrue(newTag.startsWith("\"2-"), newTag);
        Graph dumped = OpsServer.nquads(after.body()).getGraph(ops.graph("shared"));
        assertTrue(ops.storeGraph("shared").isIsomorphicWith(dumped));
        assertFalse(OpsServer.nquads(before.body()).getGraph(ops.graph("shared")).isIsomorphicWith(dumped));
        try (var files = Files.list(dir.resolve("store/regie/dumps/shared"))) {
            assertEquals(List.of(newTag.replace("\"", "") + ".nq.gz"), files.map(p -> p.getFileName().toString()).toList(),
                    "the cache keeps the live version only");
        }
    }

    @Test
    void badRequestsAreProblems() throws Exception {
        assertEquals(404, ops.server.get("/datasets/nope/dump.nq.gz").statusCode());
        assertEquals(404, ops.server.get("/datasets/stations/dump.ttl").statusCode());
        assertEquals(404, ops.server.get("/datasets/").statusCode());
        HttpResponse<String> post = ops.server.post("/datasets/stations/dump.nq.gz", "text/plain", "x");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertTrue(post.body().contains("\"status\":405"), post.body());
        assertEquals(401, ops.server.get("/datasets/stations/dump.nq.gz", "X-API-Key", "wrong").statusCode());
    }
}
