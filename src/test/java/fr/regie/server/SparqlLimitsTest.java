package fr.regie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.tap.TapFeature;
import fr.regie.testing.TestServer;

/**
 * Issue 8's reproductions over real HTTP, kept as regression tests: a catastrophic regular
 * expression answers 503 at the timeout, on /sparql and in a tap, whichever way it is called;
 * a client that leaves stops its query's CPU; queries that overflowed Jena's stack, fed a
 * property function nothing or built values geometrically answer 400 with the reason.
 */
class SparqlLimitsTest {
    static final String AS = "a".repeat(2000);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** What "answers at the timeout" may add to it on a busy machine. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static AccessFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AccessFixture.create(dir);
        Files.createDirectories(dir.resolve("taps"));
        Files.writeString(dir.resolve("taps/match.rq"), """
                # Whether a long text matches a pattern
                # @param pattern xsd:string required — a regular expression
                SELECT ?m WHERE { BIND (REGEX("%s", ?pattern) AS ?m) }
                """.formatted(AS));
        Files.writeString(dir.resolve("taps/long.rq"), """
                # Whether a very long text matches a pattern
                # @param pattern xsd:string required — a regular expression
                SELECT ?m WHERE { BIND (REGEX("%s", ?pattern) AS ?m) }
                """.formatted("a".repeat(50_000)));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static ServerSettings settings(Duration timeout, int maxQueryLength) {
        return new ServerSettings(0, true, timeout, 10_000, maxQueryLength, 10_000, 10_000, false, Optional.empty());
    }

