package fr.regie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.AccessFixture;
import fr.regie.server.Feature;
import fr.regie.server.ServerSettings;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.resource.ResourceFeature;
import fr.regie.server.tap.TapFeature;
import fr.regie.testing.RawHttp;
import fr.regie.testing.TestServer;

/**
 * A hostile {@code Host} header, sent over a raw socket (Java's HTTP client will not set one),
 * on every path whose answer carries links built from the request: resources, the catalog, the
 * SPARQL service description, OpenAPI and the {@code Link} headers of taps. Without a public URL
 * only the server's own names get an answer; with one, links never depend on the request.
 */
class HostHeaderTest {
    static final String EVIL = "evil.example";
    static final String EXTRA = "data.territoire.example";
    static final String PUBLIC = "https://public.territoire.example/";
    /** Paths whose answers hold links, with the {@code Accept} each is asked with. */
    static final List<String[]> LINKING = List.of(
            new String[] {"/id/stations/1", "application/ld+json"},
            new String[] {"/id/stations/1", "text/html"},
            new String[] {"/catalog", "text/turtle"},
            new String[] {"/sparql", "text/turtle"},
            new String[] {"/api/openapi.json", "application/json"},
            new String[] {"/api/names?limit=1", "application/json"});

    @TempDir
    static Path dir;
    static AccessFixture fixture;
    static TestServer server;
    static TestServer behindProxy;

    @BeforeAll
    static void start() throws Exception {
        fixture = AccessFixture.create(dir);
        Files.writeString(Files.createDirectories(dir.resolve("taps")).resolve("names.rq"), """
                # Facility names
                PREFIX schema: <https://schema.org/>
                SELECT ?name WHERE { ?s schema:name ?name } ORDER BY ?name
                """);
        List<Feature> features = List.of(new ResourceFeature(), new CatalogFeature(), new TapFeature());
        server = TestServer.start(fixture.context(ServerSettings.defaults(0).withAllowedHosts(List.of(EXTRA))), features);
        behindProxy = TestServer.start(fixture.context(ServerSettings.defaults(0).withPublicUrl(Optional.of(PUBLIC))), features);
    }

    @AfterAll
    static void stop() {
        for (TestServer s : new TestServer[] {server, behindProxy}) {
            if (s != null) {
                s.close();
            }
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static int port(TestServer s) {
        return java.net.URI.create(s.base()).getPort();
    }

    @Test
    void aForeignHostIsRefusedWithAProblemThatNoCacheKeeps() throws Exception {
        int port = port(server);
        for (String host : List.of(EVIL, EVIL + ":" + port, "localhost.evil.example", "[::2]:" + port)) {
            for (String[] path : LINKING) {
                RawHttp r = RawHttp.get(port, path[0], host, "Accept: " + path[1]);
                assertEquals(400, r.status(), host + " " + path[0] + ": " + r.body());
                assertEquals("application/problem+json", r.mediaType(), r.body());
                assertEquals(400, new ObjectMapper().readTree(r.body()).get("status").asInt());
                assertEquals("no-store", r.header("Cache-Control").orElse(""), path[0]);
                for (String h : List.of("Link", "Location", "Content-Location", "ETag")) {
                    assertTrue(r.header(h).isEmpty(), h + " on a refused request: " + r.header(h));
                }
            }
        }
    }

    @Test
    void anAbsoluteTargetNamingAnotherHostIsRefusedToo() throws Exception {
        int port = port(server);
        RawHttp r = RawHttp.get(port, "http://" + EVIL + ":" + port + "/catalog", "localhost:" + port);
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.mediaType());
    }

    @Test
    void forwardedHeadersDoNotChooseTheLinks() throws Exception {
        int port = port(server);
        RawHttp r = RawHttp.get(port, "/api/names?limit=1", "localhost:" + port, "X-Forwarded-Host: " + EVIL, "Forwarded: host=" + EVIL);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.header("Link").orElseThrow().contains(EVIL), r.header("Link").orElseThrow());
    }

    @Test
    void theServersOwnNamesBuildItsLinks() throws Exception {
        int port = port(server);
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, EXTRA, "LocalHost.:" + port)) {
            // Links name the host as the server spells it: lower case, no final dot.
            String name = host.toLowerCase(java.util.Locale.ROOT).replace(".:", ":");
            String base = "http://" + name + "/";
            RawHttp resource = RawHttp.get(port, "/id/stations/1", host, "Accept: application/ld+json");
            assertEquals(200, resource.status(), host + ": " + resource.body());
            assertEquals(base + "context.jsonld", new ObjectMapper().readTree(resource.body()).get("@context").asText());
            assertTrue(resource.header("Cache-Control").orElse("").startsWith("public"), "a public resource stays cacheable");
            RawHttp catalog = RawHttp.get(port, "/catalog", host, "Accept: text/turtle");
            assertEquals(200, catalog.status(), host);
            assertTrue(catalog.body().contains("<" + base + "datasets/stations/dump.nq.gz>"), catalog.body());
            RawHttp api = RawHttp.get(port, "/api/openapi.json", host);
            assertEquals("http://" + name, new ObjectMapper().readTree(api.body()).at("/servers/0/url").asText());
            RawHttp tap = RawHttp.get(port, "/api/names?limit=1", host);
            assertTrue(tap.header("Link").orElseThrow().contains("<" + base + "api/names?"), tap.header("Link").orElseThrow());
        }
    }

    @Test
    void withAPublicUrlAnyHostIsAnsweredAndNoneReachesTheLinks() throws Exception {
        int port = port(behindProxy);
        for (String[] path : LINKING) {
            RawHttp r = RawHttp.get(port, path[0], EVIL, "Accept: " + path[1]);
            assertEquals(200, r.status(), path[0] + ": " + r.body());
            assertFalse(r.body().contains(EVIL), path[0] + ": " + r.body());
            r.headers().forEach(h -> assertFalse(h[1].contains(EVIL), path[0] + " " + h[0] + ": " + h[1]));
        }
        RawHttp tap = RawHttp.get(port, "/api/names?limit=1", EVIL);
        assertTrue(tap.header("Link").orElseThrow().contains("<" + PUBLIC + "api/names?"), tap.header("Link").orElseThrow());
    }
}
