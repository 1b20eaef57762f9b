package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.ServerSettings;

/**
 * The change feed over real HTTP, as a consumer uses it: the patch of a version holds exactly
 * what changed in the partner's database (triples added and removed, compared with the store
 * before and after), pages follow {@code Link} headers, and a copy made from the dump and the
 * patches after it equals the live graph. Tests run in order: each makes new versions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(\\w+)\"");
    private static final String PATCH = "application/rdf-patch";

    @TempDir
    static Path dir;
    static OpsServer ops;

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

    /** The triples a patch adds and deletes. */
    record Changes(Set<Triple> added, Set<Triple> deleted) {}

    static Changes changes(String patch) {
        Changes c = new Changes(new HashSet<>(), new HashSet<>());
        RDFPatchOps.read(new ByteArrayInputStream(patch.getBytes())).apply(new RDFChangesBase() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                c.added().add(Triple.create(s, p, o));
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                c.deleted().add(Triple.create(s, p, o));
            }
        });
        return c;
    }

    static Set<Triple> minus(Graph a, Graph b) {
        Set<Triple> out = new HashSet<>(a.find().toList());
        out.removeAll(b.find().toList());
        return out;
    }

    static JsonNode json(String path, String... headers) throws Exception {
        HttpResponse<String> r = ops.server.get(path, headers);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return JSON.readTree(r.body());
    }

    static Map<String, String> links(HttpResponse<?> r) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher m = LINK.matcher(r.headers().firstValue("Link").orElse(""));
        while (m.find()) {
            out.put(m.group(2), m.group(1));
        }
        return out;
    }

    static String path(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    static void refresh(String dataset) throws Exception {
        HttpResponse<String> r = ops.server.post("/admin/refresh/" + dataset + "?wait=true", "text/plain", "", "X-API-Key", "k-admin");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("accepted", JSON.readTree(r.body()).get("outcome").asText(), r.body());
    }

    @Test
    @Order(1)
    void theFirstVersionAddsTheWholeGraph() throws Exception {
        JsonNode page = json("/datasets/stations/changes");
        assertEquals(1, page.get("liveVersion").asLong());
        assertEquals(1, page.get("changes").size());
        JsonNode v1 = page.get("changes").get(0);
        Graph live = ops.storeGraph("stations");
        assertEquals(1, v1.get("version").asLong());
        assertEquals(live.size(), v1.get("added").asLong());
        assertEquals(0, v1.get("removed").asLong());
        assertTrue(v1.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), v1.toString());
        assertEquals(ops.server.base() + "/datasets/stations/changes/1", v1.get("url").asText());
        assertEquals(ops.server.base() + "/datasets/stations/dump.nq.gz", page.get("dump").asText());
        assertFalse(page.has("next"));

        HttpResponse<String> patch = ops.server.get("/datasets/stations/changes/1");
        assertEquals(200, patch.statusCode());
        assertEquals(PATCH, patch.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("1", patch.headers().firstValue("X-Regie-Version").orElse(""));
        Changes c = changes(patch.body());
        assertEquals(new HashSet<>(live.find().toList()), c.added());
        assertEquals(Set.of(), c.deleted());
    }

    @Test
    @Order(2)
    void aChangeInThePartnerDatabaseIsExactlyThePatchOfTheNextVersion() throws Exception {
        byte[] dumpV1 = ops.server.getBytes("/datasets/stations/dump.nq.gz").body();
        Graph before = ops.storeGraph("stations");
        ops.sql("UPDATE item SET nom = 'Gare centrale' WHERE kind = 'stations' AND id = 1",
                "INSERT INTO item VALUES ('stations', 3, 'Marché', '93066')");
        refresh("stations");
        Graph after = ops.storeGraph("stations");
        Set<Triple> added = minus(after, before);
        Set<Triple> removed = minus(before, after);
        assertFalse(added.isEmpty());
        assertFalse(removed.isEmpty(), "the old name is gone");

        Changes c = changes(ops.server.get("/datasets/stations/changes/2").body());
        assertEquals(added, c.added());
        assertEquals(removed, c.deleted());

        JsonNode page = json("/datasets/stations/changes?after=1");
        assertEquals(2, page.get("liveVersion").asLong());
        JsonNode v2 = page.get("changes").get(0);
        assertEquals(2, v2.get("version").asLong());
        assertEquals(added.size(), v2.get("added").asLong());
        assertEquals(removed.size(), v2.get("removed").asLong());

        // A consumer holding the dump of version 1 catches up with the patches after it.
        DatasetGraph copy = OpsServer.nquads(dumpV1);
        HttpResponse<String> feed = ops.server.get("/datasets/stations/changes?after=1", "Accept", PATCH);
        assertEquals("2", feed.headers().firstValue("X-Regie-Version").orElse(""));
        RDFPatchOps.applyChange(copy, new ByteArrayInputStream(feed.body().getBytes()));
        assertTrue(after.isIsomorphicWith(copy.getGraph(ops.graph("stations"))));
    }

    @Test
    @Order(3)
    void pagesFollowLinksAndTheConcatenatedPatchesRebuildTheGraph() throws Exception {
        for (int i = 4; i <= 6; i++) {
            ops.sql("INSERT INTO item VALUES ('stations', " + i + ", 'Arrêt " + i + "', '93001')");
            refresh("stations");
        }
        // Versions 1 to 5, two per page.
        List<List<Long>> pages = new ArrayList<>();
        List<Map<String, String>> pageLinks = new ArrayList<>();
        String next = "/datasets/stations/changes?limit=2";
        while (next != null) {
            HttpResponse<String> r = ops.server.get(next);
            assertEquals(200, r.statusCode(), r.body());
            List<Long> versions = new ArrayList<>();
            JSON.readTree(r.body()).get("changes").forEach(v -> versions.add(v.get("version").asLong()));
            pages.add(versions);
            Map<String, String> l = links(r);
            pageLinks.add(l);
            next = Optional.ofNullable(l.get("next")).map(ChangeFeedTest::path).orElse(null);
        }
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L)), pages);
        assertFalse(pageLinks.get(0).containsKey("prev"));
        assertEquals(ops.server.base() + "/datasets/stations/changes?after=0&limit=2", pageLinks.get(1).get("prev"));
        assertEquals(ops.server.base() + "/datasets/stations/changes?after=2&limit=2", pageLinks.get(2).get("prev"));

        // A consumer starting from nothing: patches page after page, as long as there is a next.
        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        String at = "/datasets/stations/changes?after=0&limit=2";
        String reached = null;
        while (at != null) {
            HttpResponse<String> r = ops.server.get(at, "Accept", PATCH);
            assertEquals(PATCH, r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            RDFPatchOps.applyChange(copy, new ByteArrayInputStream(r.body().getBytes()));
            reached = r.headers().firstValue("X-Regie-Version").orElseThrow();
            at = Optional.ofNullable(links(r).get("next")).map(ChangeFeedTest::path).orElse(null);
        }
        assertEquals("5", reached);
        assertTrue(ops.storeGraph("stations").isIsomorphicWith(copy.getGraph(ops.graph("stations"))));

        HttpResponse<String> empty = ops.server.get("/datasets/stations/changes?after=5", "Accept", PATCH);
        assertEquals(200, empty.statusCode());
        assertEquals("", empty.body());
        assertEquals("5", empty.headers().firstValue("X-Regie-Version").orElse(""));
    }

    @Test
    @Order(4)
    void badParametersUnknownVersionsAndInvisibleDatasets() throws Exception {
        for (String q : List.of("after=-1", "after=x", "limit=0", "limit=1001", "after=99", "after=1&after=2")) {
            HttpResponse<String> r = ops.server.get("/datasets/stations/changes?" + q);
            assertEquals(400, r.statusCode(), q);
            assertTrue(r.body().contains("\"detail\""), r.body());
        }
        assertEquals(404, ops.server.get("/datasets/stations/changes/99").statusCode());
        assertEquals(400, ops.server.get("/datasets/stations/changes/0").statusCode());
        assertEquals(400, ops.server.get("/datasets/stations/changes/abc").statusCode());
        assertEquals(404, ops.server.get("/datasets/stations/changes/1/x").statusCode());
        assertEquals(404, ops.server.get("/datasets/secret/changes").statusCode());
        assertEquals(404, ops.server.get("/datasets/secret/changes/1").statusCode());
        assertEquals(401, ops.server.get("/datasets/shared/changes", "X-API-Key", "k-nobody-has").statusCode());
        assertEquals(404, ops.server.get("/datasets/secret/changes", "X-API-Key", "k-sncf").statusCode());
        assertEquals(200, ops.server.get("/datasets/secret/changes", "X-API-Key", "k-velib").statusCode());
        assertEquals(200, ops.server.get("/datasets/secret/changes/1", "X-API-Key", "k-velib").statusCode());
    }

    @Test
    @Order(5)
    void aVersionWithoutPatchSendsTheConsumerToTheDump() throws Exception {
        Files.delete(dir.resolve("store/regie/changes/territory/00000001.rdfp"));
        HttpResponse<String> r = ops.server.get("/datasets/territory/changes?after=0");
        assertEquals(410, r.statusCode(), r.body());
        assertTrue(r.body().contains("/datasets/territory/dump.nq.gz"), r.body());
        assertEquals(404, ops.server.get("/datasets/territory/changes/1").statusCode());
        JsonNode page = json("/datasets/territory/changes?after=1");
        assertEquals(0, page.get("changes").size());
    }
}
