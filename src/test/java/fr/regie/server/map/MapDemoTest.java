package fr.regie.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.access.Caller;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;

/**
 * The map on the Plaine Commune demo store, with the registry's access changed so that callers
 * differ: Vélib' stations restricted to the partner velib, SNCF ridership for partners. Every
 * figure of {@code /map/data} is compared, for every caller, with one computed apart in Java
 * from the raw graphs of the store (no SPARQL, no code of the map): per commune, then summed over
 * each unit's communes as the reference's {@code igeo:subdivisionDe} says, a dataset the caller
 * may not see giving no value at all. Outlines are checked for validity, coverage and size.
 */
class MapDemoTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "https://regie.plaine-commune.example/";
    static final String IGEO = "http://rdf.insee.fr/def/geo#";
    static final String REGIE = "https://w3id.org/regie#";
    static final Map<String, String> KEYS = Map.of("REGIE_KEY_VELIB", "k-velib", "REGIE_KEY_SNCF", "k-sncf", "REGIE_ADMIN_KEY", "k-admin");
    /** Caller key → datasets it may see, as this test's registry declares (the oracle's own model of access). */
    static final Map<String, Set<String>> SEES = new TreeMap<>(Map.of(
            "", Set.of("territory", "sncf-gares", "idfm-gares", "festivals"),
            "k-velib", Set.of("territory", "sncf-gares", "idfm-gares", "festivals", "velib-stations", "sncf-frequentation"),
            "k-sncf", Set.of("territory", "sncf-gares", "idfm-gares", "festivals", "sncf-frequentation"),
            "k-admin", Set.of("territory", "sncf-gares", "idfm-gares", "festivals", "velib-stations", "sncf-frequentation")));
    /** Indicator → numerator measure, denominator measure (or null), factor. */
    static final Map<String, Object[]> INDICATORS = Map.of(
            "population-2023", new Object[] {"population", null, 1.0},
            "velib-docks", new Object[] {"docks", null, 1.0},
            "velib-docks-per-1000", new Object[] {"docks", "population", 1000.0},
            "sncf-passengers-per-inhabitant", new Object[] {"passengers", "population", 1.0},
            "festivals-per-100k", new Object[] {"festivals", "population", 100000.0});
    static final Map<String, List<String>> MEASURE_DATASETS = Map.of("population", List.of("territory"),
            "docks", List.of("velib-stations"), "passengers", List.of("sncf-frequentation", "sncf-gares"), "festivals", List.of("festivals"));

    static Path dir;
    static ServerContext ctx;
    static TestServer server;
    /** Measure → commune → value, from the raw graphs. */
    static Map<String, Map<String, Double>> perCommune = new HashMap<>();
    /** Scale type → unit → its communes in force. */
    static Map<String, Map<String, Set<String>>> membersByScale = new HashMap<>();
    static Set<String> region11 = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("regie-map-");
        Path original = SharedDemo.REGISTRY.toAbsolutePath();
        String text = Files.readString(original);
        text = "@base <" + original.toUri() + "> .\n" + restrict(restrict(text, "velib-stations", "regie:Restricted ; regie:accessPartner <#velib>"),
                "sncf-frequentation", "regie:Partners")
                .replace("regie:adminKeyEnv \"REGIE_ADMIN_KEY\" .", "regie:adminKeyEnv \"REGIE_ADMIN_KEY\" ; "
                        + "regie:mapTiles \"https://tiles.example/{z}/{x}/{y}.png\" ; regie:mapTilesAttribution \"© <Example>\" .");
        Path registryFile = dir.resolve("registry.ttl");
        Files.writeString(registryFile, text);
        Registry registry = Registry.read(registryFile);
        ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, KEYS), ServerSettings.defaults(0), null, null);
        server = TestServer.start(ctx, List.of(new MapFeature(original.getParent().resolve("indicators.ttl"))));
        Txn.executeRead(ctx.store().dataset(), MapDemoTest::readOracle);
    }

    static String restrict(String registry, String dataset, String level) {
        int at = registry.indexOf("dct:identifier \"" + dataset + "\"");
        int pub = registry.indexOf("regie:accessLevel regie:Public", at);
        return registry.substring(0, pub) + "regie:accessLevel " + level + registry.substring(pub + "regie:accessLevel regie:Public".length());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(dir.resolve("registry.ttl"));
        Files.deleteIfExists(dir);
    }

    static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    static Graph graph(String dataset) {
        return ctx.store().dataset().getGraph(uri(BASE + "graph/" + dataset));
    }

    static List<Node> objects(Graph g, Node s, String p) {
        return g.find(s, uri(p), Node.ANY).mapWith(Triple::getObject).toList();
    }

    static double number(Node n) {
        return Double.parseDouble(n.getLiteralLexicalForm());
    }

    /** The oracle's figures, from the graphs as they are, walked triple by triple. */
    static void readOracle() {
        Graph t = graph("territory");
        Set<Node> communes = new HashSet<>(t.find(Node.ANY, RDF.Nodes.type, uri(IGEO + "Commune")).mapWith(Triple::getSubject).toList());
        Map<String, Double> population = new HashMap<>();
        for (Node c : communes) {
            for (Node p : objects(t, c, REGIE + "population")) {
                if (objects(t, p, REGIE + "referenceYear").stream().anyMatch(y -> number(y) == 2023)) {
                    for (Node v : objects(t, p, REGIE + "populationMunicipale")) {
                        population.merge(c.getURI(), number(v), Double::sum);
                    }
                }
            }
        }
        perCommune.put("population", population);
        Map<String, Double> docks = new HashMap<>();
        Graph velib = graph("velib-stations");
        velib.find(Node.ANY, RDF.Nodes.type, uri(REGIE + "BikeShareStation")).mapWith(Triple::getSubject).forEach(s -> {
            for (Node c : objects(velib, s, REGIE + "inCommune")) {
                objects(velib, s, REGIE + "dockCount").forEach(d -> docks.merge(c.getURI(), number(d), Double::sum));
            }
        });
        perCommune.put("docks", docks);
        Map<String, Double> passengers = new HashMap<>();
        Graph freq = graph("sncf-frequentation");
        Graph gares = graph("sncf-gares");
        freq.find(Node.ANY, RDF.Nodes.type, uri(REGIE + "RidershipObservation")).mapWith(Triple::getSubject).forEach(o -> {
            if (objects(freq, o, REGIE + "referenceYear").stream().noneMatch(y -> number(y) == 2024)) {
                return;
            }
            for (Node station : objects(freq, o, REGIE + "station")) {
                for (Node c : objects(gares, station, REGIE + "inCommune")) {
                    objects(freq, o, REGIE + "passengers").forEach(p -> passengers.merge(c.getURI(), number(p), Double::sum));
                }
            }
        });
        perCommune.put("passengers", passengers);
        Map<String, Double> festivals = new HashMap<>();
        Graph fg = graph("festivals");
        fg.find(Node.ANY, RDF.Nodes.type, uri("https://schema.org/Festival")).mapWith(Triple::getSubject)
                .forEach(f -> objects(fg, f, REGIE + "inCommune").forEach(c -> festivals.merge(c.getURI(), 1.0, Double::sum)));
        perCommune.put("festivals", festivals);
        for (String[] scale : new String[][] {{"ept", REGIE + "EtablissementPublicTerritorial"}, {"departement", IGEO + "Departement"},
                {"region", IGEO + "Region"}}) {
            Map<String, Set<String>> members = new TreeMap<>();
            for (Node c : communes) {
                for (Node u : objects(t, c, IGEO + "subdivisionDe")) {
                    if (t.contains(u, RDF.Nodes.type, uri(scale[1]))) {
                        members.computeIfAbsent(u.getURI(), k -> new TreeSet<>()).add(c.getURI());
                    }
                }
            }
            membersByScale.put(scale[0], members);
        }
        region11.addAll(membersByScale.get("region").get(BASE + "id/region/11"));
        Map<String, Set<String>> single = new TreeMap<>();
        region11.forEach(c -> single.put(c, Set.of(c)));
        membersByScale.put("commune", single);
    }

    static String[] key(String k) {
        return k.isEmpty() ? new String[0] : new String[] {"X-API-Key", k};
    }

    static JsonNode get(String path, String key) throws Exception {
        HttpResponse<String> r = server.get(path, key(key));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** The units of a scale that hold a commune of Île-de-France, with their communes (all of them). */
    static Map<String, Set<String>> expectedUnits(String scale) {
        Map<String, Set<String>> out = new TreeMap<>();
        membersByScale.get(scale).forEach((u, cs) -> {
            if (cs.stream().anyMatch(region11::contains)) {
                out.put(u, cs);
            }
        });
        return out;
    }

    static Double sum(String measure, Set<String> communes) {
        double s = 0;
        for (String c : communes) {
            s += perCommune.get(measure).getOrDefault(c, 0.0);
        }
        return s;
    }

    static void close(Double expected, JsonNode got, String what) {
        if (expected == null) {
            assertTrue(got == null || got.isNull(), what + ": expected null, got " + got);
        } else {
            assertNotNull(got, what);
            assertTrue(got.isNumber(), what + " is a JSON number: " + got);
            assertEquals(expected, got.asDouble(), Math.abs(expected) * 1e-9 + 1e-9, what);
        }
    }

    @Test
    void everyIndicatorAtEveryScaleIsTheRatioOfSumsOfItsCommunesForEveryCaller() throws Exception {
        int checked = 0;
        for (String caller : SEES.keySet()) {
            for (Map.Entry<String, Object[]> ind : INDICATORS.entrySet()) {
                String num = (String) ind.getValue()[0];
                String den = (String) ind.getValue()[1];
                double factor = (Double) ind.getValue()[2];
                Predicate<String> visible = m -> SEES.get(caller).containsAll(MEASURE_DATASETS.get(m));
                boolean available = visible.test(num) && (den == null || visible.test(den));
                for (String scale : List.of("commune", "ept", "departement")) {
                    JsonNode fc = get("/map/data?indicator=" + ind.getKey() + "&scale=" + scale + "&extent=region/11&zoom=8", caller);
                    assertEquals(available, fc.get("available").asBoolean(), ind.getKey() + " for " + caller);
                    Map<String, Set<String>> units = expectedUnits(scale);
                    Set<String> got = new TreeSet<>();
                    for (JsonNode f : fc.get("features")) {
                        String u = f.get("id").asText();
                        got.add(u);
                        JsonNode p = f.get("properties");
                        String what = ind.getKey() + " " + scale + " " + u + " for '" + caller + "'";
                        assertEquals(u, p.get("iri").asText());
                        assertEquals(server.base().replaceAll("/$", "") + "/" + u.substring(BASE.length()), p.get("url").asText(), what);
                        Set<String> cs = units.get(u);
                        assertNotNull(cs, what + " is not expected");
                        assertEquals(cs.size(), p.get("communes").asInt(), what);
                        if (!available) {
                            close(null, p.get("value"), what);
                            close(null, p.get("numerator"), what);
                            close(null, p.get("denominator"), what);
                            continue;
                        }
                        double n = sum(num, cs);
                        close(n, p.get("numerator"), what + " numerator");
                        if (den == null) {
                            close(n, p.get("value"), what + " value");
                        } else {
                            double d = sum(den, cs);
                            close(d, p.get("denominator"), what + " denominator");
                            close(d == 0 ? null : n / d * factor, p.get("value"), what + " value");
                        }
                        checked++;
                    }
                    assertEquals(units.keySet(), got, ind.getKey() + " " + scale + " units");
                }
            }
        }
        assertTrue(checked > 10_000, "figures checked: " + checked);
    }

    @Test
    void restrictedMeasuresAreNeverZeroForThoseWhoMayNotSeeThem() throws Exception {
        JsonNode anon = get("/map/data?indicator=velib-docks&scale=ept&extent=territory", "");
        assertFalse(anon.get("available").asBoolean());
        anon.get("features").forEach(f -> assertTrue(f.get("properties").get("value").isNull()));
        JsonNode list = get("/map/indicators", "k-sncf");
        Map<String, Boolean> avail = new HashMap<>();
        list.forEach(i -> avail.put(i.get("id").asText(), i.get("available").asBoolean()));
        assertEquals(Map.of("population-2023", true, "velib-docks", false, "velib-docks-per-1000", false,
                "sncf-passengers-per-inhabitant", true, "festivals-per-100k", true, "median-declared-income-2021", true,
                "median-standard-of-living-2021", true, "poverty-rate-2021", true, "tax-households-2021", true), avail);
        // One unit's figures: restricted ones are null for those who may not see them, never 0.
        JsonNode one = get("/map/value?indicator=velib-docks&unit=ept/200057867", "k-sncf");
        assertFalse(one.get("available").asBoolean());
        assertTrue(one.get("value").isNull());
        JsonNode theirs = get("/map/value?indicator=velib-docks&unit=ept/200057867", "k-velib");
        assertEquals(sum("docks", membersByScale.get("ept").get(BASE + "id/ept/200057867")), theirs.get("value").asDouble(), 1e-9);
        String page = server.get("/map?indicator=velib-docks&lang=en", key("k-sncf")).body();
        assertTrue(page.contains("not available to you"), "the page says it");
        // The points of a restricted layer: none for others, all of the extent for its partner.
        assertEquals(0, get("/map/points?layer=velib&extent=region/11", "k-sncf").get("features").size());
        JsonNode mine = get("/map/points?layer=velib&extent=region/11", "k-velib");
        long expected = Txn.calculateRead(ctx.store().dataset(), () -> graph("velib-stations")
                .find(Node.ANY, RDF.Nodes.type, uri(REGIE + "BikeShareStation")).mapWith(Triple::getSubject)
                .filterKeep(s -> objects(graph("velib-stations"), s, REGIE + "inCommune").stream().anyMatch(c -> region11.contains(c.getURI())))
                .toList().size());
        assertTrue(expected > 1000);
        assertEquals(expected, mine.get("features").size());
    }

    /** Query 04 of examples/queries (festivals per 100,000 by EPT), run apart, agrees with the map rounded as it rounds. */
    @Test
    void festivalsPer100kByEptAgreeWithTheAnalystsQuery() throws Exception {
        String q = Files.readString(Path.of("examples/queries/04-festivals-per-100k-by-ept.rq"));
        Map<String, Double> expected = new HashMap<>();
        Txn.executeRead(ctx.store().dataset(), () -> {
            try (QueryExec qe = ctx.query(Caller.ADMIN, QueryFactory.create(q), Map.of())) {
                qe.select().forEachRemaining(b -> expected.put(b.get("ept_code").getLiteralLexicalForm(), number(b.get("festivals_per_100k"))));
            }
        });
        assertEquals(11, expected.size(), expected.toString());
        JsonNode fc = get("/map/data?indicator=festivals-per-100k&scale=ept&extent=region/11", "");
        int n = 0;
        for (JsonNode f : fc.get("features")) {
            String code = f.get("properties").get("code").asText();
            assertEquals(expected.get(code), Math.round(f.get("properties").get("value").asDouble() * 100) / 100.0, 1e-9, code);
            n++;
        }
        assertEquals(expected.size(), n);
    }

    static final GeometryFactory GF = new GeometryFactory();

    static Geometry geometry(JsonNode g) {
        if (g == null || g.isNull()) {
            return null;
        }
        List<Polygon> polys = new ArrayList<>();
        if (g.get("type").asText().equals("Polygon")) {
            polys.add(polygon(g.get("coordinates")));
        } else {
            g.get("coordinates").forEach(p -> polys.add(polygon(p)));
        }
        return polys.size() == 1 ? polys.get(0) : GF.createMultiPolygon(polys.toArray(Polygon[]::new));
    }

    static Polygon polygon(JsonNode rings) {
        List<LinearRing> rs = new ArrayList<>();
        rings.forEach(r -> {
            List<Coordinate> cs = new ArrayList<>();
            r.forEach(c -> cs.add(new Coordinate(c.get(0).asDouble(), c.get(1).asDouble())));
            rs.add(GF.createLinearRing(cs.toArray(Coordinate[]::new)));
        });
        return GF.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(LinearRing[]::new));
    }

    @Test
    void outlinesAreValidNonEmptyAndBoundedAtEveryZoom() throws Exception {
        long previous = 0;
        for (int zoom = Geography.MIN_ZOOM; zoom <= Geography.MAX_ZOOM; zoom += 2) {
            HttpResponse<String> r = server.get("/map/data?indicator=population-2023&scale=commune&extent=region/11&zoom=" + zoom);
            assertEquals(200, r.statusCode());
            assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            JsonNode fc = JSON.readTree(r.body());
            assertEquals(region11.size(), fc.get("features").size());
            for (JsonNode f : fc.get("features")) {
                Geometry g = geometry(f.get("geometry"));
                assertNotNull(g, f.get("id").asText() + " has an outline");
                assertFalse(g.isEmpty(), f.get("id").asText());
                assertTrue(g.isValid(), f.get("id").asText() + " at zoom " + zoom + " is valid");
            }
            int size = r.body().length();
            assertTrue(size >= previous, "finer zooms give more detail");
            assertTrue(size < 4_000_000, "zoom " + zoom + ": " + size + " bytes");
            previous = size;
        }
        // The same at every coarser scale, for its units.
        for (String scale : List.of("ept", "epci", "departement")) {
            JsonNode fc = get("/map/data?indicator=population-2023&scale=" + scale + "&extent=region/11&zoom=6", "");
            for (JsonNode f : fc.get("features")) {
                Geometry g = geometry(f.get("geometry"));
                assertTrue(g != null && !g.isEmpty() && g.isValid(), scale + " " + f.get("id").asText());
            }
        }
    }

    @Test
    void anEptsOutlineCoversEachOfItsCommunes() throws Exception {
        int zoom = 12;
        double tolerance = Geography.tolerance(zoom);
        JsonNode ept = get("/map/data?indicator=population-2023&scale=ept&extent=ept/200057867&zoom=" + zoom, "");
        assertEquals(1, ept.get("features").size());
        Geometry union = geometry(ept.get("features").get(0).get("geometry"));
        JsonNode communes = get("/map/data?indicator=population-2023&scale=commune&extent=ept/200057867&zoom=" + zoom, "");
        assertEquals(8, communes.get("features").size());
        Geometry slack = union.buffer(3 * tolerance);
        double area = 0;
        for (JsonNode f : communes.get("features")) {
            Geometry c = geometry(f.get("geometry"));
            assertTrue(slack.covers(c), f.get("id").asText() + " lies within the EPT's outline");
            area += c.getArea();
        }
        assertEquals(union.getArea(), area, union.getArea() * 0.02, "the communes fill the EPT");
    }

    @Test
    void badParametersAreNamed() throws Exception {
        String[][] cases = {
                {"/map/data?scale=commune", "400", "indicator"},
                {"/map/data?indicator=%3Cscript%3E", "400", "indicator"},
                {"/map/data?indicator=velib-docks%27%20%7D%20DROP", "400", "indicator"},
                {"/map/data?indicator=velib-docks&scale=canton", "400", "scale"},
                {"/map/value?indicator=velib-docks&unit=arrondissement-municipal/75101", "400", "unit"},
                {"/map/value?indicator=velib-docks&unit=commune/99999", "404", "unit"},
                {"/map/value?indicator=velib-docks", "400", "unit"},
                {"/map/data?indicator=velib-docks&extent=region/99", "404", "extent"},
                {"/map/data?indicator=velib-docks&extent=region/11%3E%20%7D", "400", "extent"},
                {"/map/data?indicator=velib-docks&extent=http://evil.example/x", "400", "extent"},
                {"/map/data?indicator=velib-docks&extent=commune/" + "9".repeat(13), "400", "extent"},
                {"/map/data?indicator=velib-docks&zoom=99999999999999999999", "400", "zoom"},
                {"/map/data?indicator=velib-docks&zoom=-1", "400", "zoom"},
                {"/map/data?indicator=velib-docks&indicator=population-2023", "400", "indicator"},
                {"/map/data?indicator=velib-docks&limit=1", "400", "limit"},
                {"/map/points?layer=secret", "400", "layer"},
                {"/map/points?layer=velib&extent=departement/00", "404", "extent"},
                {"/map/nothing", "404", "map"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.get(c[0]);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0] + " → " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), c[0]);
            assertTrue(r.body().contains(c[2]), c[0] + " names " + c[2] + ": " + r.body());
            assertFalse(r.body().contains("<script>"), c[0]);
        }
    }

    @Test
    void thePageIsInBothLanguagesWithItsHooksAndEscapesWhatItIsGiven() throws Exception {
        for (String lang : List.of("fr", "en")) {
            HttpResponse<String> r = server.get("/map?indicator=velib-docks-per-1000&scale=ept&extent=region/11&classes=jenks&lang=" + lang);
            assertEquals(200, r.statusCode());
            String html = r.body();
            assertTrue(html.contains("<html lang=\"" + lang + "\""), lang);
            for (String hook : List.of("id=\"map\"", "id=\"indicator\"", "id=\"scale\"", "id=\"extent\"", "id=\"classes\"", "id=\"map-table\"",
                    "<label for=\"indicator\"", "assets/map.js", "leaflet.js")) {
                assertTrue(html.contains(hook), lang + " has " + hook);
            }
            assertTrue(html.contains("<option value=\"ept\" selected>"), "the scale of the URL is selected");
            assertTrue(html.contains("<option value=\"iris\">") && html.contains("<option value=\"region\">"), "IRIS and régions are offered");
            assertTrue(html.contains("<option value=\"region/11\" selected>"), "the extent of the URL is selected");
            assertTrue(html.contains("<option value=\"departement/93\""), "the territory's département is offered");
        }
        String paris = server.get("/map?indicator=population-2023&extent=departement/75").body();
        assertTrue(paris.contains("<option value=\"departement/75\" selected>Paris</option>"), "a link to another extent keeps it");
        String hostile = server.get("/map?indicator=%3Cscript%3Ealert(1)%3C/script%3E&extent=%22%3E%3Cscript%3E&scale=%3Cb%3E").body();
        assertFalse(hostile.contains("<script>alert"), "nothing of the URL is echoed raw");
        assertFalse(hostile.contains("\"><script>"));
        int config = hostile.indexOf("id=\"map-config\">");
        String json = hostile.substring(config + 16, hostile.indexOf("</script>", config));
        assertFalse(json.contains("<"), "the inline JSON holds no '<'");
        JsonNode cfg = JSON.readTree(json);
        assertEquals("https://tiles.example/{z}/{x}/{y}.png", cfg.get("tiles").asText(), "the registry's base map");
        assertEquals("© <Example>", cfg.get("tilesAttribution").asText());
    }
}
