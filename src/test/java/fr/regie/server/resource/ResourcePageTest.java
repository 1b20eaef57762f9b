package fr.regie.server.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.store.GraphNames;

/**
 * Resource pages for every caller: the sections of incoming links are, property by property and
 * type by type, what a separate SPARQL count over the graphs the registry lets that caller read
 * finds (capped lists, exact counts), so a restricted station never shows in its commune's page
 * for anyone else; the page is in the shared layout, in French and English; GeoJSON is refused
 * for what has no geometry.
 */
class ResourcePageTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new ResourceFeature()));

    static final String[][] CALLERS = {{null, null}, {"k-velib", "velib"}, {"k-sncf", "sncf"}, {"k-admin", null}};
    static final Pattern SECTION = Pattern.compile(
            "<section class=\"incoming\" data-property=\"([^\"]*)\" data-type=\"([^\"]*)\" data-count=\"(\\d+)\">(.*?)</section>", Pattern.DOTALL);


    /** (property, type) → how many resources link to {@code iri}, counted by SPARQL over the caller's declared graphs. */
    static Map<String, Integer> expected(String iri, String partner, boolean admin) {
        Registry registry = server.fixture().registry();
        GraphNames graphs = new GraphNames(AccessFixture.BASE);
        List<String> visible = new ArrayList<>();
        for (DatasetSpec d : registry.datasets()) {
            if (AccessFixture.declaredVisible(d, partner, admin, registry.territory().referenceDataset())) {
                visible.add("<" + graphs.dataset(d.id()).getURI() + ">");
                visible.add("<" + graphs.meta(d.id()).getURI() + ">");
            }
        }
        String in = String.join(", ", visible);
        String q = """
                SELECT ?p ?t (COUNT(DISTINCT ?s) AS ?n) WHERE {
                  { SELECT DISTINCT ?s ?p WHERE { GRAPH ?g { ?s ?p <%1$s> } FILTER(?g IN (%2$s) && isIRI(?s) && ?s != <%1$s>
                      && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } }
                  OPTIONAL { SELECT ?s (MIN(STR(?ty)) AS ?t) WHERE { GRAPH ?h { ?s a ?ty } FILTER(?h IN (%2$s) && isIRI(?ty)) } GROUP BY ?s }
                } GROUP BY ?p ?t""".formatted(iri, in);
        Map<String, Integer> out = new TreeMap<>();
        Txn.executeRead(server.fixture().store().dataset(), () -> {
            try (QueryExec qe = QueryExec.dataset(server.fixture().store().dataset()).query(QueryFactory.create(q)).build()) {
                RowSet rs = qe.select();
                while (rs.hasNext()) {
                    Binding b = rs.next();
                    String t = b.get("t") == null ? "" : b.get("t").getLiteralLexicalForm();
                    out.put(b.get("p").getURI() + " " + t, Integer.parseInt(b.get("n").getLiteralLexicalForm()));
                }
            }
        });
        return out;
    }

    static HttpResponse<String> page(String path, String key, String... more) throws Exception {
        List<String> h = new ArrayList<>(List.of("Accept", "text/html"));
        if (key != null) {
            h.addAll(List.of("X-API-Key", key));
        }
        h.addAll(List.of(more));
        return server.get(path, h.toArray(String[]::new));
    }

    @Test
    void incomingSectionsAreWhatASeparateCountFindsForEachCaller() throws Exception {
        for (String code : List.of("93066", "93001")) {
            String iri = AccessFixture.BASE + "id/commune/" + code;
            for (String[] c : CALLERS) {
                HttpResponse<String> r = page("/id/commune/" + code, c[0]);
                assertEquals(200, r.statusCode(), r.body());
                Map<String, Integer> shown = new TreeMap<>();
                Matcher m = SECTION.matcher(r.body());
                while (m.find()) {
                    int count = Integer.parseInt(m.group(3));
                    shown.put(m.group(1) + " " + m.group(2), count);
                    long items = Pattern.compile("<li>").matcher(m.group(4)).results().count();
                    assertEquals(Math.min(count, Incoming.SHOWN), items, "listed members of " + m.group(1));
                }
                assertEquals(expected(iri, c[1], "k-admin".equals(c[0])), shown, "caller " + c[0] + " on " + iri);
            }
        }
    }

    @Test
    void aRestrictedStationNeverShowsInItsCommuneForOthers() throws Exception {
        for (String[] c : CALLERS) {
            String body = page("/id/commune/93001", c[0]).body();
            boolean may = "k-velib".equals(c[0]) || "k-admin".equals(c[0]);
            assertEquals(may, body.contains("id/secret/1"), "caller " + c[0]);
            assertEquals(may, body.contains(">Secret<"), "caller " + c[0]);
        }
        assertFalse(page("/id/commune/93066", null).body().contains("id/shared/1"), "partners' data is not public");
        assertTrue(page("/id/commune/93066", "k-sncf").body().contains("id/shared/1"));
    }

    @Test
    void thePageIsInTheLayoutInBothLanguages() throws Exception {
        String fr = page("/id/commune/93066", null, "Accept-Language", "fr").body();
        assertTrue(fr.contains("<html lang=\"fr\"") && fr.contains("Ce qui y renvoie") && fr.contains("<main id=\"main\">"), fr);
        String en = page("/id/commune/93066?lang=en", null).body();
        assertTrue(en.contains("<html lang=\"en\"") && en.contains("What links here"), en);
        assertEquals(1, Pattern.compile("<h1>").matcher(en).results().count(), "one h1");
        assertFalse(en.contains("<style>"), "no inline style");
        assertFalse(en.contains("id=\"resource-map\""), "no geometry, no map");
    }

    @Test
    void geoJsonOfAResourceWithoutGeometryIs404ByItsUrlAnd406ByAccept() throws Exception {
        HttpResponse<String> byUrl = server.get("/id/commune/93066.geojson");
        assertEquals(404, byUrl.statusCode());
        assertTrue(byUrl.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        HttpResponse<String> byAccept = server.get("/id/commune/93066", "Accept", "application/geo+json");
        assertEquals(406, byAccept.statusCode());
        String offered = byAccept.body().substring(byAccept.body().indexOf("offered"));
        assertFalse(offered.contains("geo+json"), byAccept.body());
        assertEquals(404, server.get("/id/secret/1.geojson").statusCode(), "what the caller may not see is not found");
    }
}
