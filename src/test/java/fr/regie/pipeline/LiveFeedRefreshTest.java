package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.demo.VelibFeed;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * The demo's live Vélib' availability through a real refresh (issue 11, point 7): the feed is the
 * local fixture on a free port, changing between calls; the dataset is the demo's mapping and
 * vocabulary over it. After every refresh the live graph must be the feed's current JSON mapped by
 * plain Java (read over HTTP while the feed holds still); each change is a new version with its
 * patch; a feed that did not change (304) writes nothing at all, not even a run record.
 */
class LiveFeedRefreshTest {
    private static final String VELIB = "https://w3id.org/regie/partner/velib#";
    private static final Path PROJECT = Path.of(System.getProperty("regie.project.dir", "."));
    @TempDir
    Path dir;
    private TestDb db;
    private VelibFeed feed;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION, "INSERT INTO commune VALUES ('93066', 'Saint-Denis')");
        feed = VelibFeed.start(PROJECT.resolve(VelibFeed.SNAPSHOT), 42L, 0);
    }

    @AfterEach
    void tearDown() {
        feed.close();
        db.close();
    }

    private Registry registry() throws Exception {
        Path reg = RefreshFixture.write(dir, db.url());
        Files.copy(PROJECT.resolve("mappings/velib/availability.ttl"), dir.resolve("availability.ttl"));
        Files.copy(PROJECT.resolve("mappings/velib/vocabulary.ttl"), dir.resolve("vocabulary.ttl"));
        Files.writeString(reg, Files.readString(reg) + """
                <#live> a dcat:Dataset ; dct:identifier "velib-availability" ; dct:title "Live" ; dct:publisher <#p> ;
                  regie:source [ regie:url <%s> ; regie:timeout 10 ] ;
                  regie:mapping <availability.ttl> ; regie:vocabulary <vocabulary.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(feed.statusUrl()));
        return Registry.read(reg);
    }

    /** The feed's current status mapped by hand: what the live graph must hold. */
    private Set<Triple> expected() throws Exception {
        feed.hold(true);
        HttpResponse<String> r;
        try (HttpClient c = HttpClient.newHttpClient()) {
            r = c.send(HttpRequest.newBuilder(feed.statusUrl()).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, r.statusCode());
        Set<Triple> out = new HashSet<>();
        for (JsonNode s : new ObjectMapper().readTree(r.body()).path("data").path("stations")) {
            String code = s.path("stationCode").asText();
            Node a = NodeFactory.createURI(RefreshFixture.BASE + "id/velib-station/" + code + "/availability");
            out.add(Triple.create(a, RDF.Nodes.type, NodeFactory.createURI(VELIB + "StationAvailability")));
            out.add(Triple.create(a, uri("station"), NodeFactory.createURI(RefreshFixture.BASE + "id/velib-station/" + code)));
            out.add(count(a, "bikesAvailable", s.path("num_bikes_available")));
            out.add(count(a, "mechanicalBikesAvailable", s.path("num_bikes_available_types").get(0).path("mechanical")));
            out.add(count(a, "electricBikesAvailable", s.path("num_bikes_available_types").get(1).path("ebike")));
            out.add(count(a, "docksAvailable", s.path("num_docks_available")));
            out.add(count(a, "lastReported", s.path("last_reported")));
        }
        return out;
    }

    private static Node uri(String local) {
        return NodeFactory.createURI(VELIB + local);
    }

    private static Triple count(Node s, String p, JsonNode n) {
        assertTrue(n.isIntegralNumber(), p + " is an integer in the feed");
        return Triple.create(s, uri(p), NodeFactory.createLiteralDT(n.asText(), XSDDatatype.XSDinteger));
    }

    private static long quads(Store store) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> {
            long n = 0;
            for (var it = dsg.find(); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        });
    }

    @Test
    void everyChangeIsAVersionAndAnUnchangedFeedWritesNothing() throws Exception {
        Registry reg = registry();
        DatasetSpec live = reg.dataset("velib-availability").orElseThrow();
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = new Refresher(reg, store, dir.resolve("work"), new Refresher.Options(0, Duration.ofMillis(1), 0));
            assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow().outcome());
            long version = 0;
            for (int tick = 0; tick < 6; tick++) {
                feed.hold(false);
                RefreshResult done = r.refresh(live).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, done.outcome(), "tick " + tick + ": " + done.line());
                assertEquals(++version, done.version());
                assertTrue(tick == 0 || done.added() > 0 && done.added() == done.removed(),
                        "a tick moves a few counts: as many triples added as removed, " + done.line());
                Set<Triple> live1 = RefreshFixture.graph(store, "velib-availability");
                assertEquals(expected(), live1, "tick " + tick + ": the live graph is the feed mapped by hand");
                assertEquals(version, store.layout().changeLog("velib-availability").written().size(), "one patch per version");
                // Holding still: 304, nothing written.
                long before = quads(store);
                RefreshResult quiet = r.refresh(live).orElseThrow();
                assertEquals(RefreshResult.Outcome.UNCHANGED, quiet.outcome(), quiet.line());
                assertEquals(before, quads(store), "an unchanged feed writes nothing, not even a run record");
                assertEquals(version, store.layout().changeLog("velib-availability").written().size());
            }
            assertEquals(List.of(), new Check(reg, store, dir.resolve("work")).run(CheckRequest.of(live)).errors());
        }
    }
}
