package fr.regie.server.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;

/**
 * The home {@code /}: a page listing exactly the datasets each caller may see (compared with what
 * the registry declares, dataset by dataset), the catalog for RDF clients, 406 for what it cannot
 * give, and other methods left to the server.
 */
class HomeTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new HomeFeature()));

    static final Pattern DUMP = Pattern.compile("datasets/([a-z0-9-]+)/dump\\.nq\\.gz");
    static final Pattern CARD = Pattern.compile("<li><h3>");

    
    @Test
    void eachCallerSeesTheCardsOfTheDatasetsTheRegistryLetsThemRead() throws Exception {
        String[][] callers = {{null, null}, {"k-velib", "velib"}, {"k-sncf", "sncf"}, {"k-admin", null}};
        var registry = server.fixture().registry();
        for (String[] c : callers) {
            HttpResponse<String> r = c[0] == null ? server.get("/", "Accept", "text/html")
                    : server.get("/", "Accept", "text/html", "X-API-Key", c[0]);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            Set<String> shown = new TreeSet<>();
            Matcher m = DUMP.matcher(r.body());
            while (m.find()) {
                shown.add(m.group(1));
            }
            Set<String> expected = new TreeSet<>();
            for (DatasetSpec d : registry.datasets()) {
                if (AccessFixture.declaredVisible(d, c[1], "k-admin".equals(c[0]), registry.territory().referenceDataset())) {
                    expected.add(d.id());
                }
            }
            assertEquals(expected, shown, "caller " + c[0]);
            assertEquals(expected.size(), CARD.matcher(r.body()).results().count(), "one card per dataset");
            // Each loaded dataset's card gives its quality as its last run left it: one badge, "bad" only after a refused or failed run.
            for (String id : expected) {
                String card = r.body().substring(r.body().indexOf("datasets/" + id + "\""));
                card = card.substring(0, card.indexOf("</li>"));
                long badges = Pattern.compile("class=\"badge (ok|warn|bad)\"").matcher(card).results().count();
                assertEquals(1, badges, "one quality badge on " + id);
                assertEquals(lastOutcomeIsBad(id), card.contains("badge bad"), id);
            }
            for (DatasetSpec d : registry.datasets()) {
                if (!expected.contains(d.id())) {
                    assertTrue(!r.body().contains(d.title()), d.title() + " shown to " + c[0]);
                }
            }
        }
    }

    /** Whether the dataset's latest run (by its start) was refused or failed, read from the metadata graph with SPARQL. */
    static boolean lastOutcomeIsBad(String id) {
        var store = server.fixture().store();
        String q = "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX regie: <https://w3id.org/regie#> SELECT ?o WHERE { GRAPH ?g { ?ds regie:refresh ?a . "
                + "?a prov:startedAtTime ?t ; regie:outcome ?o } FILTER (STRENDS(STR(?g), '/meta/" + id + "')) } ORDER BY DESC(?t) LIMIT 1";
        return org.apache.jena.system.Txn.calculateRead(store.dataset(), () -> {
            try (var qe = org.apache.jena.sparql.exec.QueryExec.dataset(store.dataset()).query(q).build()) {
                var rows = qe.select();
                assertTrue(rows.hasNext(), "no run recorded for " + id);
                String o = rows.next().get("o").getLiteralLexicalForm();
                return o.equals("rejected") || o.equals("failed");
            }
        });
    }

    @Test
    void rdfClientsAreSentToTheCatalogAndTheRestIsRefusedOrPassedOn() throws Exception {
        HttpResponse<String> turtle = server.get("/", "Accept", "text/turtle");
        assertEquals(303, turtle.statusCode());
        assertTrue(turtle.headers().firstValue("Location").orElse("").endsWith("/catalog.ttl"), turtle.headers().toString());
        HttpResponse<String> jsonld = server.get("/", "Accept", "application/ld+json");
        assertTrue(jsonld.headers().firstValue("Location").orElse("").endsWith("/catalog.jsonld"));
        HttpResponse<String> png = server.get("/", "Accept", "image/png");
        assertEquals(406, png.statusCode());
        assertTrue(png.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        HttpResponse<String> anything = server.get("/");
        assertEquals(200, anything.statusCode(), "no Accept: the page");
        HttpResponse<String> post = server.post("/", "text/plain", "x");
        assertTrue(post.statusCode() >= 400 && post.statusCode() < 500, post.statusCode() + " " + post.body());
    }

    @Test
    void theHomeLeadsToSearchMapsEditorConsoleCatalogAndEachDatasetPageInBothLanguages() throws Exception {
        String fr = server.get("/", "Accept", "text/html", "Accept-Language", "fr").body();
        String en = server.get("/?lang=en", "Accept", "text/html").body();
        for (String page : List.of(fr, en)) {
            assertTrue(page.contains("<form id=\"search\"") && page.contains("<label for=\"q\"") && page.contains("id=\"q\""), page);
            for (String path : List.of("map?indicator=velib-docks-per-1000&amp;scale=commune&amp;extent=region/11\"", "map\"", "sparql\"",
                    "api\"", "catalog\"", "search\"")) {
                assertTrue(page.contains(server.base() + "/" + path), path);
            }
            assertTrue(page.contains(server.base() + "/datasets/stations\""), "cards link to their dataset pages");
            assertTrue(!page.contains("id=\"home-map\""), "no map feature here: no map, no request that would fail");
            assertEquals(1, Pattern.compile("<h1>").matcher(page).results().count());
        }
        assertTrue(fr.contains("Places Vélib&#39; pour 1 000 habitants par commune en Île-de-France"), fr);
        assertTrue(en.contains("Vélib&#39; docks per 1,000 inhabitants by commune across Île-de-France"), en);
    }
}
