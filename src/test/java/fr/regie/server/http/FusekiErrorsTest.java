package fr.regie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.testing.TestServer;

/**
 * The errors Fuseki answers itself on {@code /sparql} and {@code /data} (a media type or method
 * it does not take, a query that does not parse or is too long, a refused SERVICE, a missing
 * graph, a timeout) come as problem documents like Régie's, each saying what Fuseki said.
 */
class FusekiErrorsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ServerSettings SETTINGS = ServerSettings.defaults(0);

    @RegisterExtension
    static final AccessServer server = new AccessServer(SETTINGS, List.of());

    /** Checks a problem document of this status and returns its detail. */
    static String problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(status, body.get("status").asInt(), r.body());
        assertFalse(body.get("title").asText().isBlank(), r.body());
        String detail = body.get("detail").asText();
        assertFalse(detail.isBlank(), r.body());
        return detail;
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(server.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return server.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String q(String query) {
        return "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void anUnsupportedMediaTypeIs415() throws Exception {
        assertTrue(problem(send("POST", "/sparql", "application/bogus", "x"), 415).contains("application/bogus"));
        // An update, which this server never runs, is a media type the query endpoint does not take.
        assertTrue(problem(send("POST", "/sparql", "application/sparql-update", "CLEAR ALL"), 415).contains("sparql-update"));
    }

    @Test
    void aMethodAnEndpointDoesNotTakeIs405() throws Exception {
        assertTrue(problem(send("PUT", "/sparql", "text/plain", "x"), 405).contains("PUT"));
        assertTrue(problem(send("DELETE", "/data?graph=" + AccessFixture.BASE + "graph/stations", null, null), 405).contains("DELETE"));
        assertTrue(problem(send("POST", "/data?default", "text/turtle", "<a> <b> <c> ."), 405).contains("POST"));
    }

    @Test
    void aQueryThatDoesNotParseIs400WithTheParsersPosition() throws Exception {
        String detail = problem(server.get(q("SELECT ?s WHERE { ?s ?p }")), 400);
        assertTrue(detail.contains("line 1"), detail);
        assertTrue(problem(server.get("/data?graph=x&default"), 400).contains("default"));
    }

    @Test
    void aQueryLongerThanTheLimitIs413() throws Exception {
        String query = "SELECT * WHERE { ?s ?p ?o } #" + "x".repeat(SETTINGS.maxQueryLength());
        String detail = problem(send("POST", "/sparql", "application/sparql-query", query), 413);
        assertTrue(detail.contains(Integer.toString(SETTINGS.maxQueryLength())), detail);
    }

    @Test
    void aRefusedServiceIsAProblem() throws Exception {
        HttpResponse<String> r = server.get(q("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"));
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        assertTrue(problem(r, r.statusCode()).contains("SERVICE"));
    }

    @Test
    void aMissingGraphIs404() throws Exception {
        String graph = AccessFixture.BASE + "graph/none";
        assertTrue(problem(server.get("/data?graph=" + URLEncoder.encode(graph, StandardCharsets.UTF_8)), 404).contains(graph));
    }

    @Test
    void aTimeoutIs503() throws Exception {
        ServerSettings tight = new ServerSettings(0, true, Duration.ofMillis(200), 10_000, 20_000, 600, 6_000, false, Optional.empty());
        try (TestServer s = TestServer.start(server.fixture().context(tight), List.of())) {
            String slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }";
            HttpResponse<String> r = s.get(q(slow), "X-API-Key", "k-admin");
            problem(r, 503);
        }
    }

    @Test
    void answersThatAreNotErrorsAreUntouched() throws Exception {
        HttpResponse<String> r = server.get(q("ASK { ?s ?p ?o }"), "Accept", "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/sparql-results+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(JSON.readTree(r.body()).get("boolean").asBoolean());
    }
}
