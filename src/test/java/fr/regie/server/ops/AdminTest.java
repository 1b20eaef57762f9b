package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.ServerSettings;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.resource.ResourceFeature;
import fr.regie.server.status.StatusFeature;

/**
 * The operator's actions over real HTTP: only the admin key opens them (401 without a key, 403
 * with a partner's); a refresh runs in the background (202) or in the request, never twice at
 * once; a reload swaps the registry in (access levels, new datasets) or, when the file is wrong,
 * says where and keeps the registry in use.
 */
class AdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "k-admin";

    @TempDir
    static Path dir;
    static OpsServer ops;
    static String original;

    @BeforeAll
    static void start() throws Exception {
        ops = OpsServer.start(dir, ServerSettings.defaults(0), List.of(new StatusFeature(), new DatasetsFeature(), new AdminFeature(),
                new ResourceFeature(), new CatalogFeature()));
        original = Files.readString(registry());
    }

    @AfterAll
    static void stop() {
        if (ops != null) {
            ops.close();
        }
    }

    /** Each test starts from the fixture's registry, in the file and in the server. */
    @AfterEach
    void restore() throws Exception {
        Files.writeString(registry(), original);
        assertEquals(200, post("/admin/reload", ADMIN).statusCode());
    }

    static Path registry() {
        return dir.resolve("registry.ttl");
    }

    static HttpResponse<String> post(String path, String key) throws Exception {
        return key == null ? ops.server.post(path, "text/plain", "") : ops.server.post(path, "text/plain", "", "X-API-Key", key);
    }

    static long version(String dataset) {
        DatasetGraph dsg = ops.fixture.store().dataset();
        Node meta = NodeFactory.createURI("https://t.example/graph/meta/" + dataset);
        Node p = NodeFactory.createURI("https://w3id.org/regie#version");
        return Txn.calculateRead(dsg, () -> {
            var it = dsg.find(meta, Node.ANY, p, Node.ANY);
            return it.hasNext() ? Long.parseLong(it.next().getObject().getLiteralLexicalForm()) : 0L;
        });
    }

    static void awaitIdle(String dataset) throws InterruptedException {
        for (int i = 0; i < 600 && ops.context.refresher().running(dataset); i++) {
            Thread.sleep(100);
        }
        assertFalse(ops.context.refresher().running(dataset));
    }

    @Test
    void onlyTheAdminKeyOpensAdminActions() throws Exception {
        for (String path : List.of("/admin/refresh/stations", "/admin/reload", "/admin/nothing")) {
            HttpResponse<String> none = post(path, null);
            assertEquals(401, none.statusCode(), path);
            assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent(), path);
            assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals(403, post(path, "k-velib").statusCode(), path);
            assertEquals(401, post(path, "not-a-key").statusCode(), path);
        }
        assertEquals(404, post("/admin/nothing", ADMIN).statusCode());
        HttpResponse<String> get = ops.server.get("/admin/reload", "X-API-Key", ADMIN);
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertEquals(404, post("/admin/refresh/nope", ADMIN).statusCode());
        assertEquals(400, post("/admin/refresh/stations?wait=maybe", ADMIN).statusCode());
    }

    @Test
    void aRefreshRunsInTheBackgroundAndNeverTwiceAtOnce() throws Exception {
        long before = version("shared");
        // Enough rows that the refresh is still running when the next requests come.
        ops.sql("INSERT INTO item SELECT 'shared', g, 'N' || g, '93066' FROM generate_series(100, 40000) AS g");
        HttpResponse<String> started = post("/admin/refresh/shared", ADMIN);
        assertEquals(202, started.statusCode(), started.body());
        assertEquals(ops.server.base() + "/status", started.headers().firstValue("Location").orElse(""));
        assertEquals(409, post("/admin/refresh/shared", ADMIN).statusCode());
        assertEquals(409, post("/admin/refresh/shared?wait=true", ADMIN).statusCode());
        awaitIdle("shared");
        for (int i = 0; i < 100 && version("shared") == before; i++) {
            Thread.sleep(100); // the lock is released just after the commit
        }
        assertEquals(before + 1, version("shared"));
        assertEquals(40000 - 100 + 1 + 1, ops.storeGraph("shared").find(Node.ANY,
                NodeFactory.createURI("https://schema.org/name"), Node.ANY).toList().size());

        HttpResponse<String> again = post("/admin/refresh/shared?wait=true", ADMIN);
        assertEquals(200, again.statusCode(), again.body());
        JsonNode r = JSON.readTree(again.body());
        assertEquals("unchanged", r.get("outcome").asText(), again.body());
        assertEquals(before + 1, r.get("version").asLong());
    }

    @Test
    void aReloadSwapsInAccessLevelsAndNewDatasets() throws Exception {
        assertEquals(404, ops.server.get("/datasets/secret/changes").statusCode());
        assertEquals(404, ops.server.get("/id/secret/1").statusCode());
        assertFalse(ops.server.get("/catalog", "Accept", "application/n-triples").body().contains("/id/dataset/extra>"));
        Files.writeString(registry(), original.replace("regie:Restricted ; regie:accessPartner <#velib>", "regie:Public") + """
                <#extra> a dcat:Dataset ; dct:identifier "extra" ; dct:title "extra" ; dct:publisher <#velib> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:linkBy regie:CommuneCode ; regie:accessLevel regie:Public .
                """);
        HttpResponse<String> r = post("/admin/reload", ADMIN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("[\"extra\"]", body.get("added").toString());
        assertEquals(5, body.get("datasets").size());
        assertEquals(200, ops.server.get("/datasets/secret/changes").statusCode(), "secret is public now");
        assertEquals(200, ops.server.get("/id/secret/1").statusCode(), "its resources too");
        String catalog = ops.server.get("/catalog", "Accept", "application/n-triples").body();
        assertTrue(catalog.contains("<https://t.example/id/dataset/extra> <http://purl.org/dc/terms/title> \"extra\""),
                "the new dataset is in the catalog with the registry's description: " + catalog);
        assertEquals(0, JSON.readTree(ops.server.get("/datasets/extra/changes").body()).get("liveVersion").asLong());

        HttpResponse<String> refresh = post("/admin/refresh/extra?wait=true", ADMIN);
        assertEquals(200, refresh.statusCode(), refresh.body());
        assertEquals("accepted", JSON.readTree(refresh.body()).get("outcome").asText(), refresh.body());
        assertEquals(1, version("extra"));
    }

    @Test
    void aBadRegistryIsRefusedWithItsLineAndTheOldOneStays() throws Exception {
        String publicSecret = original.replace("regie:Restricted ; regie:accessPartner <#velib>", "regie:Public");
        Files.writeString(registry(), publicSecret);
        assertEquals(200, post("/admin/reload", ADMIN).statusCode());

        int line = (int) publicSecret.lines().count() + 1;
        Files.writeString(registry(), publicSecret + "<#stations> regie:nope \"x\" .\n");
        HttpResponse<String> unknown = post("/admin/reload", ADMIN);
        assertEquals(422, unknown.statusCode(), unknown.body());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        String detail = JSON.readTree(unknown.body()).get("detail").asText();
        assertTrue(detail.contains("registry.ttl:" + line), detail);
        assertTrue(detail.contains("regie:nope"), detail);

        Files.writeString(registry(), publicSecret + "<#broken> a \n");
        HttpResponse<String> syntax = post("/admin/reload", ADMIN);
        assertEquals(422, syntax.statusCode(), syntax.body());
        assertTrue(JSON.readTree(syntax.body()).get("detail").asText().contains("registry.ttl:"), syntax.body());

        Files.writeString(registry(), publicSecret.replace("https://t.example/", "https://other.example/"));
        HttpResponse<String> base = post("/admin/reload", ADMIN);
        assertEquals(422, base.statusCode(), base.body());
        assertTrue(base.body().contains("base IRI"), base.body());

        assertEquals(200, ops.server.get("/datasets/secret/changes").statusCode(), "the registry in use stayed");
    }

    @Test
    void otherMethodsOnAdminPathsAre405() throws Exception {
        HttpResponse<Void> del = ops.server.client().send(HttpRequest.newBuilder(URI.create(ops.server.base() + "/admin/refresh/stations"))
                .header("X-API-Key", ADMIN).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(405, del.statusCode());
    }
}
