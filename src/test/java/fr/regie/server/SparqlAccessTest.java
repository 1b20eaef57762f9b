package fr.regie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.status.StatusFeature;
import fr.regie.testing.TestServer;

/**
 * The SPARQL endpoint and the Graph Store Protocol over real HTTP, for each kind of caller and
 * each access level, and every bad request: what a caller may not see is not there at all.
 */
class SparqlAccessTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new StatusFeature()));

    static String q(String query) {
        return "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    static final String NAMES = "SELECT ?n WHERE { ?s <https://schema.org/name> ?n } ORDER BY ?n";
    static final String GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!CONTAINS(STR(?g), '/meta/')) } ORDER BY ?g";

    private static String csv(String query, String... headers) throws Exception {
        String[] h = new String[headers.length + 2];
        h[0] = "Accept";
        h[1] = "text/csv";
        System.arraycopy(headers, 0, h, 2, headers.length);
        HttpResponse<String> r = server.get(q(query), h);
        assertEquals(200, r.statusCode(), r.body());
        return r.body().replace("\r", "");
    }

    @Test
    void anonymousSeesPublicDataOnly() throws Exception {
        assertEquals("n\nGare\nMairie\n", csv(NAMES));
        assertEquals("g\nhttps://t.example/graph/stations\nhttps://t.example/graph/territory\n", csv(GRAPHS));
        assertEquals("n\n", csv("SELECT ?n WHERE { GRAPH <https://t.example/graph/secret> { ?s ?p ?n } }"),
                "a restricted graph is not there, even named");
    }

    @Test
    void partnersSeePartnerDataAndTheirRestrictedData() throws Exception {
        assertEquals("n\nGare\nMairie\nPartagé\n", csv(NAMES, "X-API-Key", "k-sncf"));
        assertEquals("n\nGare\nMairie\nPartagé\nSecret\n", csv(NAMES, "X-API-Key", "k-velib"));
        assertEquals("n\nGare\nMairie\nPartagé\nSecret\n", csv(NAMES, "Authorization", "Bearer k-admin"));
    }

    /** The outside probe that found restricted data through paths and DESCRIBE (issue 8), kept as a regression test. */
    @Test
    void pathsDescribeAndGraphVariablesSeeNoMoreThanPatterns() throws Exception {
        String all = "SELECT (COUNT(*) AS ?n) WHERE { ?s (<urn:x>|!<urn:x>) ?o }";
        String plain = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
        for (String[] who : new String[][] {{}, {"X-API-Key", "k-sncf"}, {"X-API-Key", "k-velib"}}) {
            assertEquals(csv(plain, who), csv(all, who), "a negated property set counts what plain patterns count");
        }
        assertTrue(Long.parseLong(csv(all).split("\n")[1]) < Long.parseLong(csv(all, "X-API-Key", "k-velib").split("\n")[1]));
        String names = "SELECT ?d WHERE { ?s (<https://schema.org/name>|<urn:x>) ?d } ORDER BY ?d";
        assertEquals("d\nGare\nMairie\n", csv(names));
        assertEquals("d\nGare\nMairie\nPartagé\nSecret\n", csv(names, "X-API-Key", "k-velib"));
        String graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s (<https://schema.org/name>|<urn:x>)+ ?o } } ORDER BY ?g";
        assertEquals("g\nhttps://t.example/graph/stations\n", csv(graphs));
        assertFalse(csv("ASK { ?s (<urn:x>|!<urn:x>)+ \"Secret\" }").contains("true"));
        assertTrue(csv("ASK { ?s (<urn:x>|!<urn:x>)+ \"Secret\" }", "X-API-Key", "k-velib").contains("true"));
        for (String describe : List.of("DESCRIBE <https://t.example/id/secret/1>",
                "DESCRIBE ?a WHERE { ?a ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s !<urn:x> ?o . ?s ?p ?o }")) {
            HttpResponse<String> anon = server.get(q(describe), "Accept", "application/n-triples");
            assertEquals(200, anon.statusCode(), anon.body());
            assertFalse(anon.body().contains("secret") || anon.body().contains("Secret") || anon.body().contains("Partagé"),
                    describe + " for anyone:\n" + anon.body());
            HttpResponse<String> owner = server.get(q(describe), "Accept", "application/n-triples", "X-API-Key", "k-velib");
            assertTrue(owner.body().contains("Secret"), describe + " for its owner:\n" + owner.body());
        }
    }

    @Test
    void graphStoreReadFollowsTheSameRules() throws Exception {
        String secret = "/data?graph=" + URLEncoder.encode("https://t.example/graph/secret", StandardCharsets.UTF_8);
        HttpResponse<String> anon = server.get(secret, "Accept", "text/turtle");
        assertTrue(anon.statusCode() == 404 || anon.statusCode() == 403, anon.statusCode() + " " + anon.body());
        HttpResponse<String> owner = server.get(secret, "Accept", "text/turtle", "X-API-Key", "k-velib");
        assertEquals(200, owner.statusCode(), owner.body());
        assertTrue(owner.body().contains("Secret"), owner.body());
        HttpResponse<String> pub = server.get("/data?graph=" + URLEncoder.encode("https://t.example/graph/stations", StandardCharsets.UTF_8),
                "Accept", "application/n-triples");
        assertEquals(200, pub.statusCode());
        assertTrue(pub.body().contains("Mairie"));
    }

    @Test
    void resultsComeAsJsonXmlCsvAndTsvWithTheSameRows() throws Exception {
        java.util.Map<String, org.apache.jena.riot.Lang> formats = java.util.Map.of(
                "application/sparql-results+json", org.apache.jena.riot.resultset.ResultSetLang.RS_JSON,
                "application/sparql-results+xml", org.apache.jena.riot.resultset.ResultSetLang.RS_XML,
                "text/csv", org.apache.jena.riot.resultset.ResultSetLang.RS_CSV,
                "text/tab-separated-values", org.apache.jena.riot.resultset.ResultSetLang.RS_TSV);
        List<String> expected = null;
        for (var f : formats.entrySet()) {
            HttpResponse<String> r = server.get(q(NAMES), "Accept", f.getKey(), "X-API-Key", "k-admin");
            assertEquals(200, r.statusCode(), f.getKey() + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f.getKey()), f.getKey());
            var rs = org.apache.jena.query.ResultSetFactory.copyResults(org.apache.jena.riot.ResultSetMgr.read(
                    new java.io.ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), f.getValue()));
            List<String> names = new java.util.ArrayList<>();
            // CSV drops datatypes and languages: compare lexical forms.
            rs.forEachRemaining(row -> names.add(row.get("n").asLiteral().getLexicalForm()));
            if (expected == null) {
                expected = names;
                assertFalse(expected.isEmpty());
            } else {
                assertEquals(expected, names, f.getKey());
            }
        }
        HttpResponse<String> posted = server.post("/sparql", "application/x-www-form-urlencoded",
                "query=" + URLEncoder.encode(NAMES, StandardCharsets.UTF_8), "Accept", "text/csv", "X-API-Key", "k-admin");
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals(expected.size() + 1, posted.body().strip().split("\n").length, posted.body());
    }

    @Test
    void unknownKeyIs401() throws Exception {
        HttpResponse<String> r = server.get(q(NAMES), "X-API-Key", "not-a-key");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(r.body().contains("unknown API key"), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void malformedQueryIs400WithTheParsersMessage() throws Exception {
        HttpResponse<String> r = server.get(q("SELECT ?x WHERE { ?x ?y }"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Lexical error") || r.body().contains("Encountered"), r.body());
        assertTrue(r.body().contains("line 1"), r.body());
    }

    @Test
    void tooLongIs413() throws Exception {
        String longQuery = "SELECT * WHERE { ?s ?p ?o } #" + "x".repeat(25_000);
        HttpResponse<String> r = server.post("/sparql", "application/sparql-query", longQuery);
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void noUpdatesFromThePublicSide() throws Exception {
        HttpResponse<String> r = server.post("/sparql", "application/sparql-update", "DROP ALL", "X-API-Key", "k-admin");
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        assertEquals("n\nGare\nMairie\n", csv(NAMES));
    }

    @Test
    void serviceIsOff() throws Exception {
        HttpResponse<String> r = server.get(q("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"), "Accept", "text/csv");
        assertTrue(r.statusCode() >= 400, r.statusCode() + " " + r.body());
    }

    @Test
    void statusListsOnlyWhatTheCallerMaySee() throws Exception {
        HttpResponse<String> anon = server.get("/status");
        assertEquals(200, anon.statusCode());
        assertTrue(anon.body().contains("\"stations\"") && !anon.body().contains("\"secret\"") && !anon.body().contains("\"shared\""), anon.body());
        HttpResponse<String> owner = server.get("/status", "X-API-Key", "k-velib");
        assertTrue(owner.body().contains("\"secret\""), owner.body());
    }

    @Test
    void limitsTimeoutAndRate() throws Exception {
        ServerSettings tight = new ServerSettings(0, true, Duration.ofMillis(200), 3, 20_000, 4, 100, false, java.util.Optional.empty());
        try (TestServer s = TestServer.start(server.fixture().context(tight), List.of())) {
            HttpResponse<String> limited = s.get(q("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), "Accept", "text/csv", "X-API-Key", "k-admin");
            assertEquals(200, limited.statusCode());
            assertEquals(5, limited.body().strip().split("\n").length, "header, 3 rows and the truncation line: " + limited.body());
            String slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }";
            HttpResponse<String> timeout = s.get(q(slow), "Accept", "text/csv", "X-API-Key", "k-admin");
            assertEquals(503, timeout.statusCode(), timeout.body());
            int last = 0;
            for (int i = 0; i < 6; i++) {
                last = s.get(q("ASK {}")).statusCode();
            }
            assertEquals(429, last);
            HttpResponse<String> r = s.get(q("ASK {}"));
            assertEquals(429, r.statusCode());
            assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertEquals(200, s.get(q("ASK {}"), "X-API-Key", "k-admin").statusCode(), "the operator is not limited");
        }
    }
}
