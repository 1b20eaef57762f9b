package fr.regie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.status.StatusFeature;

/**
 * What every path shares, over real HTTP: CORS for browser apps, problem+json for requests Jetty
 * rejects itself, and answers written through small pooled buffers.
 */
class HttpBasicsTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new StatusFeature()));

    @Test
    void preflightAllowsTheKeyAndConditionalHeadersWithoutAKey() throws Exception {
        HttpResponse<String> r = server.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/sparql"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-api-key, if-none-match").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        String allowed = r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
        for (String h : List.of("x-api-key", "if-none-match", "authorization")) {
            assertTrue(allowed.contains(h), h + " in " + allowed);
        }
    }

    @Test
    void crossOriginAnswersExposeTheHeadersAppsRead() throws Exception {
        HttpResponse<String> r = server.get("/status", "Origin", "https://app.example", "X-API-Key", "k-velib");
        assertEquals(200, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        String exposed = r.headers().firstValue("Access-Control-Expose-Headers").orElse("");
        for (String h : List.of("ETag", "Link", "Retry-After")) {
            assertTrue(exposed.contains(h), h + " in " + exposed);
        }
        HttpResponse<String> same = server.get("/status");
        assertTrue(same.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS headers without Origin");
    }

    @Test
    void aMalformedRequestLineGetsProblemJson() throws Exception {
        String raw = raw("GET /id/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.toLowerCase().contains("content-type: application/problem+json"), raw);
        JsonNode body = new ObjectMapper().readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        assertEquals(400, body.get("status").asInt());
        assertTrue(!body.get("detail").asText().isBlank());
    }

    @Test
    void anUnknownPathIsA404() throws Exception {
        HttpResponse<String> r = server.get("/no/such/thing");
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
    }

    @Test
    void answersAreWrittenThroughPooledBuffersNotFreshDirectMemory() throws Exception {
        java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory
                .getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        String ask = "/sparql?query=" + java.net.URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8);
        assertEquals(200, server.get(ask, "X-API-Key", "k-admin").statusCode());
        long before = direct.getMemoryUsed();
        int requests = 200;
        for (int i = 0; i < requests; i++) {
            assertEquals(200, server.get(ask, "X-API-Key", "k-admin").statusCode());
        }
        long grown = direct.getMemoryUsed() - before;
        // Fuseki's own setting (a 5 MiB buffer per answer, never pooled) grows it by up to 1 GiB
        // here, less what a garbage collection happens to release (about 150 MiB were left).
        assertTrue(grown < 16L * 1024 * 1024, "direct memory grew by " + grown / 1024 + " KiB over " + requests + " answers");
    }

    private static String raw(String request) throws Exception {
        try (Socket s = new Socket("localhost", java.net.URI.create(server.base()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