    static String sparql(String query) {
        return "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void regexBombsAnswer503AtTheTimeout() throws Exception {
        List<String> bombs = List.of(
                "SELECT ?m WHERE { BIND(REGEX(\"" + AS + "\", \"(a*a*)*b\") AS ?m) }",
                "SELECT ?m WHERE { BIND(\"" + AS + "\" AS ?t) FILTER EXISTS { FILTER(REGEX(?t, \"((a*)*)*b\")) } }",
                "SELECT ?m WHERE { BIND(REPLACE(\"" + AS + "\", \"(a*a*)*b\", \"x\") AS ?m) }",
                "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT ?m WHERE { BIND(fn:matches(\"" + AS + "\", \"(a*a*)*b\") AS ?m) }",
                "PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT ?m WHERE { ?m apf:strSplit (\"" + AS + "\" \"(a*a*)*b\") }");
        try (TestServer s = TestServer.start(fixture.context(settings(TIMEOUT, 20_000)), List.of(new TapFeature()))) {
            for (String bomb : bombs) {
                long start = System.nanoTime();
                HttpResponse<String> r = s.get(sparql(bomb), "Accept", "text/csv");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(503, r.statusCode(), bomb.replace(AS, "a…a") + ": " + r.body());
                assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, bomb.replace(AS, "a…a") + " took " + took);
            }
            long start = System.nanoTime();
            HttpResponse<String> tap = s.get("/api/match?pattern=" + URLEncoder.encode("((a*)*)*b", StandardCharsets.UTF_8));
            assertEquals(503, tap.statusCode(), tap.body());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT.plus(MARGIN)) < 0);
            assertEquals(200, s.get("/api/match?pattern=a%2B").statusCode(), "a sane pattern still answers");
        }
        // A pattern that makes Java's matcher recurse past any thread's stack on a long text: a
        // timeout far away, so that on a crowded machine only the overflow can end it.
        try (TestServer s = TestServer.start(fixture.context(settings(Duration.ofSeconds(120), 20_000)), List.of(new TapFeature()))) {
            HttpResponse<String> deep = s.get("/api/long?pattern=" + URLEncoder.encode("(a|b)*c", StandardCharsets.UTF_8));
            assertEquals(400, deep.statusCode(), deep.body());
            assertTrue(deep.body().contains("recursed too deeply"), deep.body());
        }
    }

    @Test
    void aClientThatLeavesStopsItsQuery() throws Exception {
        // A timeout far away: only the client's departure can stop these queries.
        try (TestServer s = TestServer.start(fixture.context(settings(Duration.ofSeconds(300), 20_000)), List.of(new TapFeature()))) {
            String bomb = "SELECT ?m WHERE { BIND(REGEX(\"" + AS + "\", \"((a*)*)*b\") AS ?m) }";
            String form = "query=" + URLEncoder.encode(bomb, StandardCharsets.UTF_8);
            Map<String, String> requests = Map.of(
                    "GET /sparql", "GET " + sparql(bomb) + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\n\r\n",
                    "POST /sparql", "POST /sparql HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form,
                    "GET /api/match", "GET /api/match?pattern=" + URLEncoder.encode("((a*)*)*b", StandardCharsets.UTF_8)
                            + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            for (var request : requests.entrySet()) {
                Duration quiet = cpuQuietAfterLeaving(s, request.getValue(), request.getKey());
                assertTrue(quiet.compareTo(MARGIN) < 0, request.getKey() + ": the query still burned " + quiet + " after its client left");
            }
            assertEquals(200, s.get(sparql("ASK {}")).statusCode(), "the server still answers");
        }
    }

    /**
     * Sends the request on a raw socket, checks that some server thread burns a core for it,
     * closes the socket, and returns how long the burning threads took to go quiet.
     */
    private static Duration cpuQuietAfterLeaving(TestServer s, String request, String shown) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        URI base = URI.create(s.base());
        Map<Long, Long> busy;
        long left;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);
            Map<Long, Long> before = cpu(mx);
            Thread.sleep(2000);
            busy = new HashMap<>(cpu(mx));
            // Busy: 150 ms of CPU in 2 s at least, what a burner gets even on a crowded machine.
            busy.entrySet().removeIf(e -> e.getValue() - before.getOrDefault(e.getKey(), e.getValue()) < 150_000_000L);
            assertFalse(busy.isEmpty(), shown + ": no thread burned a core while the client waited");
            left = System.nanoTime();
        }
        while (System.nanoTime() - left < Duration.ofSeconds(30).toNanos()) {
            Map<Long, Long> before = cpu(mx);
            Thread.sleep(500);
            Map<Long, Long> after = cpu(mx);
            long burned = busy.keySet().stream().mapToLong(id -> after.getOrDefault(id, 0L) - before.getOrDefault(id, 0L)).sum();
            // Quiet: under 5% of a core over half a second (a starved burner still gets far more).
            if (burned < 25_000_000L) {
                return Duration.ofNanos(System.nanoTime() - left);
            }
        }
        return Duration.ofSeconds(30);
    }

    private static Map<Long, Long> cpu(ThreadMXBean mx) {
        Map<Long, Long> m = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t >= 0) {
                m.put(id, t);
            }
        }
        return m;
    }

    /** Ten CONCATs of ten copies each: 10^10 characters, from 600 characters of query. */
    static String concatBomb() {
        StringBuilder q = new StringBuilder("SELECT (STRLEN(?v10) AS ?n) WHERE { BIND(\"a\" AS ?v0) ");
        for (int i = 1; i <= 10; i++) {
            q.append("BIND(CONCAT(").append(("?v" + (i - 1) + ", ").repeat(9)).append("?v").append(i - 1).append(") AS ?v").append(i).append(") ");
        }
        return q.append("}").toString();
    }

    @Test
    void queriesBadInThemselvesAre400WithTheReason() throws Exception {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("SELECT * WHERE " + "{".repeat(1000) + " ?s ?p ?o " + "}".repeat(1000), "nests"),
                Map.entry("SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o ".repeat(1000) + "}".repeat(1000) + "}", "nests"),
                Map.entry("SELECT (" + "1 + ".repeat(5000) + "1 AS ?x) WHERE {}", "nests"),
                Map.entry("SELECT * WHERE { FILTER(" + "?x + ".repeat(5000) + "1 > 0) }", "nests"),
                Map.entry("PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT * WHERE { ?x apf:str ?y }", "unbound"),
                Map.entry("PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT * WHERE { ?x apf:assign ?y }", "unbound"),
                Map.entry("PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT * WHERE { ?x apf:bnode ?y }", "unbound"),
                Map.entry("PREFIX math: <http://www.w3.org/2005/xpath-functions/math#> SELECT (math:pow(10, 100000000) AS ?x) {}", "would build"),
                Map.entry(concatBomb(), "would build"));
        try (TestServer s = TestServer.start(fixture.context(settings(TIMEOUT, 100_000)), List.of())) {
            for (var e : bad.entrySet()) {
                String shown = e.getKey().substring(0, Math.min(80, e.getKey().length()));
                HttpResponse<String> r = s.post("/sparql", "application/sparql-query", e.getKey(), "Accept", "text/csv");
                assertEquals(400, r.statusCode(), shown + ": " + r.body());
                assertTrue(r.body().contains(e.getValue()), shown + ": " + r.body());
            }
            assertEquals(200, s.get(sparql("SELECT * WHERE " + "{".repeat(50) + " ?s ?p ?o " + "}".repeat(50))).statusCode(),
                    "ordinary nesting still runs");
        }
    }
}
