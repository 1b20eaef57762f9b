package fr.regie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.sparql.Truncation;
import fr.regie.testing.TestServer;

/**
 * Answers cut at the result limit, over real HTTP: SELECT in rows, CONSTRUCT and DESCRIBE in
 * triples (issue 8: a 200-triple template returned 264 MB), each cut announced by the header
 * and, where the format has room, in the body; answers within the limit carry neither. The
 * Graph Store Protocol sends whole graphs up to the limit and refuses larger ones, the union
 * included, pointing at the dumps.
 */
class TruncationTest {
    static final int LIMIT = 7;

    @TempDir
    static Path dir;
    static AccessFixture fixture;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        fixture = AccessFixture.create(dir);
        ServerSettings s = new ServerSettings(0, true, Duration.ofSeconds(30), LIMIT, 20_000, 10_000, 10_000, false, Optional.empty());
        server = TestServer.start(fixture.context(s), List.of());
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

    static HttpResponse<String> ask(String query, String accept) throws Exception {
        HttpResponse<String> r = server.get("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "Accept", accept,
                "X-API-Key", "k-admin");
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    static Optional<String> cut(HttpResponse<String> r) {
        return r.headers().firstValue(Truncation.HEADER);
    }

    static final String ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";

    @Test
    void selectCutIsAnnouncedInEveryFormat() throws Exception {
        Map<String, Lang> formats = Map.of("application/sparql-results+json", ResultSetLang.RS_JSON,
                "application/sparql-results+xml", ResultSetLang.RS_XML, "text/csv", ResultSetLang.RS_CSV,
                "text/tab-separated-values", ResultSetLang.RS_TSV);
        for (var f : formats.entrySet()) {
            HttpResponse<String> r = ask(ALL, f.getKey());
            assertEquals(Optional.of("results; limit=" + LIMIT), cut(r), f.getKey());
            String body = r.body().replace("\r", "");
            String data = body;
            if (!f.getKey().endsWith("json")) {
                String last = body.strip().lines().reduce((a, b) -> b).orElseThrow();
                assertTrue(last.startsWith(f.getKey().endsWith("xml") ? "<!-- truncated: only the first " + LIMIT + " results"
                        : "# truncated: only the first " + LIMIT + " results"), f.getKey() + " ends with " + last);
                data = body.substring(0, body.lastIndexOf(last));
            } else {
                JsonNode json = new ObjectMapper().readTree(body);
                assertEquals(LIMIT, json.get("truncated").get("limit").asInt(), body);
                assertEquals("results", json.get("truncated").get("unit").asText(), body);
            }
            // Jena's own readers take the answer (for CSV and TSV, without the comment line).
            var rows = ResultSetFactory.copyResults(ResultSetMgr.read(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), f.getValue()));
            assertEquals(LIMIT, rows.size(), f.getKey());
        }
    }

    @Test
    void answersWithinTheLimitSayNothing() throws Exception {
        for (String q : List.of(ALL + " LIMIT " + (LIMIT - 2), "SELECT ?n WHERE { ?s <https://schema.org/name> ?n }",
                "CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <https://schema.org/name> ?o } LIMIT 2")) {
            for (String accept : List.of("text/csv", "application/sparql-results+json", "application/n-triples")) {
                if (q.startsWith("CONSTRUCT") != accept.equals("application/n-triples")) {
                    continue;
                }
                HttpResponse<String> r = ask(q, accept);
                assertEquals(Optional.empty(), cut(r), q);
                assertFalse(r.body().contains("truncated"), q + ":\n" + r.body());
            }
        }
        assertEquals(Optional.of("results; limit=" + LIMIT), cut(ask(ALL + " LIMIT 1000", "text/csv")), "a LIMIT above the server's is cut too");
        HttpResponse<String> app = server.get("/sparql?query=" + URLEncoder.encode(ALL, StandardCharsets.UTF_8), "Origin", "https://app.example");
        assertTrue(app.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains(Truncation.HEADER), "browser apps may read it");
    }

    @Test
    void constructIsCutInTriples() throws Exception {
        // The issue's shape: a large template over many solutions.
        String template = IntStream.range(0, 200).mapToObj(i -> "?s <urn:p" + i + "> ?o .").collect(Collectors.joining(" "));
        String construct = "CONSTRUCT { " + template + " } WHERE { ?s ?p ?o }";
        HttpResponse<String> nt = ask(construct, "application/n-triples");
        assertEquals(Optional.of("triples; limit=" + LIMIT), cut(nt));
        List<String> lines = nt.body().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(LIMIT, lines.stream().filter(l -> !l.startsWith("#")).count(), nt.body());
        assertTrue(lines.get(lines.size() - 1).startsWith("# truncated: only the first " + LIMIT + " triples"), nt.body());
        assertEquals(LIMIT, parse(ask(construct, "text/turtle").body(), Lang.TURTLE).size(), "Turtle readers skip the comment");
    }

    @Test
    void describeIsCutInTriples() throws Exception {
        HttpResponse<String> r = ask("DESCRIBE ?s WHERE { ?s ?p ?o }", "text/turtle");
        assertEquals(Optional.of("triples; limit=" + LIMIT), cut(r));
        assertEquals(LIMIT, parse(r.body(), Lang.TURTLE).size(), r.body());
        assertTrue(r.body().strip().endsWith("# truncated: only the first " + LIMIT + " triples were sent (the server's limit); "
                + "narrow the query, or download the dataset's dump"), r.body());
        HttpResponse<String> one = ask("DESCRIBE <https://t.example/id/stations/1>", "text/turtle");
        assertEquals(Optional.empty(), cut(one), one.body());
        assertTrue(parse(one.body(), Lang.TURTLE).size() > 0, one.body());
    }

    private static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).parse(g);
        return g;
    }

    @Test
    void graphStoreSendsWholeGraphsUpToTheLimitOnly() throws Exception {
        // The limit: the smallest graph's size; the largest graph must then be refused. Asked by
        // Vélib', who sees every graph (the operator's view is the store itself, whose stored
        // default graph is empty).
        TreeMap<Long, String> bySize = new TreeMap<>();
        Txn.executeRead(fixture.store().dataset(), () -> fixture.store().dataset().listGraphNodes()
                .forEachRemaining(g -> bySize.put((long) fixture.store().dataset().getGraph(g).size(), g.getURI())));
        long limit = bySize.firstKey();
        assertTrue(bySize.lastKey() > limit, "graphs of different sizes: " + bySize);
        ServerSettings s = new ServerSettings(0, true, Duration.ofSeconds(30), limit, 20_000, 10_000, 10_000, false, Optional.empty());
        try (TestServer gsp = TestServer.start(fixture.context(s), List.of())) {
            HttpResponse<String> whole = gsp.get(graph(bySize.get(limit)), "Accept", "text/turtle", "X-API-Key", "k-velib");
            assertEquals(200, whole.statusCode(), whole.body());
            assertEquals(limit, parse(whole.body(), Lang.TURTLE).size(), "a graph of exactly the limit is sent whole");
            for (String path : List.of("/data?default", "/data", graph(bySize.lastEntry().getValue()))) {
                HttpResponse<String> big = gsp.get(path, "Accept", "text/turtle", "X-API-Key", "k-velib");
                assertEquals(403, big.statusCode(), path + ": " + big.body());
                assertTrue(big.body().contains("more than " + limit + " triples") && big.body().contains("/datasets/{id}/dump.nq.gz"),
                        path + ": " + big.body());
            }
        }
    }

    private static String graph(String iri) {
        return "/data?graph=" + URLEncoder.encode(iri, StandardCharsets.UTF_8);
    }
}
