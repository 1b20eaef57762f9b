package fr.regie.server.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.Html;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;
import fr.regie.server.http.MediaFormat;

/**
 * Resources of the Plaine Commune demo store: a Vélib' station's HTML page (its territories up to
 * the région, computed here through SPARQL; linked resources with their labels; its dataset,
 * publisher and licence from the registry), a commune's JSON-LD, and an IRI with non-ASCII
 * characters.
 */
class ResourceDemoTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIXES = """
            PREFIX regie: <https://w3id.org/regie#>
            PREFIX igeo: <http://rdf.insee.fr/def/geo#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            """;
    static Store store;
    static Registry registry;
    static String base;
    static TestServer server;

    @BeforeAll
    static void start() {
        store = SharedDemo.store();
        registry = SharedDemo.registry();
        base = registry.territory().baseIri();
        ServerContext ctx = new ServerContext(registry, store, Access.of(registry, Map.of()), ServerSettings.defaults(0), null, null);
        server = TestServer.start(ctx, List.of(new ResourceFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<Map<String, String>> select(String query) {
        return Txn.calculateRead(store.dataset(), () -> {
            List<Map<String, String>> rows = new ArrayList<>();
            try (QueryExec qe = QueryExec.dataset(store.dataset()).query(QueryFactory.create(PREFIXES + query)).build()) {
                RowSet rs = qe.select();
                while (rs.hasNext()) {
                    Binding b = rs.next();
                    Map<String, String> row = new LinkedHashMap<>();
                    b.vars().forEachRemaining(v -> {
                        var n = b.get(v);
                        row.put(v.getVarName(), n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
                    });
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    /** The local path of an IRI under the base. */
    static String path(String iri) {
        return "/" + iri.substring(base.length());
    }

    static String nav(String html) {
        int start = html.indexOf("<nav class=\"chain\"");
        assertTrue(start >= 0, "no territory chain in the page");
        return html.substring(start, html.indexOf("</nav>", start));
    }

    @Test
    void aVelibStationPageShowsItsTerritoriesUpToTheRegion() throws Exception {
        Map<String, String> station = select("""
                SELECT ?s ?name ?c ?cl ?ept ?eptl ?dep ?depl ?reg ?regl WHERE {
                  ?s a regie:BikeShareStation ; <https://schema.org/name> ?name ; regie:inCommune ?c .
                  ?c rdfs:label ?cl ; regie:memberOf ?ept ; igeo:subdivisionDirecteDe ?dep .
                  ?ept a regie:EtablissementPublicTerritorial ; rdfs:label ?eptl .
                  ?dep a igeo:Departement ; rdfs:label ?depl ; igeo:subdivisionDirecteDe ?reg .
                  ?reg a igeo:Region ; rdfs:label ?regl .
                  FILTER(STR(?eptl) = "Plaine Commune")
                } ORDER BY ?s LIMIT 1""").get(0);
        HttpResponse<String> page = server.get(path(station.get("s")), "Accept", "text/html");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("<h1>" + Html.esc(station.get("name")) + "</h1>"), html);

        String nav = nav(html);
        int previous = -1;
        for (String key : List.of("c", "ept", "dep", "reg")) {
            String link = "<a href=\"" + server.base() + path(station.get(key)) + "\">" + Html.esc(station.get(key + "l")) + "</a>";
            int at = nav.indexOf(link);
            assertTrue(at > previous, key + " missing or out of order: " + link + " in " + nav);
            previous = at;
        }
        // Every territory the commune lies in, and nothing else.
        List<Map<String, String>> within = select("SELECT ?t WHERE { <" + station.get("c") + "> igeo:subdivisionDe ?t }");
        assertEquals(within.size() + 1, nav.split("<li>").length - 1, nav);
        for (Map<String, String> t : within) {
            assertTrue(nav.contains(server.base() + path(t.get("t"))), t + " in " + nav);
        }

        // The linked commune with its label, the dataset with its publisher and licence.
        assertTrue(html.contains("<a href=\"" + server.base() + path(station.get("c")) + "\">" + Html.esc(station.get("cl")) + "</a>"), html);
        DatasetSpec velib = registry.dataset("velib-stations").orElseThrow();
        assertTrue(html.contains(Html.esc(velib.title())), html);
        assertTrue(html.contains(Html.esc(velib.publisherName())), html);
        velib.license().ifPresent(l -> assertTrue(html.contains(Html.esc(l.getURI())), html));
        assertFalse(html.contains("Vélib' "), "apostrophes are escaped");
        for (MediaFormat f : List.of(MediaFormat.JSONLD, MediaFormat.TURTLE, MediaFormat.NTRIPLES, MediaFormat.RDFXML)) {
            assertTrue(html.contains("href=\"" + server.base() + path(station.get("s")) + f.suffix() + "\""), f.name());
        }
    }

    @Test
    void aDepartementsChainIsItselfAndItsRegion() throws Exception {
        String html = server.get("/id/departement/93.html").body();
        String nav = nav(html);
        assertTrue(nav.indexOf("Seine-Saint-Denis") < nav.indexOf("Île-de-France") && nav.indexOf("Seine-Saint-Denis") > 0, nav);
        assertEquals(2, nav.split("<li>").length - 1, nav);
    }

    @Test
    void aCommuneInJsonLdUsesTheContextAndMeansWhatTurtleMeans() throws Exception {
        String commune = "/id/commune/93066";
        JsonNode doc = JSON.readTree(server.get(commune).body());
        assertEquals("Commune", doc.get("type").asText());
        assertEquals(base + "id/departement/93", doc.get("parent").asText());
        assertTrue(doc.get("within").isArray() && doc.get("memberOf").isArray(), doc.toString());
        int within = select("SELECT ?t WHERE { <" + base + "id/commune/93066> igeo:subdivisionDe ?t }").size();
        assertEquals(within, doc.get("within").size());
        Graph turtle = GraphFactory.createDefaultGraph();
        RDFParser.fromString(server.get(commune + ".ttl").body(), Lang.TURTLE).parse(turtle);
        ((ObjectNode) doc).set("@context", JSON.readTree(server.get("/context.jsonld").body()).get("@context"));
        Graph jsonLd = GraphFactory.createDefaultGraph();
        RDFParser.fromString(JSON.writeValueAsString(doc), Lang.JSONLD).parse(jsonLd);
        assertTrue(turtle.isIsomorphicWith(jsonLd));
    }

    /** An IRI path as a client sends it: non-ASCII characters percent-encoded in UTF-8 (RFC 3987, 3.1). */
    static String asciiOnly(String iriPath) {
        StringBuilder b = new StringBuilder();
        for (byte x : iriPath.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            b.append(x >= 0 ? Character.toString(x) : String.format("%%%02X", x & 0xff));
        }
        return b.toString();
    }

    @Test
    void iriWithNonAsciiCharactersDereferences() throws Exception {
        List<Map<String, String>> rows = select("""
                SELECT ?s WHERE { ?s a <https://schema.org/Festival> FILTER(REGEX(STR(?s), "[é]") && !CONTAINS(STR(?s), "?")
                  && !CONTAINS(STR(?s), "#")) } ORDER BY ?s LIMIT 1""");
        assertFalse(rows.isEmpty(), "the demo has festivals with accents in their IRIs");
        String iri = rows.get(0).get("s");
        String uri = server.base() + asciiOnly(path(iri));
        HttpResponse<String> r = server.client().send(java.net.http.HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), uri + " " + r.body());
        assertEquals(iri, JSON.readTree(r.body()).get("id").asText());
        assertEquals(uri + ".jsonld", r.headers().firstValue("Content-Location").orElseThrow(), "headers are ASCII");
    }

    @Test
    void aStationsGeoJsonIsItsWktLongitudeFirstWithTypedProperties() throws Exception {
        Map<String, String> st = select("""
                SELECT ?s ?wkt ?docks ?lat WHERE {
                  ?s a regie:BikeShareStation ; <http://www.opengis.net/ont/geosparql#hasGeometry>/<http://www.opengis.net/ont/geosparql#asWKT> ?wkt ;
                     regie:dockCount ?docks ; <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ; regie:inCommune <%sid/commune/93066> .
                } ORDER BY ?s LIMIT 1""".formatted(base)).get(0);
        HttpResponse<String> r = server.get(path(st.get("s")), "Accept", "application/geo+json");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"));
        JsonNode f = JSON.readTree(r.body());
        assertEquals("Feature", f.get("type").asText());
        assertEquals(st.get("s"), f.get("id").asText());
        JsonNode c = f.get("geometry").get("coordinates");
        org.locationtech.jts.geom.Geometry wkt = new org.locationtech.jts.io.WKTReader().read(st.get("wkt"));
        assertEquals(wkt.getCoordinate().x, c.get(0).asDouble(), 0.0);
        assertEquals(wkt.getCoordinate().y, c.get(1).asDouble(), 0.0);
        // Saint-Denis lies near 2.36 E, 48.93 N: longitude first (RFC 7946).
        assertTrue(c.get(0).asDouble() > 2.2 && c.get(0).asDouble() < 2.5 && c.get(1).asDouble() > 48.8 && c.get(1).asDouble() < 49.0, c.toString());
        JsonNode p = f.get("properties");
        assertTrue(p.get("docks").isNumber() && p.get("docks").asText().equals(st.get("docks")), p.toString());
        assertTrue(p.get("inService").isBoolean(), p.toString());
        assertTrue(p.get("lat").isNumber() && new java.math.BigDecimal(p.get("lat").asText()).compareTo(new java.math.BigDecimal(st.get("lat"))) == 0, p.toString());
        assertEquals(r.body(), server.get(path(st.get("s")) + ".geojson").body(), "the suffix gives the same");
    }

    /** A GeoJSON Polygon or MultiPolygon read back into JTS, for comparing with the WKT it came from. */
    static org.locationtech.jts.geom.Geometry polygons(JsonNode g) {
        var f = new org.locationtech.jts.geom.GeometryFactory();
        java.util.function.Function<JsonNode, org.locationtech.jts.geom.Polygon> polygon = rings -> {
            List<org.locationtech.jts.geom.LinearRing> rs = new ArrayList<>();
            for (JsonNode ring : rings) {
                List<org.locationtech.jts.geom.Coordinate> cs = new ArrayList<>();
                ring.forEach(p -> cs.add(new org.locationtech.jts.geom.Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
                rs.add(f.createLinearRing(cs.toArray(org.locationtech.jts.geom.Coordinate[]::new)));
            }
            return f.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(org.locationtech.jts.geom.LinearRing[]::new));
        };
        if (g.get("type").asText().equals("Polygon")) {
            return polygon.apply(g.get("coordinates"));
        }
        List<org.locationtech.jts.geom.Polygon> ps = new ArrayList<>();
        g.get("coordinates").forEach(p -> ps.add(polygon.apply(p)));
        return f.createMultiPolygon(ps.toArray(org.locationtech.jts.geom.Polygon[]::new));
    }

    @Test
    void aCommunesGeoJsonIsItsLatestBoundariesAndItsPageShowsItsPopulationInline() throws Exception {
        List<Map<String, String>> latest = select("""
                SELECT ?wkt WHERE { ?b a regie:Boundary ; regie:inCommune <%1$sid/commune/93066> ; regie:vintage ?v ;
                  <http://www.opengis.net/ont/geosparql#hasGeometry>/<http://www.opengis.net/ont/geosparql#asWKT> ?wkt
                  { SELECT (MAX(?w) AS ?v) WHERE { ?c a regie:Boundary ; regie:inCommune <%1$sid/commune/93066> ; regie:vintage ?w } } }
                """.formatted(base));
        assertFalse(latest.isEmpty());
        List<org.locationtech.jts.geom.Geometry> parts = new ArrayList<>();
        for (Map<String, String> row : latest) {
            parts.add(new org.locationtech.jts.io.WKTReader().read(row.get("wkt")));
        }
        org.locationtech.jts.geom.Geometry expected = org.locationtech.jts.operation.union.UnaryUnionOp.union(parts);
        JsonNode f = JSON.readTree(server.get("/id/commune/93066.geojson").body());
        org.locationtech.jts.geom.Geometry back = polygons(f.get("geometry"));
        assertTrue(back.isValid(), back.toText());
        assertEquals(0, expected.symDifference(back).getArea(), 1e-9, "the outline is the union of the latest boundaries");
        String html = server.get("/id/commune/93066", "Accept", "text/html").body();
        assertTrue(html.contains("id=\"resource-map\""), "a commune with an outline has its map");
        List<Map<String, String>> pop = select("""
                SELECT ?p ?v WHERE { <%sid/commune/93066> regie:population ?n . ?n ?p ?v FILTER(isLiteral(?v)) }""".formatted(base));
        assertFalse(pop.isEmpty());
        for (Map<String, String> row : pop) {
            assertTrue(html.contains("data-value=\"" + row.get("v") + "\""), row + " inline");
        }
        assertTrue(html.contains(">2023</span>"), "a year is not grouped");
        // A territory's outline is its communes' union: the EPT Plaine Commune covers its 8 communes exactly.
        List<Map<String, String>> members = select(
                "SELECT ?c WHERE { ?c a igeo:Commune ; igeo:subdivisionDe <" + base + "id/ept/200057867> }");
        double sum = 0;
        for (Map<String, String> m : members) {
            sum += polygons(JSON.readTree(server.get(path(m.get("c")) + ".geojson").body()).get("geometry")).getArea();
        }
        org.locationtech.jts.geom.Geometry ept = polygons(JSON.readTree(server.get("/id/ept/200057867.geojson").body()).get("geometry"));
        assertEquals(sum, ept.getArea(), sum * 1e-6, "communes do not overlap: the union's area is the sum of theirs");
        // A region has too many communes to join per request: no geometry.
        assertEquals(404, server.get("/id/region/11.geojson").statusCode());
        assertEquals(406, server.get("/id/region/11", "Accept", "application/geo+json").statusCode());
    }

    @Test
    void aResourceWithoutGeometryMapsItsCommunesOutline() throws Exception {
        List<Map<String, String>> rows = select("""
                SELECT ?s ?c WHERE { ?s regie:inCommune ?c . ?b a regie:Boundary ; regie:inCommune ?c .
                  FILTER NOT EXISTS { ?s <http://www.opengis.net/ont/geosparql#hasGeometry> ?g }
                  FILTER NOT EXISTS { ?s <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?l }
                  FILTER NOT EXISTS { ?s a regie:Boundary } } ORDER BY ?s LIMIT 1""");
        org.junit.jupiter.api.Assumptions.assumeFalse(rows.isEmpty(), "every placed resource of the demo has a geometry");
        String html = server.get(asciiOnly(path(rows.get(0).get("s"))), "Accept", "text/html").body();
        assertTrue(html.contains("id=\"resource-map\"") && html.contains("data-src=\"" + server.base() + path(rows.get(0).get("c")) + ".geojson\""), html);
        assertEquals(404, server.get(asciiOnly(path(rows.get(0).get("s"))) + ".geojson").statusCode(), "its own GeoJSON stays 404");
    }
}
