package fr.regie.server.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerSettings;
import fr.regie.server.datasetpage.DatasetPageFeature;
import fr.regie.testing.RawHttp;
import fr.regie.testing.TestServer;

/**
 * A partner's page on a real server over a real store: every number of its JSON is compared with
 * an independent reading of the metadata graphs by SPARQL (and each mapping hash with the file's
 * own SHA-256); the datasets listed are those the registry says the partner publishes, never
 * another's; the HTML shows the same versions and hashes; and an attacker's probes (no key, a wrong
 * key, another partner's key, the key in the URL, odd paths, huge headers, HEAD/OPTIONS/TRACE) learn
 * nothing, not even whether a partner id exists.
 */
class PartnerPageTest {
    @RegisterExtension
    @Order(1)
    static final PartnerFixture fixture = new PartnerFixture();
    static final int PER_PAGE = 3;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] PARTNERS = {"velib", "sncf", "idfm"};
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(fixture.context(ServerSettings.defaults(0)), List.of(new PartnerFeature(PER_PAGE), new DatasetPageFeature()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String key(String partner) {
        return "k-" + partner;
    }

    static List<Map<String, String>> select(String query) {
        var dsg = fixture.store().dataset();
        return Txn.calculateRead(dsg, () -> {
            List<Map<String, String>> out = new ArrayList<>();
            Query q = QueryFactory.create(query);
            try (QueryExec e = QueryExec.dataset(dsg).query(q).build()) {
                RowSet rs = e.select();
                rs.forEachRemaining(b -> {
                    Map<String, String> row = new TreeMap<>();
                    b.vars().forEachRemaining(v -> {
                        var n = b.get(v);
                        row.put(v.getVarName(), n.isURI() ? n.getURI() : n.getLiteralLexicalForm());
                    });
                    out.add(row);
                });
            }
            return out;
        });
    }

    static final String PREFIXES = """
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX dqv: <http://www.w3.org/ns/dqv#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX regie: <https://w3id.org/regie#>
            """;

    /** The partner's datasets, from the registry's own triples. */
    static Set<String> declared(String partner) {
        Set<String> out = new TreeSet<>();
        Query q = QueryFactory.create(PREFIXES + "SELECT ?id { ?d dct:publisher ?p ; dct:identifier ?id . FILTER(STRENDS(STR(?p), '#" + partner + "')) }");
        try (QueryExec e = QueryExec.graph(fixture.registry().graph()).query(q).build()) {
            e.select().forEachRemaining(b -> out.add(b.get("id").getLiteralLexicalForm()));
        }
        return out;
    }

    /**
     * What the metadata graph says of each version of a dataset, by SPARQL: one line per version
     * with time, triples added and removed, rows read, SHACL counts, records not placed, records
     * placed by path and mapping hashes.
     */
    static Map<Long, String> versionsBySparql(String id) {
        String g = PartnerFixture.BASE + "graph/meta/" + id;
        Map<Long, String> out = new TreeMap<>();
        for (Map<String, String> r : select(PREFIXES + "SELECT ?v ?act ?t ?a ?r ?rows { GRAPH <" + g + "> { ?act prov:generated ?v ; prov:endedAtTime ?t ;"
                + " regie:triplesAdded ?a ; regie:triplesRemoved ?r ; regie:rowsRead ?rows } }")) {
            String act = r.get("act");
            long version = Long.parseLong(r.get("v").substring(r.get("v").lastIndexOf('/') + 1));
            String measures = PREFIXES + "SELECT ?val { GRAPH <" + g + "> { ?m prov:wasGeneratedBy <" + act + "> ; dqv:isMeasurementOf regie:%s ;"
                    + " dqv:value ?val FILTER NOT EXISTS { ?m regie:shape ?s } } }";
            Map<String, String> placed = new TreeMap<>();
            select(PREFIXES + "SELECT ?p ?val { GRAPH <" + g + "> { ?m prov:wasGeneratedBy <" + act + "> ; dqv:isMeasurementOf regie:recordsPlaced ;"
                    + " regie:property ?p ; dqv:value ?val } }").forEach(x -> placed.put(x.get("p"), x.get("val")));
            Set<String> hashes = new TreeSet<>();
            select(PREFIXES + "SELECT ?f ?h { GRAPH <" + g + "> { <" + act + "> regie:mappingFile ?m . ?m dct:identifier ?f ; regie:sha256 ?h } }")
                    .forEach(x -> hashes.add(x.get("f") + "=" + x.get("h")));
            Set<String> notPlaced = new TreeSet<>();
            select(PREFIXES + "SELECT ?x { GRAPH <" + g + "> { <" + act + "> regie:notPlacedExample ?x } }").forEach(x -> notPlaced.add(x.get("x")));
            out.put(version, String.join(" ", r.get("t"), r.get("a"), r.get("r"), r.get("rows"),
                    one(select(measures.formatted("shaclViolations"))), one(select(measures.formatted("shaclWarnings"))),
                    one(select(measures.formatted("unmatchedRecords"))), placed.toString(), hashes.toString(), notPlaced.toString()));
        }
        return out;
    }

    static String one(List<Map<String, String>> rows) {
        return rows.isEmpty() ? "0" : rows.get(0).get("val");
    }

    /** The same line, from one version of the page's JSON. */
    static String line(JsonNode v) {
        JsonNode run = v.get("run");
        JsonNode q = run.get("quality");
        Map<String, String> placed = new TreeMap<>();
        q.get("placedByPath").properties().forEach(e -> placed.put(e.getKey(), e.getValue().asText()));
        Set<String> hashes = new TreeSet<>();
        run.get("mappingFiles").forEach(f -> hashes.add(f.get("file").asText() + "=" + f.get("sha256").asText()));
        Set<String> notPlaced = new TreeSet<>();
        run.get("notPlacedExamples").forEach(x -> notPlaced.add(x.asText()));
        return String.join(" ", v.get("time").asText(), v.get("added").asText(), v.get("removed").asText(), run.get("rowsRead").asText(),
                q.get("violations").asText(), q.get("warnings").asText(), q.get("notPlaced").asText(), placed.toString(), hashes.toString(),
                notPlaced.toString());
    }

    static HttpResponse<String> get(String path, String key, String... more) throws Exception {
        List<String> h = new ArrayList<>(List.of(more));
        if (key != null) {
            h.add("X-API-Key");
            h.add(key);
        }
        return server.get(path, h.toArray(String[]::new));
    }

    /** Every page of versions of a partner, as the operator or the partner reads it, merged by dataset. */
    static Map<String, Map<Long, String>> allPages(String partner, String key) throws Exception {
        Map<String, Map<Long, String>> out = new TreeMap<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> r = get("/partners/" + partner + ".json?page=" + page, key);
            if (page > 1 && r.statusCode() == 404) {
                break;
            }
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = JSON.readTree(r.body());
            assertEquals(page, body.get("page").asInt());
            for (JsonNode d : body.get("datasets")) {
                Map<Long, String> vs = out.computeIfAbsent(d.get("id").asText(), k -> new TreeMap<>());
                assertTrue(d.get("versions").size() <= PER_PAGE, "a page holds " + PER_PAGE + " versions at most");
                long last = Long.MAX_VALUE;
                for (JsonNode v : d.get("versions")) {
                    assertTrue(v.get("version").asLong() < last, "newest first");
                    last = v.get("version").asLong();
                    assertEquals(null, vs.put(last, line(v)), "version " + last + " on two pages");
                }
            }
            assertTrue(page < 100, "pages never end");
        }
        return out;
    }

    @Test
    void everyNumberOfThePageIsTheStoresAndOnlyThePartnersDatasetsAreListed() throws Exception {
        for (String p : PARTNERS) {
            for (String key : new String[] {key(p), "k-admin"}) {
                Map<String, Map<Long, String>> shown = allPages(p, key);
                assertEquals(declared(p), shown.keySet(), p + "'s datasets for " + key);
                for (String id : shown.keySet()) {
                    assertEquals(versionsBySparql(id), shown.get(id), id + " for " + key);
                }
            }
        }
        // The station dataset has all its versions, across pages, and one record not placed in each.
        assertEquals(PartnerFixture.STATION_VERSIONS, allPages("velib", "k-velib").get("stations").size());
        JsonNode first = JSON.readTree(get("/partners/velib.json", "k-velib").body());
        JsonNode stations = first.get("datasets").get(0);
        assertEquals("stations", stations.get("id").asText());
        assertEquals(PartnerFixture.STATION_VERSIONS, stations.get("versionCount").asLong());
        assertEquals(PartnerFixture.STATION_VERSIONS, stations.get("liveVersion").asLong());
        // Version 1 read every record, the code 99999 among them; later runs were incremental (one row each).
        JsonNode last = JSON.readTree(get("/partners/velib.json?page=3", "k-velib").body()).get("datasets").get(0).get("versions");
        assertEquals(1, last.get(last.size() - 1).get("version").asLong());
        assertEquals(1, last.get(last.size() - 1).get("run").get("quality").get("notPlaced").asLong());
        JsonNode examples = last.get(last.size() - 1).get("run").get("notPlacedExamples");
        assertEquals(1, examples.size());
        assertTrue(examples.get(0).asText().contains("\"99999\""), examples.toString());
    }

    @Test
    void eachMappingHashIsTheFilesOwnSha256() throws Exception {
        for (DatasetSpec d : fixture.registry().datasets()) {
            if (d.id().equals("territory")) {
                continue;
            }
            String owner = d.publisher().getURI().substring(d.publisher().getURI().indexOf('#') + 1);
            JsonNode page = JSON.readTree(get("/partners/" + owner + ".json", key(owner)).body());
            Set<String> expected = new TreeSet<>();
            for (Path m : d.mappings()) {
                expected.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(m))));
            }
            for (JsonNode ds : page.get("datasets")) {
                if (ds.get("id").asText().equals(d.id())) {
                    Set<String> shown = new TreeSet<>();
                    ds.get("versions").get(0).get("run").get("mappingFiles").forEach(f -> shown.add(f.get("sha256").asText()));
                    assertEquals(expected, shown, d.id());
                }
            }
        }
    }

    @Test
    void theHtmlShowsTheSameVersionsAndHashesEscaped() throws Exception {
        HttpResponse<String> r = get("/partners/velib", "k-velib", "Accept", "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = r.body();
        assertTrue(html.contains("Vélib&#39; &lt;Métropole&gt;"), "the partner's name, escaped");
        assertFalse(html.contains("<Métropole>"));
        JsonNode json = JSON.readTree(get("/partners/velib.json", "k-velib").body());
        for (JsonNode d : json.get("datasets")) {
            assertTrue(html.contains("data-dataset=\"" + d.get("id").asText() + "\""), d.get("id").asText());
            for (JsonNode v : d.get("versions")) {
                assertTrue(html.contains("<tr data-version=\"" + v.get("version").asLong() + "\">"), "version row " + v);
                v.get("run").get("mappingFiles").forEach(f -> assertTrue(html.contains(f.get("sha256").asText())));
            }
        }
        assertTrue(get("/partners/velib.html?page=3", "k-velib").body().contains("class=\"not-placed\""), "the records not placed are said");
        // The same page by suffix; the other language by ?lang=.
        assertEquals(200, get("/partners/velib.html", "k-velib").statusCode());
        assertTrue(get("/partners/velib.html?lang=en", "k-velib").body().contains("Partner page"));
        assertTrue(get("/partners/velib.html?lang=fr", "k-velib").body().contains("Page partenaire"));
    }

    @Test
    void anotherPartnersDatasetsNeverShow() throws Exception {
        // sncf's page shows gares and nothing of velib's, even the dataset velib lent to sncf.
        String sncf = get("/partners/sncf.json", "k-sncf").body() + get("/partners/sncf", "k-sncf", "Accept", "text/html").body();
        for (String other : new String[] {"stations", "secret", "lent"}) {
            assertFalse(sncf.contains("Title of " + other) || sncf.contains("meta/" + other) || sncf.contains("dataset/" + other), other);
        }
        String velib = get("/partners/velib.json", "k-velib").body() + get("/partners/velib", "k-velib", "Accept", "text/html").body();
        assertFalse(velib.contains("gares") || velib.contains("Gare SNCF"), "velib sees nothing of sncf's gares");
        String idfm = get("/partners/idfm.json", "k-idfm").body();
        assertEquals(0, JSON.readTree(idfm).get("datasets").size());
    }

    @Test
    void refusalsNeverTellWhetherAPartnerExists() throws Exception {
        for (String id : new String[] {"sncf", "nobody", "velib2", "territory"}) {
            // No key: 401, the same answer for every id.
            HttpResponse<String> anon = get("/partners/" + id, null);
            HttpResponse<String> anonVelib = get("/partners/velib", null);
            assertEquals(401, anon.statusCode());
            assertEquals(anonVelib.body(), anon.body());
            assertTrue(anon.headers().firstValue("WWW-Authenticate").isPresent());
            assertEquals("application/problem+json", anon.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            // Another partner's key: 403, the same for an id that exists and one that does not.
            HttpResponse<String> other = get("/partners/" + id + ".json", "k-velib");
            HttpResponse<String> otherUnknown = get("/partners/zz-unknown/check", "k-velib");
            assertEquals(403, other.statusCode(), id);
            assertEquals(otherUnknown.body(), other.body());
        }
        // The operator alone learns an id is unknown.
        assertEquals(404, get("/partners/nobody", "k-admin").statusCode());
        // A wrong key: 401 from the key check.
        assertEquals(401, get("/partners/velib", "k-wrong").statusCode());
    }

    @Test
    void aKeyInTheUrlOpensNothingAndIsNeverEchoed() throws Exception {
        for (String q : new String[] {"?key=k-velib", "?api_key=k-velib", "?X-API-Key=k-velib", "?apikey=k-velib&page=1"}) {
            HttpResponse<String> r = get("/partners/velib" + q, null);
            assertEquals(401, r.statusCode(), q);
            assertFalse(r.body().contains("k-velib"), q);
        }
    }

    @Test
    void oddPathsAndMethodsAnswerNothingOfAnotherPartner() throws Exception {
        int port = URI.create(server.base()).getPort();
        for (String target : new String[] {"/partners/velib/../sncf", "/partners/velib/..%2fsncf", "/partners/%2e%2e/partners/sncf",
                "/partners/velib%2f..%2fsncf", "/partners/sncf%00", "/partners/velib/check/../../sncf", "/partners//sncf",
                "/partners/sncf;x=1", "/partners/", "/partners"}) {
            RawHttp r = RawHttp.get(port, target, "localhost", "X-API-Key: k-velib");
            assertTrue(r.status() < 500, target + " " + r.status());
            assertFalse(r.status() == 200 && r.body().contains("gares"), target);
        }
        // Huge headers: refused by the server, never a 500, never the page.
        String big = "x".repeat(1024 * 1024);
        RawHttp hugeKey = RawHttp.get(port, "/partners/velib", "localhost", "X-API-Key: " + big);
        assertTrue(hugeKey.status() >= 400 && hugeKey.status() < 500, "huge key " + hugeKey.status());
        RawHttp huge = RawHttp.get(port, "/partners/velib", "localhost", "X-API-Key: k-velib", "X-Filler: " + big);
        assertTrue(huge.status() >= 400 && huge.status() < 500, "huge header " + huge.status());
        // HEAD: the GET's headers and no body.
        HttpResponse<String> got = get("/partners/velib.json", "k-velib");
        HttpResponse<String> head = server.client().send(HttpRequest.newBuilder(URI.create(server.base() + "/partners/velib.json"))
                .header("X-API-Key", "k-velib").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(got.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"));
        // OPTIONS says what is allowed; TRACE is refused and echoes no key.
        RawHttp options = RawHttp.send(port, "OPTIONS /partners/velib HTTP/1.1\r\nHost: localhost\r\nX-API-Key: k-velib", null);
        assertEquals(204, options.status());
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow").orElse(""));
        RawHttp trace = RawHttp.send(port, "TRACE /partners/velib HTTP/1.1\r\nHost: localhost\r\nX-API-Key: k-velib", null);
        assertNotEquals(200, trace.status());
        assertFalse(trace.body().contains("k-velib"), "TRACE echoes the key");
        assertEquals(405, get("/partners/velib/check", "k-velib").statusCode(), "GET on the check endpoint");
        assertEquals(405, server.post("/partners/velib", "text/plain", "x", "X-API-Key", "k-velib").statusCode());
        // Bad parameters are named; pages past the last are not found.
        assertEquals(400, get("/partners/velib.json?page=0", "k-velib").statusCode());
        assertEquals(400, get("/partners/velib.json?page=abc", "k-velib").statusCode());
        assertEquals(404, get("/partners/velib.json?page=999", "k-velib").statusCode());
        assertEquals(406, get("/partners/velib", "k-velib", "Accept", "image/png").statusCode());
    }

    @Test
    void aThousandRequestsMeetTheRateLimit() throws Exception {
        int perMinute = 40;
        ServerSettings tight = new ServerSettings(0, true, java.time.Duration.ofSeconds(5), 10_000, 20_000, perMinute, perMinute, false,
                java.util.Optional.empty());
        try (TestServer t = TestServer.start(fixture.context(tight), List.of(new PartnerFeature(PER_PAGE)))) {
            for (String key : new String[] {"k-velib", null}) {
                int ok = 0;
                int limited = 0;
                for (int i = 0; i < 1000; i++) {
                    HttpResponse<String> r = key == null ? t.get("/partners/velib.json") : t.get("/partners/velib.json", "X-API-Key", key);
                    if (r.statusCode() == 429) {
                        limited++;
                        assertTrue(r.headers().firstValue("Retry-After").isPresent());
                    } else {
                        ok++;
                        assertEquals(key == null ? 401 : 200, r.statusCode());
                    }
                }
                // The bucket's 40, plus what refills while the thousand run (40 a minute).
                assertTrue(ok >= perMinute && ok <= perMinute + 10, key + ": " + ok + " answered");
                assertEquals(1000 - ok, limited);
            }
        }
    }
}
