package fr.regie.server.datasetpage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.ops.DatasetsFeature;

/**
 * The dataset pages, for every caller and every dataset of the access fixture, compared with the
 * registry's declarations and with separate SPARQL queries on the store: the rows shown are the
 * graph's IRI subjects in order, the counts are the store's, the advertised sizes are the bytes
 * served, the CSV of each class parses back to the graph's values; a dataset the caller may not
 * see answers exactly as an unknown one; hostile parameters are refused naming the parameter.
 */
class DatasetPageTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0),
            List.of(new DatasetPageFeature(), new DatasetsFeature(), new CatalogFeature()));

    /** Callers: key (null for anonymous), partner id. */
    static final String[][] CALLERS = {{null, null}, {"k-velib", "velib"}, {"k-sncf", "sncf"}, {"k-admin", null}};
    static final Pattern ROW = Pattern.compile("<tr><th scope=\"row\"><a href=\"[^\"]*\">([^<]*)</a></th>");
    static final Pattern DOWNLOAD = Pattern.compile("<li><a href=\"([^\"]*)\" type=\"[^\"]*\" data-bytes=\"(\\d+)\">");
    static final Pattern HISTORY_ROW = Pattern.compile("<tr><td>(\\d+)</td>");

    static boolean visible(DatasetSpec d, String[] caller) {
        String reference = server.fixture().registry().territory().referenceDataset();
        if ("k-admin".equals(caller[0]) || d.id().equals(reference)) {
            return true;
        }
        return switch (d.accessLevel()) {
            case PUBLIC -> true;
            case PARTNERS -> caller[1] != null;
            case RESTRICTED -> caller[1] != null && d.accessPartners().contains(caller[1]);
        };
    }

    static HttpResponse<String> get(String path, String[] caller, String... more) throws Exception {
        List<String> h = new ArrayList<>(List.of(more));
        if (caller[0] != null) {
            h.add("X-API-Key");
            h.add(caller[0]);
        }
        return server.get(path, h.toArray(String[]::new));
    }

    static List<String> select(String query, String var) {
        var dsg = server.fixture().store().dataset();
        return Txn.calculateRead(dsg, () -> {
            List<String> out = new ArrayList<>();
            Query q = QueryFactory.create(query);
            try (QueryExec e = QueryExec.dataset(dsg).query(q).build()) {
                RowSet rs = e.select();
                rs.forEachRemaining(b -> {
                    Node n = b.get(var);
                    out.add(n.isURI() ? n.getURI() : n.getLiteralLexicalForm());
                });
            }
            return out;
        });
    }

    static String graph(String id) {
        return AccessFixture.BASE + "graph/" + id;
    }

    @Test
    void everyPageForEveryCallerShowsTheRegistryAndTheStore() throws Exception {
        for (String[] c : CALLERS) {
            for (DatasetSpec d : server.fixture().registry().datasets()) {
                HttpResponse<String> r = get("/datasets/" + d.id(), c, "Accept", "text/html");
                if (!visible(d, c)) {
                    assertHidden(d.id(), c);
                    continue;
                }
                assertEquals(200, r.statusCode(), d.id() + " for " + c[0] + ": " + r.body());
                String html = r.body();
                assertTrue(html.contains("<h1>" + d.title() + "</h1>"), d.id());
                assertTrue(html.contains(d.publisherName().replace("'", "&#39;")), d.id());
                // Rows: the IRI subjects of the graph, in the order of their IRIs (separate query, sorted here).
                List<String> subjects = new ArrayList<>(new TreeSet<>(select(
                        "SELECT DISTINCT ?s { GRAPH <" + graph(d.id()) + "> { ?s ?p ?o } FILTER isIRI(?s) }", "s")));
                List<String> shown = ROW.matcher(html).results().map(m -> m.group(1)).toList();
                assertEquals(subjects.subList(0, Math.min(subjects.size(), DatasetPageFilter.PAGE_SIZE)), shown, d.id());
                String count = select("SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH <" + graph(d.id()) + "> { ?s ?p ?o } FILTER isIRI(?s) }", "n").get(0);
                assertTrue(html.contains("data-subjects=\"" + count + "\""), d.id() + " count " + count);
                assertTrue(html.contains("id=\"dataset-table\"") && html.contains("<div class=\"scroll\"><table id=\"dataset-table\""));
                // History: the versions the metadata graph records, newest first.
                List<String> versions = select("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?v { GRAPH <" + graph("meta/" + d.id())
                        + "> { ?a prov:generated ?v } }", "v");
                List<String> rows = HISTORY_ROW.matcher(html.substring(html.indexOf("id=\"history\""))).results().map(m -> m.group(1)).toList();
                assertEquals(Math.min(versions.size(), DatasetPageFilter.HISTORY), rows.size(), d.id());
                assertTrue(html.contains("id=\"quality\""));
                assertTrue(html.contains("/sparql?query="), "editor link");
                assertDownloads(d, c, html);
            }
            assertHidden("no-such-dataset", c);
        }
    }

    /** Each advertised size is the length of what GET serves and what HEAD announces. */
    static void assertDownloads(DatasetSpec d, String[] c, String html) throws Exception {
        String list = html.substring(html.indexOf("<ul id=\"downloads\">"), html.indexOf("</ul>", html.indexOf("<ul id=\"downloads\">")));
        Matcher m = DOWNLOAD.matcher(list);
        Set<String> kinds = new TreeSet<>();
        while (m.find()) {
            String path = m.group(1).replace("&amp;", "&").substring(server.base().length());
            long bytes = Long.parseLong(m.group(2));
            HttpRequest.Builder head = HttpRequest.newBuilder(URI.create(server.base() + path)).method("HEAD", HttpRequest.BodyPublishers.noBody());
            if (c[0] != null) {
                head.header("X-API-Key", c[0]);
            }
            HttpResponse<Void> h = server.client().send(head.build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, h.statusCode(), path);
            assertEquals(bytes, h.headers().firstValueAsLong("Content-Length").orElse(-1), "HEAD " + path);
            HttpResponse<byte[]> g = c[0] == null ? server.getBytes(path) : server.getBytes(path, "X-API-Key", c[0]);
            assertEquals(200, g.statusCode(), path);
            assertEquals(bytes, g.body().length, "GET " + path);
            kinds.add(path.contains("/csv?") ? "csv" : path.substring(path.lastIndexOf('/') + 1));
            if (path.contains("/csv?class=")) {
                String cls = URLDecoder.decode(path.substring(path.indexOf("class=") + 6), StandardCharsets.UTF_8);
                assertCsvIsTheGraph(d, cls, new String(g.body(), StandardCharsets.UTF_8));
            }
        }
        Set<String> classes = new TreeSet<>(select("SELECT DISTINCT ?c { GRAPH <" + graph(d.id()) + "> { ?s a ?c } FILTER isIRI(?s) }", "c"));
        assertTrue(kinds.contains("dump.nq.gz"), d.id() + " " + kinds);
        assertEquals(classes.isEmpty(), !kinds.contains("csv"), d.id() + " " + kinds);
    }

    /** The CSV of a class, parsed back: every subject of the class, every value of every property. */
    static void assertCsvIsTheGraph(DatasetSpec d, String cls, String csv) {
        List<List<String>> records = CsvReader.parse(csv);
        List<String> header = records.get(0);
        assertEquals("id", header.get(0));
        Map<String, Set<String>> fromCsv = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            assertEquals(header.size(), rec.size(), "fields of " + rec);
            order.add(rec.get(0));
            for (int i = 1; i < rec.size(); i++) {
                for (String v : CsvReader.values(rec.get(i))) {
                    fromCsv.computeIfAbsent(rec.get(0) + " " + header.get(i), k -> new TreeSet<>()).add(v);
                }
            }
        }
        List<String> subjects = new ArrayList<>(new TreeSet<>(select("SELECT ?s { GRAPH <" + graph(d.id()) + "> { ?s a <" + cls + "> } FILTER isIRI(?s) }", "s")));
        assertEquals(subjects, order, "rows of " + cls);
        Map<String, Set<String>> fromStore = new TreeMap<>();
        var dsg = server.fixture().store().dataset();
        Txn.executeRead(dsg, () -> {
            for (String s : subjects) {
                dsg.find(org.apache.jena.graph.NodeFactory.createURI(graph(d.id())), org.apache.jena.graph.NodeFactory.createURI(s), Node.ANY, Node.ANY)
                        .forEachRemaining(q -> fromStore.computeIfAbsent(s + " " + q.getPredicate().getURI(), k -> new TreeSet<>())
                                .add(Subjects.text(q.getObject())));
            }
        });
        assertEquals(fromStore, fromCsv, "values of " + cls);
    }

    /** Hidden: the page, its downloads and its catalog entry answer as for an unknown id. */
    static void assertHidden(String id, String[] c) throws Exception {
        String unknown = "zz-unknown";
        for (String sub : new String[] {"", "/csv?class=x", "/geojson", "/dump.nq.gz"}) {
            HttpResponse<String> r = get("/datasets/" + id + sub, c, "Accept", "text/html");
            HttpResponse<String> u = get("/datasets/" + unknown + sub, c, "Accept", "text/html");
            assertEquals(404, r.statusCode(), id + sub + " for " + c[0]);
            assertEquals(u.body().replace(unknown, id), r.body(), id + sub);
            assertEquals(u.headers().firstValue("Content-Type"), r.headers().firstValue("Content-Type"));
        }
        HttpResponse<String> rdf = get("/datasets/" + id, c, "Accept", "text/turtle");
        if (rdf.statusCode() == 303) {
            fail("303 for hidden " + id);
        }
        assertEquals(404, rdf.statusCode());
        assertEquals(404, get("/catalog/datasets/" + id, c, "Accept", "text/turtle").statusCode(), "catalog entry of " + id);
    }

    static void fail(String message) {
        throw new AssertionError(message);
    }

    @Test
    void rdfClientsGetTheCatalogEntry() throws Exception {
        for (String[] c : CALLERS) {
            for (DatasetSpec d : server.fixture().registry().datasets()) {
                if (!visible(d, c)) {
                    continue;
                }
                HttpResponse<String> r = get("/datasets/" + d.id(), c, "Accept", "text/turtle");
                assertEquals(303, r.statusCode());
                String location = r.headers().firstValue("Location").orElseThrow();
                assertTrue(location.endsWith("/catalog/datasets/" + d.id()), location);
                HttpResponse<String> entry = get(location.substring(server.base().length()), c, "Accept", "application/n-triples");
                assertEquals(200, entry.statusCode(), entry.body());
                assertTrue(entry.body().contains("<" + AccessFixture.BASE + "id/dataset/" + d.id() + "> <http://purl.org/dc/terms/identifier> \""
                        + d.id() + "\""), entry.body());
                assertTrue(entry.body().contains("<http://www.w3.org/ns/dcat#downloadURL>"), "its distributions come along");
            }
        }
        assertEquals(406, server.get("/datasets/stations", "Accept", "image/png").statusCode());
        assertEquals(303, server.get("/datasets", "Accept", "text/turtle").statusCode());
    }

    @Test
    void theListShowsWhatTheCallerMaySee() throws Exception {
        for (String[] c : CALLERS) {
            String html = get("/datasets", c, "Accept", "text/html").body();
            for (DatasetSpec d : server.fixture().registry().datasets()) {
                assertEquals(visible(d, c), html.contains("/datasets/" + d.id() + "\""), d.id() + " for " + c[0]);
            }
        }
    }

    @Test
    void hostileParametersAreRefusedNamingTheParameter() throws Exception {
        String[] admin = CALLERS[3];
        for (String page : new String[] {"0", "-1", "abc", "99999999999", "1e3", "%3Cscript%3E", "1%20OR%201=1", ""}) {
            HttpResponse<String> r = get("/datasets/stations?page=" + page, admin);
            assertEquals(400, r.statusCode(), page + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(r.body().contains("page"), r.body());
            assertFalse(r.body().contains("<script>"), r.body());
        }
        HttpResponse<String> beyond = get("/datasets/stations?page=2", admin);
        assertEquals(404, beyond.statusCode(), "the fixture's stations fit on one page");
        assertTrue(beyond.body().contains("page"));
        assertEquals(200, get("/datasets/stations?page=1&lang=en", admin).statusCode());
        for (String cls : new String[] {"", "%3Cscript%3Ealert(1)%3C/script%3E", "https://w3id.org/regie%23Nope", "x%22%3E%3C"}) {
            HttpResponse<String> r = get("/datasets/stations/csv?class=" + cls, admin);
            assertEquals(cls.isEmpty() ? 400 : 404, r.statusCode(), cls);
            assertTrue(r.body().contains("class"), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        assertEquals(400, get("/datasets/stations/csv", admin).statusCode());
        assertEquals(404, get("/datasets/stations/geojson", admin).statusCode(), "no geometries in the fixture");
        assertEquals(405, server.post("/datasets/stations", "text/plain", "x").statusCode());
        HttpResponse<String> ops = get("/datasets/stations/changes", admin);
        assertEquals(200, ops.statusCode(), "the change feed still answers: " + ops.body());
    }

    @Test
    void headOnADumpNeverDownloadedGivesItsRealLength() throws Exception {
        java.nio.file.Path dir = server.fixture().store().layout().dumps().resolve("stations");
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var files = java.nio.file.Files.list(dir)) {
                for (var f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
        HttpResponse<Void> head = server.client().send(HttpRequest.newBuilder(URI.create(server.base() + "/datasets/stations/dump.nq.gz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        long length = head.headers().firstValueAsLong("Content-Length").orElse(-1);
        assertTrue(length > 0, "Content-Length " + length);
        assertEquals(length, server.getBytes("/datasets/stations/dump.nq.gz").body().length);
    }

    @Test
    void bothLanguagesRender() throws Exception {
        String fr = server.get("/datasets/stations?lang=fr").body();
        String en = server.get("/datasets/stations?lang=en").body();
        assertTrue(fr.contains("<html lang=\"fr\"") && fr.contains("Téléchargements"));
        assertTrue(en.contains("<html lang=\"en\"") && en.contains("Downloads"));
        for (String page : new String[] {fr, en}) {
            int i = page.indexOf("⟦");
            assertFalse(i >= 0, () -> "a message is missing: " + page.substring(i, Math.min(page.length(), i + 60)));
        }
        assertArrayEquals(new int[] {1}, new int[] {fr.split("<h1>", -1).length - 1}, "one h1");
    }
}
