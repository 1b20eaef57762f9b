package fr.regie.server.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

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
 * The demo's taps ({@code examples/plaine-commune/taps/}) on the Plaine Commune demo store, each
 * answer compared with one computed apart: plain SPARQL lookups summed in Java, and distances
 * measured in Java on the outlines.
 */
class DemoTapsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "https://regie.plaine-commune.example/";
    static final String PREFIXES = """
            PREFIX igeo: <http://rdf.insee.fr/def/geo#>
            PREFIX regie: <https://w3id.org/regie#>
            PREFIX schema: <https://schema.org/>
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
            """;
    static final List<String> STATION_GRAPHS = List.of("velib-stations", "sncf-gares", "idfm-gares");

    static ServerContext ctx;
    static TestServer server;

    @BeforeAll
    static void start() {
        Registry registry = SharedDemo.registry();
        ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, Map.of()), ServerSettings.defaults(0), null, null);
        server = TestServer.start(ctx, List.of(new TapFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A lookup on the store, apart from the taps. */
    static List<Binding> select(String query) {
        return Txn.calculateRead(ctx.store().dataset(), () -> {
            try (QueryExec qe = ctx.query(Caller.ADMIN, QueryFactory.create(PREFIXES + query), Map.of())) {
                List<Binding> out = new ArrayList<>();
                // Copied inside the transaction: the store's bindings resolve their terms lazily.
                qe.select().forEachRemaining(b -> {
                    BindingBuilder copy = BindingFactory.builder();
                    b.forEach(copy::add);
                    out.add(copy.build());
                });
                return out;
            }
        });
    }

    static JsonNode rows(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("@graph");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * As GeoJSON, a row is a feature: its geometry the station's point, longitude first, with the
     * numbers the store holds (read here from the WKT with SPARQL), its properties the row's other values.
     */
    @Test
    void stationsAsGeoJsonAreFeaturesAtTheirPoints() throws Exception {
        HttpResponse<String> r = server.get("/api/stations-near?commune=93066&limit=1000", "Accept", "application/geo+json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode fc = JSON.readTree(r.body());
        assertEquals("FeatureCollection", fc.get("type").asText());
        JsonNode rows = rows("/api/stations-near?commune=93066&limit=1000");
        assertEquals(rows.size(), fc.get("features").size());
        int withPoint = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode f = fc.get("features").get(i);
            String station = rows.get(i).get("station").get("@id").asText();
            assertEquals(station, f.get("properties").get("station").get("@id").asText(), "same order as the rows");
            assertFalse(f.get("properties").has("geometry"), "the geometry is not repeated as a property");
            List<Binding> wkt = select("PREFIX geo: <http://www.opengis.net/ont/geosparql#> SELECT ?w WHERE { GRAPH ?g { <" + station
                    + "> geo:hasGeometry/geo:asWKT ?w } }");
            if (wkt.isEmpty()) {
                assertTrue(f.get("geometry").isNull(), station);
                continue;
            }
            withPoint++;
            String[] lonLat = wkt.get(0).get("w").getLiteralLexicalForm().replaceAll(".*POINT\\s*\\(", "").replace(")", "").trim().split("\\s+");
            assertEquals("Point", f.get("geometry").get("type").asText());
            assertEquals(new java.math.BigDecimal(lonLat[0]), f.get("geometry").get("coordinates").get(0).decimalValue(), station);
            assertEquals(new java.math.BigDecimal(lonLat[1]), f.get("geometry").get("coordinates").get(1).decimalValue(), station);
        }
        assertTrue(withPoint > 10, withPoint + " stations with a point");
    }

    @Test
    void stationsOfACommuneAreThoseRegiePlacedThere() throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (String g : STATION_GRAPHS) {
            for (Binding b : select("SELECT ?s WHERE { GRAPH <" + BASE + "graph/" + g + "> { ?s regie:inCommune <" + BASE + "id/commune/93066> } }")) {
                expected.put(b.get("s").getURI(), g);
            }
        }
        Map<String, String> got = new HashMap<>();
        rows("/api/stations-near?commune=93066&limit=1000").forEach(r -> {
            got.put(r.get("station").get("@id").asText(), r.get("source").asText());
            assertEquals(0, r.get("distance_m").asInt());
            assertEquals("93066", r.get("commune_code").asText());
        });
        assertEquals(expected, got);
        assertEquals(Set.copyOf(STATION_GRAPHS), Set.copyOf(got.values()), "Vélib', SNCF and IDFM stations");
    }

    @Test
    void stationsNearACommuneAreWithinTheRadiusOfItsOutlines() throws Exception {
        int radius = 500;
        // The outlines of Saint-Denis today: its own and Pierrefitte's (a commune déléguée since 2025).
        List<Geometry> outlines = new ArrayList<>();
        WKTReader wkt = new WKTReader();
        for (Binding b : select("SELECT ?w WHERE { ?o a regie:Boundary ; regie:vintage 2018 ; igeo:codeINSEE ?code ;"
                + " geo:hasGeometry/geo:asWKT ?w FILTER (STR(?code) IN (\"93066\", \"93059\")) }")) {
            outlines.add(wkt.read(b.get("w").getLiteralLexicalForm().replaceFirst("^<[^>]+>\\s*", "")));
        }
        assertEquals(2, outlines.size());
        // Every station of another commune, with its distance measured here.
        Map<String, Double> near = new HashMap<>();
        Set<String> borderline = new HashSet<>();
        for (String g : STATION_GRAPHS) {
            for (Binding b : select("SELECT ?s ?lat ?long WHERE { GRAPH <" + BASE + "graph/" + g + "> { ?s regie:inCommune ?c ;"
                    + " wgs:lat ?lat ; wgs:long ?long ; schema:name ?n } FILTER (?c != <" + BASE + "id/commune/93066>)"
                    + " FILTER (?lat > 48.85 && ?lat < 49.0 && ?long > 2.2 && ?long < 2.55) }")) {
                double lat = Double.parseDouble(b.get("lat").getLiteralLexicalForm());
                double lon = Double.parseDouble(b.get("long").getLiteralLexicalForm());
                double d = outlines.stream().mapToDouble(o -> metres(lon, lat, o)).min().orElseThrow();
                if (Math.abs(d - radius) < 3) {
                    borderline.add(b.get("s").getURI());
                } else if (d <= radius) {
                    near.put(b.get("s").getURI(), d);
                }
            }
        }
        assertFalse(near.isEmpty());
        Map<String, Double> got = new HashMap<>();
        rows("/api/stations-near?commune=93066&radius=" + radius + "&limit=1000").forEach(r -> {
            if (r.get("commune_code").asText().equals("93066")) {
                return;
            }
            got.put(r.get("station").get("@id").asText(), r.get("distance_m").asDouble());
        });
        got.keySet().removeAll(borderline);
        assertEquals(near.keySet(), got.keySet());
        near.forEach((s, d) -> assertEquals(d, got.get(s), 3.0, s));
    }

    /**
     * The distance in metres from a point to a polygon: 0 inside, else the shortest distance to
     * its edges, measured in a plane tangent at the point (metres east and north).
     */
    static double metres(double lon, double lat, Geometry polygon) {
        GeometryFactory f = polygon.getFactory();
        if (polygon.contains(f.createPoint(new Coordinate(lon, lat)))) {
            return 0;
        }
        double r = 6_371_008.8;
        double kx = Math.toRadians(1) * r * Math.cos(Math.toRadians(lat));
        double ky = Math.toRadians(1) * r;
        Coordinate[] cs = polygon.getCoordinates();
        double best = Double.MAX_VALUE;
        for (int i = 0; i + 1 < cs.length; i++) {
            double ax = (cs[i].x - lon) * kx, ay = (cs[i].y - lat) * ky;
            double bx = (cs[i + 1].x - lon) * kx, by = (cs[i + 1].y - lat) * ky;
            double dx = bx - ax, dy = by - ay;
            double len = dx * dx + dy * dy;
            double t = len == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
            best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
        }
        return best;
    }

    @Test
    void indicatorsSumTheCommunesOfEveryScale() throws Exception {
        Map<String, long[]> byCommune = new HashMap<>();
        for (Binding b : select("SELECT ?c ?p WHERE { ?c a igeo:Commune ; regie:population [ regie:referenceYear 2023 ; regie:populationMunicipale ?p ] }")) {
            byCommune.computeIfAbsent(b.get("c").getURI(), k -> new long[7])[0] = Long.parseLong(b.get("p").getLiteralLexicalForm());
        }
        count(byCommune, "velib-stations", "?s regie:inCommune ?c ; regie:dockCount ?d", 1);
        count(byCommune, "sncf-gares", "?s a regie:RailStation ; regie:inCommune ?c", 3);
        count(byCommune, "idfm-gares", "?s a regie:RailStation ; regie:inCommune ?c", 4);
        count(byCommune, "festivals", "?s a schema:Festival ; regie:inCommune ?c", 5);
        for (String unit : List.of("commune/93066", "ept/200057867", "departement/93", "region/11")) {
            Set<String> communes = new HashSet<>();
            if (unit.startsWith("commune/")) {
                communes.add(BASE + "id/" + unit);
            } else {
                select("SELECT ?c WHERE { ?c a igeo:Commune ; igeo:subdivisionDe <" + BASE + "id/" + unit + "> }")
                        .forEach(b -> communes.add(b.get("c").getURI()));
            }
            long[] sum = new long[7];
            for (String c : communes) {
                long[] v = byCommune.getOrDefault(c, new long[7]);
                for (int i = 0; i < 7; i++) {
                    sum[i] += v[i];
                }
            }
            JsonNode rows = rows("/api/indicators?territory=" + unit);
            assertEquals(1, rows.size(), unit);
            JsonNode row = rows.get(0);
            assertEquals(BASE + "id/" + unit, row.get("territory").get("@id").asText());
            assertEquals(communes.size(), row.get("communes").asLong(), unit);
            assertEquals(sum[0], row.get("population_2023").asLong(), unit);
            assertEquals(sum[1], row.get("velib_stations").asLong(), unit);
            assertEquals(sum[2], row.get("velib_docks").asLong(), unit);
            assertEquals(sum[3], row.get("sncf_stations").asLong(), unit);
            assertEquals(sum[4], row.get("idfm_stations").asLong(), unit);
            assertEquals(sum[5], row.get("festivals").asLong(), unit);
            assertTrue(sum[0] > 0 && sum[1] > 0 && sum[4] > 0, unit);
        }
        // The full IRI is the same territory; anything else is refused.
        assertEquals(rows("/api/indicators?territory=ept/200057867"), rows("/api/indicators?territory=" + enc(BASE + "id/ept/200057867")));
        assertEquals(400, server.get("/api/indicators?territory=" + enc("ept/200057867> } UNION { ?s ?p ?o")).statusCode());
        assertEquals(400, server.get("/api/indicators?territory=festival/1").statusCode());
    }

    /** Adds, per commune, the count of a graph's records (and at index+1 the sum of ?d when the pattern binds it). */
    private static void count(Map<String, long[]> byCommune, String graph, String pattern, int index) {
        boolean docks = pattern.contains("?d");
        for (Binding b : select("SELECT ?c (COUNT(?s) AS ?n) " + (docks ? "(SUM(?d) AS ?docks) " : "") + "WHERE { GRAPH <" + BASE
                + "graph/" + graph + "> { " + pattern + " } } GROUP BY ?c")) {
            long[] v = byCommune.computeIfAbsent(b.get("c").getURI(), k -> new long[7]);
            v[index] = Long.parseLong(b.get("n").getLiteralLexicalForm());
            if (docks) {
                v[index + 1] = Long.parseLong(b.get("docks").getLiteralLexicalForm());
            }
        }
    }

    @Test
    void childrenOfATerritoryAtEachLevel() throws Exception {
        for (String[] unit : new String[][] {{"region/11", "igeo:subdivisionDirecteDe"}, {"departement/93", "igeo:subdivisionDirecteDe"},
                {"ept/200057867", "regie:memberOf"}, {"commune/93066", "igeo:subdivisionDirecteDe"}}) {
            String iri = BASE + "id/" + unit[0];
            Map<String, String> expected = new HashMap<>();
            select("SELECT ?c ?name WHERE { ?c " + unit[1] + " <" + iri + "> ; igeo:nom ?name }")
                    .forEach(b -> expected.put(b.get("c").getURI(), b.get("name").getLiteralLexicalForm()));
            HttpResponse<String> r = server.get("/api/children?territory=" + unit[0] + "&limit=1000", "Accept", "text/turtle");
            assertEquals(200, r.statusCode(), r.body());
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.create().source(new StringReader(r.body())).lang(Lang.TURTLE).parse(g);
            Map<String, String> got = new HashMap<>();
            QueryExec.graph(g).query(PREFIXES + "SELECT ?c ?name WHERE { ?c igeo:nom ?name ; igeo:codeINSEE ?code }").select()
                    .forEachRemaining(b -> got.put(b.get("c").getURI(), b.get("name").getLiteralLexicalForm()));
            assertEquals(expected, got, unit[0]);
            assertFalse(expected.isEmpty(), unit[0]);
        }
        // The EPT's communes with their population, as JSON-LD in the territory's terms.
        Map<String, Long> population = new HashMap<>();
        select("SELECT ?c ?p WHERE { ?c regie:memberOf <" + BASE + "id/ept/200057867> ; regie:population [ regie:referenceYear 2023 ;"
                + " regie:populationMunicipale ?p ] }").forEach(b -> population.put(b.get("c").getURI(), Long.parseLong(b.get("p").getLiteralLexicalForm())));
        JsonNode doc = JSON.readTree(server.get("/api/children?territory=ept/200057867").body());
        assertTrue(doc.get("@context").has("memberOf"), "compacted with ontology/context.jsonld");
        Map<String, String> populationNode = new HashMap<>();
        Map<String, Long> figures = new HashMap<>();
        for (JsonNode n : doc.get("@graph")) {
            if (n.has("memberOf")) {
                assertEquals("Commune", n.get("type").asText());
                populationNode.put(n.get("id").asText(), n.get("population").asText());
            } else {
                figures.put(n.get("id").asText(), n.get("populationMunicipale").asLong());
            }
        }
        Map<String, Long> got = new HashMap<>();
        populationNode.forEach((c, p) -> got.put(c, figures.get(p)));
        assertEquals(population, got);
    }
}
