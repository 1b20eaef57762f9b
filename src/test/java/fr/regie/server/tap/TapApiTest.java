package fr.regie.server.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.AccessFixture;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.testing.TestServer;

/**
 * Taps over real HTTP on the access fixture (a tap folder written beside its registry): access
 * levels, validation and injection attempts, pagination, formats, the listing and the OpenAPI
 * description, timeouts and metrics. Expected answers come from the SPARQL endpoint, asked
 * directly by the same caller.
 */
class TapApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIXES = "PREFIX schema: <https://schema.org/>\nPREFIX regie: <https://w3id.org/regie#>\n";
    static final String NAMES_QUERY = PREFIXES + "SELECT ?name WHERE { ?item schema:name ?name ; regie:communeCode ?code } ORDER BY ?name";

    @TempDir
    static Path dir;
    static AccessFixture fixture;
    static ServerContext ctx;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        fixture = AccessFixture.create(dir);
        Path taps = Files.createDirectories(dir.resolve("taps"));
        Files.writeString(taps.resolve("names.rq"), """
                # Facilities and their commune
                #
                # Every facility the caller may see, by name.
                # @param commune xsd:token pattern=[0-9]{5} — only the facilities of this commune (INSEE code)
                PREFIX schema: <https://schema.org/>
                PREFIX regie: <https://w3id.org/regie#>
                SELECT ?item ?name ?code WHERE {
                  ?item schema:name ?name ; regie:communeCode ?code .
                  FILTER (!BOUND(?commune) || ?code = STR(?commune))
                } ORDER BY ?name ?item
                """);
        Files.writeString(taps.resolve("search.rq"), """
                # Names containing a text
                # @param q xsd:string required — the text
                PREFIX schema: <https://schema.org/>
                SELECT ?name WHERE { ?s schema:name ?name FILTER (CONTAINS(?name, ?q)) } ORDER BY ?name
                """);
        Files.writeString(taps.resolve("echo.rq"), """
                # Every type, echoed
                # @param n xsd:integer default=7 — a number
                # @param d xsd:decimal — a decimal
                # @param b xsd:boolean — a boolean
                # @param day xsd:date — a date
                # @param place IRI pattern=commune/[0-9]{5} — a commune
                # @param kind xsd:string enum=bike,rail — a kind
                SELECT ?n ?d ?b ?day ?place ?kind WHERE { } 
                """.replace("WHERE { }", "WHERE { BIND (?n AS ?n0) BIND (?d AS ?d0) BIND (?b AS ?b0) BIND (?day AS ?day0) BIND (?place AS ?p0) BIND (?kind AS ?k0) }"));
        Files.writeString(taps.resolve("facilities.rq"), """
                # Facilities as a graph
                PREFIX schema: <https://schema.org/>
                PREFIX regie: <https://w3id.org/regie#>
                CONSTRUCT { ?s a regie:Facility ; schema:name ?name } WHERE { ?s a regie:Facility ; schema:name ?name } ORDER BY ?s
                """);
        Files.writeString(taps.resolve("slow.rq"), """
                # A slow query
                SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }
                """);
        Files.writeString(taps.resolve("broken.rq"), """
                # Broken: unknown type
                # @param x xsd:float — x
                SELECT ?x WHERE { BIND (?x AS ?y) }
                """);
        ctx = fixture.context(ServerSettings.defaults(0));
        server = TestServer.start(ctx, List.of(new TapFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The names the SPARQL endpoint gives this caller: the expected answer, computed apart. */
    static List<String> sparqlNames(String query, String... key) throws Exception {
        List<String> h = new ArrayList<>(List.of("Accept", "text/csv"));
        h.addAll(Arrays.asList(key));
        HttpResponse<String> r = server.get("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), h.toArray(String[]::new));
        assertEquals(200, r.statusCode(), r.body());
        List<String> lines = new ArrayList<>(r.body().replace("\r", "").lines().toList());
        lines.remove(0);
        return lines;
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("@graph").forEach(row -> out.add(row.get("name").asText()));
        return out;
    }

    static void assertProblem(HttpResponse<String> r, int status, String... words) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        JsonNode p = json(r);
        assertEquals(status, p.get("status").asInt());
        for (String w : words) {
            assertTrue(p.get("detail").asText().contains(w), w + " not in " + p);
        }
    }

    @Test
    void eachCallerSeesWhatTheSparqlEndpointShowsIt() throws Exception {
        for (String[] key : new String[][] {{}, {"X-API-Key", "k-sncf"}, {"X-API-Key", "k-velib"}, {"Authorization", "Bearer k-admin"}}) {
            HttpResponse<String> r = server.get("/api/names", key);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(sparqlNames(NAMES_QUERY, key), names(json(r)), "caller " + Arrays.toString(key));
        }
        assertFalse(names(json(server.get("/api/names"))).contains("Secret"));
        assertTrue(names(json(server.get("/api/names", "X-API-Key", "k-velib"))).contains("Secret"));
        // Bound as a term: only the commune's facilities.
        assertEquals(sparqlNames(NAMES_QUERY.replace("} ORDER", "FILTER (?code = \"93001\") } ORDER"), "X-API-Key", "k-velib"),
                names(json(server.get("/api/names?commune=93001", "X-API-Key", "k-velib"))));
    }

    @Test
    void badCallsAre400NamingTheParameter() throws Exception {
        assertProblem(server.get("/api/names?commune=9306"), 400, "commune", "pattern");
        assertProblem(server.get("/api/names?commune=" + URLEncoder.encode("93066\" } UNION { ?s ?p ?o } #", StandardCharsets.UTF_8)), 400, "commune");
        assertProblem(server.get("/api/names?town=93066"), 400, "unknown parameter town");
        assertProblem(server.get("/api/names?commune=93066&commune=93001"), 400, "commune", "2 times");
        assertProblem(server.get("/api/search"), 400, "q is required");
        assertProblem(server.get("/api/names?limit=0"), 400, "limit");
        assertProblem(server.get("/api/names?limit=10001"), 400, "limit");
        assertProblem(server.get("/api/names?offset=-1"), 400, "offset");
        assertProblem(server.get("/api/echo?day=2023-02-29"), 400, "day", "date");
        assertProblem(server.get("/api/echo?place=" + URLEncoder.encode("http://evil.example/id/commune/93066", StandardCharsets.UTF_8)), 400, "place");
        assertProblem(server.get("/api/echo?place=departement/93"), 400, "place", "pattern");
        assertProblem(server.get("/api/echo?kind=car"), 400, "kind", "bike, rail");
        assertProblem(server.get("/api/nope"), 404, "nope");
        assertProblem(server.get("/api/broken"), 404, "broken");
        assertProblem(server.get("/api/names", "Accept", "image/png"), 406, "text/csv");
        assertProblem(server.get("/api/facilities", "Accept", "text/csv"), 406, "text/turtle");
        assertProblem(server.get("/api/names", "X-API-Key", "nobody"), 401);
    }

    @Test
    void aFreeStringIsALiteralNeverQueryText() throws Exception {
        String attack = "\") || true) } UNION { ?s ?p ?name } #";
        HttpResponse<String> r = server.get("/api/search?q=" + URLEncoder.encode(attack, StandardCharsets.UTF_8), "X-API-Key", "k-admin");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of(), names(json(r)), "nothing contains the attack text");
        List<String> all = sparqlNames(PREFIXES + "SELECT ?name WHERE { ?s schema:name ?name } ORDER BY ?name", "X-API-Key", "k-admin");
        assertEquals(all.stream().filter(n -> n.contains("ar")).toList(),
                names(json(server.get("/api/search?q=ar", "X-API-Key", "k-admin"))));
    }

    @Test
    void valuesComeBackAsSimpleJson() throws Exception {
        JsonNode row = json(server.get("/api/echo?d=2.50&b=1&day=2024-02-29&place=commune/93066&kind=rail")).get("@graph").get(0);
        assertEquals(7, row.get("n").asInt(), "the default");
        assertTrue(row.get("n").isIntegralNumber() && row.get("d").isNumber() && row.get("b").isBoolean(), row.toString());
        assertEquals(2.5, row.get("d").asDouble());
        assertTrue(row.get("b").asBoolean());
        assertEquals("2024-02-29", row.get("day").asText());
        assertEquals(AccessFixture.BASE + "id/commune/93066", row.get("place").get("@id").asText());
        assertEquals("rail", row.get("kind").asText());
        JsonNode full = json(server.get("/api/echo?place=" + URLEncoder.encode(AccessFixture.BASE + "id/commune/93001", StandardCharsets.UTF_8)));
        assertEquals(AccessFixture.BASE + "id/commune/93001", full.get("@graph").get(0).get("place").get("@id").asText());
        assertFalse(full.get("@graph").get(0).has("d"), "an unbound value is left out");
    }

    private static Optional<String> link(HttpResponse<String> r, String rel) {
        String header = r.headers().firstValue("Link").orElse("");
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Test
    void pagesFollowNextUntilTheEndWithEveryRowOnce() throws Exception {
        List<String> expected = sparqlNames(NAMES_QUERY, "X-API-Key", "k-admin");
        assertTrue(expected.size() >= 4, expected.toString());
        List<String> seen = new ArrayList<>();
        String url = server.base() + "/api/names?limit=1";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = server.get(url.substring(server.base().length()), "X-API-Key", "k-admin");
            assertEquals(200, r.statusCode(), r.body());
            List<String> rows = names(json(r));
            assertEquals(1, rows.size());
            seen.addAll(rows);
            assertTrue(link(r, "first").orElseThrow().endsWith("/api/names?limit=1&offset=0"), r.headers().toString());
            assertEquals(pages > 0, link(r, "prev").isPresent());
            pages++;
            url = link(r, "next").orElse(null);
        }
        assertEquals(expected, seen);
        assertEquals(expected.size(), pages);
        // Parameters are kept in the links, encoded.
        HttpResponse<String> r = server.get("/api/names?commune=93066&limit=1&offset=1", "X-API-Key", "k-admin");
        assertEquals(server.base() + "/api/names?commune=93066&limit=1&offset=0", link(r, "prev").orElseThrow());
    }

    @Test
    void csvAndJsonCarryTheSameRows() throws Exception {
        HttpResponse<String> csv = server.get("/api/names", "Accept", "text/csv;q=0.9, application/json;q=0.5");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        List<String> lines = csv.body().replace("\r", "").lines().toList();
        assertEquals("item,name,code", lines.get(0));
        HttpResponse<String> js = server.get("/api/names", "Accept", "application/ld+json");
        assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("application/ld+json"));
        JsonNode doc = json(js);
        assertTrue(doc.get("@context").has("@vocab"));
        List<String> fromJson = new ArrayList<>();
        doc.get("@graph").forEach(row -> fromJson.add(row.get("item").get("@id").asText() + "," + row.get("name").asText() + "," + row.get("code").asText()));
        assertEquals(lines.subList(1, lines.size()), fromJson);
    }

    @Test
    void constructTapsAnswerJsonLdOrTurtle() throws Exception {
        HttpResponse<String> ttl = server.get("/api/facilities", "Accept", "text/turtle", "X-API-Key", "k-velib");
        assertEquals(200, ttl.statusCode(), ttl.body());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(ttl.body())).lang(Lang.TURTLE).parse(g);
        List<String> names = sparqlNames(PREFIXES + "SELECT ?name WHERE { ?s a regie:Facility ; schema:name ?name } ORDER BY ?name", "X-API-Key", "k-velib");
        assertEquals(2 * names.size(), g.size(), ttl.body());
        HttpResponse<String> ld = server.get("/api/facilities?limit=2", "Accept", "application/ld+json", "X-API-Key", "k-admin");
        JsonNode doc = json(ld);
        assertNotNull(doc.get("@context"), ld.body());
        Set<String> ids = new HashSet<>();
        // No context in this tap folder: Régie's packaged context, where "id" stands for @id.
        doc.get("@graph").forEach(n -> ids.add(n.get("id").asText()));
        assertEquals("https://schema.org/", doc.get("@context").get("schema").asText(), ld.body());
        assertEquals(2, ids.size(), ld.body());
        assertTrue(link(ld, "next").isPresent(), "two of the four facilities, more follow");
        JsonNode one = json(server.get("/api/facilities?limit=1"));
        assertEquals(1, one.get("@graph").size(), "a single node is still in @graph: " + one);
        HttpResponse<String> anon = server.get("/api/facilities", "Accept", "text/turtle");
        assertFalse(anon.body().contains("Secret") || anon.body().contains("Partagé"), anon.body());
    }

    @Test
    void listingAndOpenApiDescribeEveryTap() throws Exception {
        JsonNode list = json(server.get("/api"));
        List<String> names = new ArrayList<>();
        list.get("taps").forEach(t -> names.add(t.get("name").asText()));
        assertEquals(List.of("echo", "facilities", "names", "search", "slow"), names, "the broken tap is left out");
        HttpResponse<String> r = server.get("/api/openapi.json");
        assertEquals(200, r.statusCode());
        JsonNode api = json(r);
        assertTrue(api.get("openapi").asText().startsWith("3."));
        assertFalse(api.get("info").get("title").asText().isBlank());
        assertFalse(api.get("info").get("version").asText().isBlank());
        assertEquals(server.base(), api.get("servers").get(0).get("url").asText());
        JsonNode schemes = api.get("components").get("securitySchemes");
        assertEquals("header", schemes.get("apiKey").get("in").asText());
        assertEquals("X-API-Key", schemes.get("apiKey").get("name").asText());
        Taps taps = Taps.load(dir.resolve("taps"), AccessFixture.BASE);
        for (Tap tap : taps.taps()) {
            JsonNode op = api.get("paths").get("/api/" + tap.name()).get("get");
            assertNotNull(op, tap.name());
            assertEquals(tap.title(), op.get("summary").asText());
            for (TapParam p : tap.params()) {
                JsonNode declared = null;
                for (JsonNode q : op.get("parameters")) {
                    if (p.name().equals(q.path("name").asText())) {
                        declared = q;
                    }
                }
                JsonNode schema = declared == null ? null : declared.get("schema");
                assertNotNull(declared, tap.name() + " " + p.name());
                assertEquals("query", declared.get("in").asText());
                assertEquals(p.required(), declared.get("required").asBoolean());
                assertTrue(declared.get("schema").has("type"));
                if (p.type() == ParamType.IRI) {
                    // The full IRI or the short form (TapContractTest compares it with the server's decisions).
                    assertEquals(OpenApi.iriPattern(p, AccessFixture.BASE), schema.get("pattern").asText());
                } else if (schema.get("type").asText().equals("string")) {
                    p.pattern().ifPresent(x -> assertEquals("^(?:" + x.pattern() + ")$", schema.get("pattern").asText()));
                } else {
                    assertFalse(schema.has("pattern"), "a pattern is for strings only");
                }
            }
            for (String status : List.of("200", "400", "401", "404", "429", "503")) {
                assertTrue(op.get("responses").has(status), tap.name() + " " + status);
            }
        }
        assertEquals("integer", api.at("/paths/~1api~1echo/get/parameters/0/schema/type").asText());
        assertEquals(7, api.at("/paths/~1api~1echo/get/parameters/0/schema/default").asInt());
        assertTrue(api.at("/paths/~1api~1names/get/responses/200/content").has("text/csv"));
        assertTrue(api.at("/paths/~1api~1facilities/get/responses/200/content").has("text/turtle"));
        // Every reference resolves inside the document.
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(api.at(ref.substring(1)).isMissingNode(), ref);
        }
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }

    @Test
    void timeoutsAre503AndEveryAnswerIsCounted() throws Exception {
        ServerSettings tight = new ServerSettings(0, true, Duration.ofMillis(200), 10_000, 20_000, 600, 6_000, false, Optional.empty());
        ServerContext slowCtx = fixture.context(tight);
        try (TestServer s = TestServer.start(slowCtx, List.of(new TapFeature()))) {
            assertProblem(s.get("/api/slow", "X-API-Key", "k-admin"), 503, "time limit");
            s.get("/api/names");
            s.get("/api/names");
            s.get("/api/names?commune=x");
            s.get("/api/nope");
            var meters = slowCtx.meters();
            assertEquals(1, count(meters, "slow", "503", 1));
            assertEquals(2, count(meters, "names", "200", 2));
            assertEquals(1, count(meters, "names", "400", 1));
            assertEquals(1, count(meters, TapServlet.UNKNOWN, "404", 1));
        }
    }

    /** A tap counter; an answer is counted once it is sent, so wait a little for the expected count. */
    private static double count(io.micrometer.core.instrument.MeterRegistry meters, String tap, String status, double expected)
            throws InterruptedException {
        double seen = 0;
        for (int i = 0; i < 100; i++) {
            var c = meters.find("regie.tap.requests").tags("tap", tap, "status", status).counter();
            seen = c == null ? 0 : c.count();
            if (seen >= expected) {
                return seen;
            }
            Thread.sleep(20);
        }
        return seen;
    }

    @Test
    void aRegistryReloadReadsTheTapsAgain() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("taps-reloaded"));
        String tap = """
                # Names
                PREFIX schema: <https://schema.org/>
                SELECT ?name WHERE { ?s schema:name ?name } ORDER BY ?name
                """;
        Files.writeString(folder.resolve("first.rq"), tap);
        ServerContext own = fixture.context(ServerSettings.defaults(0));
        try (TestServer s = TestServer.start(own, List.of(new TapFeature(folder)))) {
            assertEquals(404, s.get("/api/second").statusCode());
            Files.writeString(folder.resolve("second.rq"), tap);
            Files.delete(folder.resolve("first.rq"));
            own.reload(fixture.registry());
            assertEquals(200, s.get("/api/second").statusCode(), "a tap added before the reload is served");
            assertEquals(404, s.get("/api/first").statusCode(), "a tap removed before the reload is gone");
            List<String> names = new ArrayList<>();
            json(s.get("/api")).get("taps").forEach(t -> names.add(t.get("name").asText()));
            assertEquals(List.of("second"), names);
        }
    }
}
