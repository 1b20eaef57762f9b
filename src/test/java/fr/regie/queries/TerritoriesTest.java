package fr.regie.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.cli.ServerFeatures;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.StoreBuilder;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.Vocab;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;

/**
 * Three territories from configuration alone, built and served side by side: Plaine Commune (an
 * EPT, the demo), Saint-Denis (a commune: the same partners' sources mapped again, kept to the
 * commune by regie:within) and Seine-Saint-Denis (a département: Plaine Commune's datasets
 * mirrored from its running server, kept to the département). Where their extents overlap, an
 * indicator has the same value in all three, and that value is the one computed from the raw
 * Vélib' file in plain Java ({@link SourceFiles}).
 */
class TerritoriesTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path DIR = Path.of("target/test-territories");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer plaineCommune;
    private static TestServer saintDenis;
    private static TestServer seineSaintDenis;
    private static Store saintDenisStore;
    private static Store seineSaintDenisStore;
    private static Registry seineSaintDenisRegistry;

    @BeforeAll
    static void buildAndServe() throws IOException {
        plaineCommune = serve(SharedDemo.registry(), SharedDemo.store());
        deleteTree(DIR);
        Registry sd = Registry.read(PROJECT.resolve("examples/saint-denis/registry.ttl"));
        saintDenisStore = build(sd, DIR.resolve("saint-denis"));
        saintDenis = serve(sd, saintDenisStore);
        // The département's registry as shipped, its upstream moved to this test's Plaine Commune server.
        seineSaintDenisRegistry = Registry.read(upstreamAt(PROJECT.resolve("examples/seine-saint-denis/registry.ttl"),
                plaineCommune.base() + "/", DIR.resolve("seine-saint-denis.ttl")));
        seineSaintDenisStore = build(seineSaintDenisRegistry, DIR.resolve("seine-saint-denis"));
        seineSaintDenis = serve(seineSaintDenisRegistry, seineSaintDenisStore);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {plaineCommune, saintDenis, seineSaintDenis, saintDenisStore, seineSaintDenisStore}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // Closing what is left.
            }
        }
    }

    private static Store build(Registry registry, Path dir) throws IOException {
        List<RefreshResult> results = StoreBuilder.build(registry, dir.resolve("work"), dir.resolve("store"), new StoreBuilder.Listener() {});
        for (RefreshResult r : results) {
            assertEquals(RefreshResult.Outcome.ACCEPTED, r.outcome(), registry.territory().name() + ", " + r.dataset() + ": " + r.message());
        }
        return Store.open(dir.resolve("store"));
    }

    private static TestServer serve(Registry registry, Store store) {
        ServerSettings d = ServerSettings.defaults(0);
        ServerSettings settings = new ServerSettings(0, true, d.queryTimeout(), d.resultLimit(), d.maxQueryLength(), 1_000_000,
                d.partnerPerMinute(), false, Optional.empty());
        return TestServer.start(new ServerContext(registry, store, Access.of(registry, Map.of()), settings, null, null), ServerFeatures.all());
    }

    /** A copy of {@code registry} whose files are named absolutely and whose upstream régie is at {@code upstream}. */
    static Path upstreamAt(Path registry, String upstream, Path copy) throws IOException {
        String text = Files.readString(registry, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<(\\.\\./[^>]*)>").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("<" + registry.toAbsolutePath().getParent().toUri().resolve(m.group(1)) + ">"));
        }
        m.appendTail(sb);
        Files.createDirectories(copy.toAbsolutePath().getParent());
        Files.writeString(copy, sb.toString().replace("http://localhost:3030/", upstream), StandardCharsets.UTF_8);
        return copy;
    }

    /** code → value of an indicator at a scale over a server's own territory (its dct:spatial). */
    private static Map<String, Double> values(TestServer server, String indicator, String scale) throws Exception {
        var r = server.get("/map/data?indicator=" + indicator + "&scale=" + scale + "&extent=territory", "Accept", "application/geo+json");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode f : JSON.readTree(r.body()).path("features")) {
            JsonNode v = f.path("properties").path("value");
            out.put(f.path("properties").path("code").asText(), v.isNumber() ? v.asDouble() : null);
        }
        return out;
    }

    /** Docks per commune of today, from the raw Vélib' file and the raw COG (plain Java). */
    private static Map<String, Double> docksFromFiles() {
        SourceFiles files = SourceFiles.get(PROJECT);
        Map<String, Double> out = new HashMap<>();
        for (SourceFiles.VelibStation s : files.partners.velib) {
            files.reference.resolve(s.communeCode()).ifPresent(c -> out.merge(c, (double) s.docks(), Double::sum));
        }
        return out;
    }

    @Test
    void docksAgreeWhereTheTerritoriesOverlap() throws Exception {
        Map<String, Double> raw = docksFromFiles();
        Map<String, Double> pc = values(plaineCommune, "velib-docks", "commune");
        Map<String, Double> sd = values(saintDenis, "velib-docks", "commune");
        Map<String, Double> ssd = values(seineSaintDenis, "velib-docks", "commune");
        List<String> pcCommunes = SourceFiles.get(PROJECT).reference.communesOfEpt(SourceFiles.PLAINE_COMMUNE);
        assertEquals(new java.util.TreeSet<>(pcCommunes), pc.keySet(), "Plaine Commune's map covers its communes");
        assertEquals(java.util.Set.of("93066"), sd.keySet(), "Saint-Denis's map covers Saint-Denis");
        assertEquals(new java.util.TreeSet<>(SourceFiles.get(PROJECT).reference.communesOfDep("93")), ssd.keySet());
        for (String c : pcCommunes) {
            double expected = raw.getOrDefault(c, 0.0);
            assertEquals(expected, pc.get(c), "Plaine Commune, commune " + c);
            assertEquals(expected, ssd.get(c), "Seine-Saint-Denis, commune " + c);
        }
        assertEquals(raw.getOrDefault("93066", 0.0), sd.get("93066"), "Saint-Denis");
        assertTrue(sd.get("93066") > 0, "Saint-Denis has Vélib' docks");
        // The EPT as a whole: the same figure in the EPT's régie and in the département's.
        double ept = pcCommunes.stream().mapToDouble(c -> raw.getOrDefault(c, 0.0)).sum();
        assertEquals(ept, values(plaineCommune, "velib-docks", "ept").get(SourceFiles.PLAINE_COMMUNE));
        assertEquals(ept, values(seineSaintDenis, "velib-docks", "ept").get(SourceFiles.PLAINE_COMMUNE));
    }

    @Test
    void eachTerritoryIsItsOwnRegie() throws Exception {
        for (TestServer s : List.of(plaineCommune, saintDenis, seineSaintDenis)) {
            assertEquals(200, s.get("/catalog", "Accept", "text/turtle").statusCode());
        }
        assertTrue(saintDenis.get("/catalog", "Accept", "text/turtle").body().contains("Catalogue de la régie de données de Saint-Denis"));
        assertTrue(seineSaintDenis.get("/catalog", "Accept", "text/turtle").body().contains("https://regie.seine-saint-denis.example/"));
        assertTrue(saintDenis.get("/", "Accept", "text/html").body().contains("Saint-Denis"));
        // The département's own reference answers at its base; a commune of another département is there too (the reference is national).
        assertEquals(200, seineSaintDenis.get("/id/commune/93066", "Accept", "application/ld+json").statusCode());
    }

    @Test
    void aScopedRegieKeepsOnlyItsRecords() {
        Node inCommune = Vocab.inCommune;
        GraphNames sdGraphs = new GraphNames("https://regie.saint-denis.example/");
        Node saintDenisCommune = NodeFactory.createURI("https://regie.saint-denis.example/id/commune/93066");
        long expected = SourceFiles.get(PROJECT).partners.velib.stream()
                .filter(s -> SourceFiles.get(PROJECT).reference.resolve(s.communeCode()).filter("93066"::equals).isPresent()).count();
        DatasetGraph dsg = saintDenisStore.dataset();
        Txn.executeRead(dsg, () -> {
            var g = dsg.getGraph(sdGraphs.dataset("velib-stations"));
            assertEquals(expected, g.find(Node.ANY, inCommune, Node.ANY).toList().size());
            assertFalse(g.find(Node.ANY, inCommune, Node.ANY).filterDrop(t -> t.getObject().equals(saintDenisCommune)).hasNext());
        });
    }

    @Test
    void aMirroredRecordKeepsItsIriAndLinksToTheLocalReference() {
        GraphNames graphs = new GraphNames("https://regie.seine-saint-denis.example/");
        DatasetGraph dsg = seineSaintDenisStore.dataset();
        Txn.executeRead(dsg, () -> {
            var g = dsg.getGraph(graphs.dataset("velib-stations"));
            assertTrue(g.size() > 0);
            g.find(Node.ANY, Vocab.inCommune, Node.ANY).forEachRemaining(t -> {
                assertTrue(t.getSubject().getURI().startsWith("https://regie.plaine-commune.example/id/"), t.toString());
                assertTrue(t.getObject().getURI().startsWith("https://regie.seine-saint-denis.example/id/commune/93"), t.toString());
            });
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
