package fr.regie.server.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.AccessFixture;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.assets.AssetsFeature;
import fr.regie.server.http.JsonLdContext;
import fr.regie.testing.TestServer;

/**
 * What {@code /api/openapi.json} promises is what the server does: an IRI parameter's pattern
 * accepts exactly the values the server takes (generated values, each asked of the server), an
 * integer's bounds are those of its pattern, an IRI naming nothing the caller may see is a 404,
 * every row value has its column's declared type (for every caller); the console for browsers.
 */
class TapContractTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @TempDir
    static Path dir;
    static AccessFixture fixture;
    static TestServer server;
    static JsonNode api;

    @BeforeAll
    static void start() throws Exception {
        fixture = AccessFixture.create(dir);
        Path taps = Files.createDirectories(dir.resolve("taps"));
        Files.writeString(taps.resolve("place.rq"), """
                # A place and what is in it
                # @param place IRI required pattern=(commune|secret|stations)/[0-9]{1,5} — the place
                # @param radius xsd:integer default=0 pattern=[0-9]{1,4} — metres
                PREFIX schema: <https://schema.org/>
                PREFIX regie: <https://w3id.org/regie#>
                PREFIX igeo: <http://rdf.insee.fr/def/geo#>
                SELECT ?place ?name ?code ?n ?half ?big ?named ?mixed WHERE {
                  OPTIONAL { ?place igeo:nom ?name ; igeo:codeINSEE ?code }
                  OPTIONAL { ?place schema:name ?name }
                  BIND (STRLEN(COALESCE(?name, "")) AS ?n)
                  BIND (?n / 2 AS ?half)
                  BIND (?radius > 100 AS ?big)
                  BIND (BOUND(?name) AS ?named)
                  BIND (IF(?n > 5, ?name, ?n) AS ?mixed)
                } ORDER BY ?place
                """);
        Files.writeString(taps.resolve("anywhere.rq"), """
                # Anything under id/
                # @param thing IRI required — any resource
                SELECT ?thing (COUNT(?p) AS ?triples) WHERE { ?thing ?p ?o } GROUP BY ?thing ORDER BY ?thing
                """);
        ServerContext ctx = fixture.context(ServerSettings.defaults(0));
        server = TestServer.start(ctx, List.of(new TapFeature(), new AssetsFeature()));
        api = JSON.readTree(server.get("/api/openapi.json").body());
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

    static JsonNode param(String tap, String name) {
        for (JsonNode p : api.at("/paths/~1api~1" + tap + "/get/parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError(tap + " " + name);
    }

    /** Does the server take {@code value} for the parameter (anything but a 400)? */
    static boolean serverTakes(String tap, String param, String value) throws Exception {
        int status = server.get("/api/" + tap + "?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + (tap.equals("place") && !param.equals("place") ? "&place=commune/93066" : "")).statusCode();
        assertTrue(status == 200 || status == 404 || status == 400, value + ": " + status);
        return status != 400;
    }

    static List<String> candidates(String base, Random random) {
        List<String> out = new ArrayList<>(List.of("commune/93066", "commune/1", "commune/123456", "secret/1", "stations/2", "region/11",
                "commune/", "commune//1", "/commune/1", "commune/1/", "commune/9 3", "commune/93066 ", "commune%2F1", "commune/١٢",
                base + "id/commune/93066", base + "id/secret/1", base + "id/", base + "commune/1", "https://other.example/id/commune/1",
                base + "id/" + base + "id/commune/1", "Commune/1", "commune/1a", "commune/1.5", "stations/~1", "commune/-1", ""));
        String[] parts = {"commune", "secret", "stations", "region", "/", "1", "93066", "123456", ".", "~", "-", "_", "a", "é", " ", ":",
            base + "id/", "?", "#", "%"};
        for (int i = 0; i < 120; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int j = 0; j < n; j++) {
                b.append(parts[random.nextInt(parts.length)]);
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void anIriPatternAcceptsExactlyWhatTheServerTakes() throws Exception {
        Random random = new Random(10);
        for (String[] tp : new String[][] {{"place", "place"}, {"anywhere", "thing"}}) {
            JsonNode schema = param(tp[0], tp[1]).get("schema");
            Pattern regex = Pattern.compile(schema.get("pattern").asText());
            int max = schema.get("maxLength").asInt();
            int taken = 0;
            for (String v : candidates(AccessFixture.BASE, random)) {
                boolean described = v.length() <= max && regex.matcher(v).find();
                boolean server = serverTakes(tp[0], tp[1], v);
                assertEquals(server, described, tp[0] + "." + tp[1] + " = \"" + v + "\"");
                taken += server ? 1 : 0;
            }
            assertTrue(taken > 5, "some values are taken");
        }
        String longIri = "commune/" + "1".repeat(2000);
        assertFalse(serverTakes("anywhere", "thing", longIri));
    }

    @Test
    void anIntegerHasTheBoundsOfItsPattern() throws Exception {
        JsonNode schema = param("place", "radius").get("schema");
        assertEquals("integer", schema.get("type").asText());
        long min = schema.get("minimum").asLong();
        long max = schema.get("maximum").asLong();
        assertEquals(0, min);
        assertEquals(9999, max);
        for (long v : new long[] {-1, 0, 1, 500, 9998, 9999, 10000, 123456, Long.MAX_VALUE}) {
            assertEquals(v >= min && v <= max, serverTakes("place", "radius", Long.toString(v)), "radius=" + v);
        }
        assertEquals(java.util.Optional.empty(), PatternBounds.of(Pattern.compile("[1-9][0-9]*")));
        assertEquals(-999, PatternBounds.of(Pattern.compile("-?[0-9]{1,3}")).orElseThrow().min().intValue());
    }

    @Test
    void anIriNamingNothingTheCallerMaySeeIs404NamingTheParameter() throws Exception {
        HttpResponse<String> unknown = server.get("/api/place?place=commune/99999");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(JSON.readTree(unknown.body()).get("detail").asText().contains("parameter place"), unknown.body());
        assertEquals(200, server.get("/api/place?place=commune/93066").statusCode());
        // The restricted item exists for velib only: for everyone else it names nothing.
        assertEquals(404, server.get("/api/place?place=secret/1").statusCode());
        assertEquals(404, server.get("/api/place?place=secret/1", "X-API-Key", "k-sncf").statusCode());
        assertEquals(200, server.get("/api/place?place=secret/1", "X-API-Key", "k-velib").statusCode());
        assertEquals(200, server.get("/api/place?place=secret/1", "X-API-Key", "k-admin").statusCode());
        assertTrue(api.at("/paths/~1api~1place/get/responses/404/description").asText().contains("place"));
    }

    /** Whether a JSON value is of what a column schema declares. */
    static boolean fits(JsonNode value, JsonNode column) {
        if (!column.has("type")) {
            return true;
        }
        return switch (column.get("type").asText()) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "string" -> value.isTextual();
            case "object" -> value.isObject() && value.path("@id").isTextual();
            default -> false;
        };
    }

    @Test
    void everyRowValueHasItsColumnsDeclaredType() throws Exception {
        JsonNode cols = api.at("/paths/~1api~1place/get/responses/200/content/application~1json/schema/properties/@graph/items/properties");
        Map<String, String> declared = new LinkedHashMap<>();
        cols.properties().forEach(e -> declared.put(e.getKey(), e.getValue().path("type").asText("any")));
        assertEquals(Map.of("place", "object", "name", "string", "code", "string", "n", "integer", "half", "number", "big", "boolean",
                "named", "boolean", "mixed", "any"), declared);
        assertEquals("integer", api.at("/paths/~1api~1anywhere/get/responses/200/content/application~1json/schema/properties/@graph"
                + "/items/properties/triples/type").asText());
        int checked = 0;
        for (String key : new String[] {null, "k-velib", "k-sncf", "k-admin"}) {
            for (String[] call : new String[][] {{"place", "place=commune/93066&radius=500"}, {"place", "place=secret/1"},
                {"place", "place=stations/1"}, {"anywhere", "thing=commune/93001"}}) {
                HttpResponse<String> r = key == null ? server.get("/api/" + call[0] + "?" + call[1])
                        : server.get("/api/" + call[0] + "?" + call[1], "X-API-Key", key);
                if (r.statusCode() == 404) {
                    continue;
                }
                assertEquals(200, r.statusCode(), r.body());
                JsonNode schema = api.at("/paths/~1api~1" + call[0] + "/get/responses/200/content/application~1json/schema/properties/@graph/items/properties");
                for (JsonNode row : JSON.readTree(r.body()).get("@graph")) {
                    for (var e : row.properties()) {
                        assertTrue(schema.has(e.getKey()), e.getKey());
                        assertTrue(fits(e.getValue(), schema.get(e.getKey())), call[1] + " " + e.getKey() + "=" + e.getValue());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 20, "values checked: " + checked);
    }

    /** The document's shape, checked against the taps themselves (OpenAPI 3.0's required members, and what each tap takes and gives). */
    @Test
    void theDescriptionsShapeFollowsTheTaps() throws Exception {
        assertTrue(api.get("openapi").asText().matches("3\\.0\\.\\d+"));
        assertFalse(api.at("/info/title").asText().isBlank());
        Taps taps = Taps.load(dir.resolve("taps"), AccessFixture.BASE);
        java.util.Set<String> ids = new java.util.HashSet<>();
        List<String> paths = new ArrayList<>();
        api.get("paths").fieldNames().forEachRemaining(paths::add);
        List<String> expected = new ArrayList<>(List.of("/api", "/api/openapi.json"));
        taps.taps().forEach(t -> expected.add("/api/" + t.name()));
        assertEquals(expected, paths);
        for (String path : paths) {
            JsonNode op = api.get("paths").get(path).get("get");
            assertTrue(ids.add(op.get("operationId").asText()), "operationIds are unique");
            op.get("responses").properties().forEach(r -> {
                JsonNode resp = r.getValue().has("$ref") ? api.at(r.getValue().get("$ref").asText().substring(1)) : r.getValue();
                assertFalse(resp.path("description").asText().isBlank(), path + " " + r.getKey());
            });
        }
        for (Tap tap : taps.taps()) {
            JsonNode op = api.at("/paths/~1api~1" + tap.name() + "/get");
            List<String> names = new ArrayList<>();
            for (JsonNode p : op.get("parameters")) {
                JsonNode q = p.has("$ref") ? api.at(p.get("$ref").asText().substring(1)) : p;
                names.add(q.get("name").asText());
                assertEquals("query", q.get("in").asText());
                assertTrue(q.get("schema").has("type"), q.toString());
            }
            List<String> declared = new ArrayList<>(tap.params().stream().map(TapParam::name).toList());
            declared.addAll(List.of("limit", "offset"));
            assertEquals(declared, names, tap.name());
            JsonNode content = op.at("/responses/200/content");
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            assertEquals((tap.graph() ? TapOutput.GRAPH : TapOutput.ROWS).stream().map(fr.regie.server.http.MediaFormat::mediaType).toList(), types);
            if (!tap.graph()) {
                List<String> cols = new ArrayList<>();
                content.at("/application~1json/schema/properties/@graph/items/properties").fieldNames().forEachRemaining(cols::add);
                assertEquals(tap.query().getResultVars(), cols, tap.name() + ": one column per variable of the SELECT");
            }
            for (String status : List.of("200", "400", "401", "404", "406", "429", "503")) {
                assertTrue(op.get("responses").has(status), tap.name() + " " + status);
            }
        }
    }

    /** The demo's taps: every column of their rows has a type. */
    @Test
    void theDemoTapsColumnsAreAllTyped() {
        Taps taps = Taps.load(Path.of("examples/plaine-commune/taps"), "https://regie.plaine-commune.example/");
        JsonLdContext context = JsonLdContext.load();
        int columns = 0;
        for (Tap tap : taps.taps()) {
            if (tap.graph()) {
                continue;
            }
            Map<String, RowTypes.Kind> kinds = RowTypes.of(tap, context);
            assertEquals(tap.query().getResultVars(), List.copyOf(kinds.keySet()));
            for (var e : kinds.entrySet()) {
                assertNotEquals(RowTypes.Kind.ANY, e.getValue(), tap.name() + " ?" + e.getKey());
                columns++;
            }
        }
        assertTrue(columns >= 15, "columns " + columns);
        Map<String, RowTypes.Kind> ind = RowTypes.of(taps.tap("indicators").orElseThrow(), context);
        assertEquals(RowTypes.Kind.IRI, ind.get("territory"));
        assertEquals(RowTypes.Kind.INTEGER, ind.get("population_2023"));
        assertEquals(RowTypes.Kind.INTEGER, ind.get("velib_docks"));
        assertEquals(RowTypes.Kind.STRING, ind.get("name"));
        assertEquals(RowTypes.Kind.INTEGER, RowTypes.of(taps.tap("stations-near").orElseThrow(), context).get("distance_m"));
    }

    @Test
    void browsersGetTheConsoleAndClientsTheListing() throws Exception {
        HttpResponse<String> page = server.get("/api", "Accept", BROWSER);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<div id=\"swagger-ui\" data-openapi=\"" + server.base() + "/api/openapi.json\"></div>"));
        java.util.regex.Matcher m = Pattern.compile("(?:src|href)=\"" + Pattern.quote(server.base()) + "/(assets/[^\"]+)\"").matcher(page.body());
        List<String> assets = new ArrayList<>();
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertTrue(assets.containsAll(List.of("assets/api.js", fr.regie.server.assets.Assets.SWAGGER_UI_JS,
                fr.regie.server.assets.Assets.SWAGGER_UI_CSS)), assets.toString());
        for (String a : assets) {
            assertEquals(200, server.get("/" + a).statusCode(), a);
        }
        for (String accept : new String[] {null, "*/*", "application/json", "text/html;q=0.5, application/json"}) {
            HttpResponse<String> r = accept == null ? server.get("/api") : server.get("/api", "Accept", accept);
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], accept);
            assertEquals(2, JSON.readTree(r.body()).get("taps").size());
        }
        assertTrue(server.get("/api?lang=en", "Accept", BROWSER).body().contains("API console"));
    }
}
