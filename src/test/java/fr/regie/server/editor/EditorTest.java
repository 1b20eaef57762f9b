package fr.regie.server.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.server.assets.AssetsFeature;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.http.JsonLdContext;

/**
 * The SPARQL editor on {@code /sparql}: the page for browsers only (every other request answered
 * exactly as by a server without the editor, compared request by request), the files it loads,
 * the example queries (compared with the files of {@code examples/queries/}, read apart), the
 * prefixes (Régie's JSON-LD context) and a hostile query in the address.
 */
class EditorTest {
    static final Path EXAMPLES = Path.of("examples/queries");
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0),
            List.of(new EditorFeature(EXAMPLES), new CatalogFeature(), new AssetsFeature()));
    @RegisterExtension
    static final AccessServer without = new AccessServer(ServerSettings.defaults(0), List.of(new CatalogFeature(), new AssetsFeature()));

    static final String QUERY = "SELECT ?s ?n WHERE { ?s <http://rdf.insee.fr/def/geo#nom> ?n } ORDER BY ?s";

    @Test
    void browsersGetThePageWithOrWithoutAQuery() throws Exception {
        for (String path : List.of("/sparql", "/sparql?query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8), "/sparql?lang=en")) {
            HttpResponse<String> r = server.get(path, "Accept", BROWSER);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertTrue(r.body().contains("<div id=\"yasgui\"></div>"), path);
            assertTrue(r.headers().allValues("Vary").toString().contains("Accept"), path);
        }
        HttpResponse<String> k = server.get("/sparql", "Accept", "text/html", "X-API-Key", "k-velib");
        assertEquals(200, k.statusCode());
        assertEquals(401, server.get("/sparql", "Accept", "text/html", "X-API-Key", "nope").statusCode(), "keys are checked first");
    }

    /** Every request that is not a browser's: the same answer with and without the editor. */
    @Test
    void everyOtherClientGetsWhatItGotBefore() throws Exception {
        String q = "query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
        String[][] cases = {
            {"/sparql"}, {"/sparql", "Accept", "*/*"}, {"/sparql", "Accept", "text/turtle"}, {"/sparql", "Accept", "application/ld+json"},
            {"/sparql", "Accept", "text/html;q=0.5, text/turtle"}, {"/sparql", "Accept", "image/png"},
            {"/sparql?" + q}, {"/sparql?" + q, "Accept", "text/csv"}, {"/sparql?" + q, "Accept", "application/sparql-results+json"},
            {"/sparql?" + q, "Accept", "application/sparql-results+json,*/*;q=0.9"}, {"/sparql?" + q, "Accept", "*/*"},
            {"/sparql?" + q, "Accept", "text/csv", "X-API-Key", "k-velib"}, {"/sparql?query=SELEC", "Accept", "text/csv"},
        };
        for (String[] c : cases) {
            String[] headers = java.util.Arrays.copyOfRange(c, 1, c.length);
            HttpResponse<String> a = server.get(c[0], headers);
            HttpResponse<String> b = without.get(c[0], headers);
            String what = String.join(" ", c);
            assertEquals(b.statusCode(), a.statusCode(), what);
            assertEquals(b.headers().firstValue("Content-Type"), a.headers().firstValue("Content-Type"), what);
            String ba = a.body().replace(server.base(), "BASE");
            String bb = b.body().replace(without.base(), "BASE");
            org.apache.jena.riot.Lang rdf = org.apache.jena.riot.RDFLanguages.contentTypeToLang(
                    a.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            if (rdf != null && org.apache.jena.riot.RDFLanguages.isTriples(rdf)) {
                // The same graph (the service description's blank nodes and order may differ).
                var ga = org.apache.jena.riot.RDFParser.fromString(ba, rdf).base("http://x/").toGraph();
                var gb = org.apache.jena.riot.RDFParser.fromString(bb, rdf).base("http://x/").toGraph();
                assertTrue(ga.isIsomorphicWith(gb), what);
            } else {
                assertEquals(bb, ba, what);
            }
            assertFalse(a.body().contains("yasgui"), what);
        }
        HttpResponse<String> post = server.post("/sparql", "application/x-www-form-urlencoded", q, "Accept", BROWSER);
        assertFalse(post.body().contains("yasgui"), "a POST is a query, whatever Accept says");
    }

    @Test
    void theScriptsAndStylesItNamesAreServed() throws Exception {
        String page = server.get("/sparql", "Accept", BROWSER).body();
        Matcher m = Pattern.compile("(?:src|href)=\"" + Pattern.quote(server.base()) + "/(assets/[^\"]+)\"").matcher(page);
        List<String> assets = new ArrayList<>();
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertTrue(assets.containsAll(List.of("assets/editor.js", fr.regie.server.assets.Assets.YASGUI_JS, fr.regie.server.assets.Assets.YASGUI_CSS,
                fr.regie.server.assets.Assets.LEAFLET_JS)), assets.toString());
        for (String a : assets) {
            assertEquals(200, server.get("/" + a).statusCode(), a);
        }
        assertFalse(Pattern.compile("(?:src|href)=\"https?://(?!" + Pattern.quote(server.base().substring(7)) + ")").matcher(page).find(),
                "nothing from another host");
    }

    /** The question of each file in one language, read apart from the server's reader. */
    static String question(String text, String tag) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("#\\s+" + tag + "\\s+.*")) {
                StringBuilder b = new StringBuilder(lines[i].replaceFirst("#\\s+" + tag + "\\s+", "").strip());
                for (int j = i + 1; j < lines.length && lines[j].matches("#\\s{3,}\\S.*") && !lines[j].matches("#\\s+(FR|EN)\\s.*"); j++) {
                    b.append(' ').append(lines[j].substring(1).strip());
                }
                return b.toString();
            }
        }
        return null;
    }

    static String unescape(String s) {
        return s.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void theExamplesAreTheFilesOfExamplesQueriesWithTheirQuestion() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".rq")).toList()) {
                files.put(p.getFileName().toString().replace(".rq", ""), Files.readString(p));
            }
        }
        assertTrue(files.size() >= 10, "the examples folder holds the analyst queries");
        for (String[] lang : new String[][] {{"fr", "FR"}, {"en", "EN"}}) {
            String page = server.get("/sparql?lang=" + lang[0], "Accept", BROWSER).body();
            Map<String, String> shown = new LinkedHashMap<>();
            Matcher m = Pattern.compile("<a data-example=\"([^\"]+)\" href=\"([^\"]+)\">([^<]*)</a>").matcher(page);
            while (m.find()) {
                shown.put(m.group(1), unescape(m.group(3)));
                String href = unescape(m.group(2));
                String query = java.net.URLDecoder.decode(href.substring(href.indexOf("?query=") + 7), StandardCharsets.UTF_8);
                assertEquals(files.get(m.group(1)), query, "the link opens the file's query");
            }
            Map<String, String> expected = new LinkedHashMap<>();
            files.forEach((id, text) -> expected.put(id, question(text, lang[1])));
            assertEquals(expected, shown, lang[0]);
            assertTrue(page.contains(files.size() + (lang[0].equals("fr") ? " requêtes d’exemple" : " example queries")), "the count, its apostrophe kept");
            JsonNode config = config(page);
            assertEquals(files.size(), config.get("examples").size());
            for (JsonNode e : config.get("examples")) {
                assertEquals(files.get(e.get("id").asText()), e.get("query").asText());
                assertEquals(expected.get(e.get("id").asText()), e.get("question").asText());
            }
        }
    }

    static JsonNode config(String page) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"editor-config\">(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find());
        return JSON.readTree(m.group(1));
    }

    @Test
    void thePrefixesOfferedAreThoseOfTheJsonLdContext() throws Exception {
        JsonNode config = config(server.get("/sparql", "Accept", BROWSER).body());
        Map<String, String> offered = new TreeMap<>();
        config.get("prefixes").properties().forEach(e -> offered.put(e.getKey(), e.getValue().asText()));
        assertEquals(new TreeMap<>(JsonLdContext.load().prefixMapping().getNsPrefixMap()), offered);
        assertEquals(server.base() + "/sparql", config.get("endpoint").asText());
    }

    @Test
    void aHostileQueryInTheAddressIsNeverWrittenIntoThePage() throws Exception {
        String evil = "</script><script>alert(1)</script><!--";
        HttpResponse<String> r = server.get("/sparql?query=" + URLEncoder.encode(evil, StandardCharsets.UTF_8) + "&x=%22%3E%3Cb%3E",
                "Accept", BROWSER);
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("alert(1)"), "the query is not reflected");
        assertFalse(r.body().contains("\"><b>"));
    }

    @Test
    void theHeaderOfAFileGivesTitleAndQuestions() {
        ExampleQueries.Example e = ExampleQueries.parse("x", "# Title\n#\n# FR  Une question\n#     sur deux lignes ?\n# EN  A question?\n#\n# More\nSELECT * {}");
        assertEquals("Title", e.title());
        assertEquals("Une question sur deux lignes ?", e.questionFr());
        assertEquals("A question?", e.questionEn());
        ExampleQueries.Example bare = ExampleQueries.parse("y", "SELECT * {}");
        assertEquals("y", bare.questionEn());
    }
}
