package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.demo.VelibFeed;
import fr.regie.pipeline.RefreshFixtureAccess;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestDb;
import fr.regie.testing.TestServer;

/**
 * Interoperability: the npm package {@code ldes-client}, which nobody here wrote, replays the
 * event streams of the demo's Vélib' datasets from a running server, and what it materialises
 * (members in time order, the latest per subject, deletions removing) is the dataset's dump,
 * graph for graph. Once for velib-stations of the demo store (one version), once for
 * velib-availability made from the demo's live feed over several versions, pages of 250.
 */
class LdesClientTest {
    @TempDir
    Path dir;

    static Graph dump(TestServer server, String dataset) throws Exception {
        HttpResponse<byte[]> r = server.getBytes("/datasets/" + dataset + "/dump.nq.gz");
        assertEquals(200, r.statusCode());
        DatasetGraph d = OpsServer.nquads(r.body());
        return d.getUnionGraph();
    }

    static void replaysToTheDump(TestServer server, String dataset, int atLeast) throws Exception {
        List<String> members = LdesClient.members(server.base() + "/datasets/" + dataset + "/ldes");
        assertTrue(members.size() >= atLeast, dataset + ": " + members.size() + " members");
        Graph replayed = LdesClient.replay(members);
        Graph dump = dump(server, dataset);
        assertTrue(dump.size() > 0);
        assertEquals(dump.size(), replayed.size(), dataset + ": as many triples as the dump");
        assertTrue(dump.isIsomorphicWith(replayed), dataset + ": the client's replay is the dump");
    }

    @Test
    void theDemoStationsOneVersion() throws Exception {
        LdesClient.cli();
        Registry registry = SharedDemo.registry();
        ServerContext ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, Map.of()), ServerSettings.defaults(0),
                null, null);
        try (TestServer server = TestServer.start(ctx, List.of(new DatasetsFeature()))) {
            replaysToTheDump(server, "velib-stations", 500);
        }
    }

    @Test
    void theLiveAvailabilityOverSeveralVersions() throws Exception {
        LdesClient.cli();
        try (TestDb db = TestDb.create(TestDb.Kind.H2);
             VelibFeed feed = VelibFeed.start(VelibFeed.SNAPSHOT, 7L, 0)) {
            db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                    "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)",
                    "INSERT INTO commune VALUES ('93066', 'Saint-Denis')");
            Path reg = RefreshFixtureAccess.write(dir, db.url());
            Files.copy(Path.of("mappings/velib/availability.ttl"), dir.resolve("availability.ttl"));
            Files.copy(Path.of("mappings/velib/vocabulary.ttl"), dir.resolve("vocabulary.ttl"));
            Files.writeString(reg, Files.readString(reg) + """
                    <#live> a dcat:Dataset ; dct:identifier "velib-availability" ; dct:title "Live" ; dct:publisher <#p> ;
                      regie:source [ regie:url <%s> ; regie:timeout 10 ] ;
                      regie:mapping <availability.ttl> ; regie:vocabulary <vocabulary.ttl> ; regie:linkBy regie:NoLink .
                    """.formatted(feed.statusUrl()));
            Registry registry = Registry.read(reg);
            try (Store store = Store.open(dir.resolve("store"))) {
                Refresher r = new Refresher(registry, store, dir.resolve("work"), new Refresher.Options(0, Duration.ofMillis(1), 0));
                assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(registry.dataset("territory").orElseThrow()).orElseThrow().outcome());
                for (int tick = 0; tick < 4; tick++) {
                    feed.hold(false);
                    RefreshResult done = r.refresh(registry.dataset("velib-availability").orElseThrow()).orElseThrow();
                    assertEquals(RefreshResult.Outcome.ACCEPTED, done.outcome(), done.line());
                    assertEquals(tick + 1, done.version());
                }
                feed.hold(true);
                ServerContext ctx = new ServerContext(registry, store, Access.of(registry, Map.of()), ServerSettings.defaults(0),
                        null, null);
                try (TestServer server = TestServer.start(ctx, List.of(new DatasetsFeature()))) {
                    replaysToTheDump(server, "velib-availability", 1000);
                }
            }
        }
    }
}
