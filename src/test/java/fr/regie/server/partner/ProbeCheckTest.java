package fr.regie.server.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.ServerSettings;
import fr.regie.server.partner.CheckEndpointTest.Field;
import fr.regie.testing.TestServer;

/**
 * The outside attacker against {@code POST /partners/{id}/check} and {@code GET /partners/{id}},
 * with the real {@link fr.regie.pipeline.Check} behind a real server, over the JDBC (PostgreSQL)
 * partners of {@link PartnerFixture}: velib (key {@code k-velib}) tries to read sncf's restricted
 * {@code gares}, the database server's files, to write, and to starve the other partners. A
 * failing test here is a weakness (see the probe report); a passing one, an attack that held.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbeCheckTest {
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final PartnerFixture fixture = new PartnerFixture();
    /** One check at a time on the server, 3 s each: what a partner can do to the others shows at once. */
    static final CheckLimits LIMITS = new CheckLimits(64 * 1024, 256 * 1024, 4, 1, Duration.ofSeconds(3));
    /** What only sncf's restricted dataset holds. */
    static final String SNCF_SECRET = "Gare SNCF";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(fixture.context(ServerSettings.defaults(0)), List.of(new PartnerFeature(50, Optional.empty(), LIMITS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An R2RML mapping of velib's {@code stations} over {@code sql} (columns id, nom, code), subjects {@code id/stations/{id}}. */
    static String r2rml(String sql) {
        return """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#M> rr:logicalTable [ rr:sqlQuery \"""%s\""" ] ;
                  rr:subjectMap [ rr:template "id/stations/{id}" ; rr:class regie:Facility ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] .
                """.formatted(sql);
    }

    static HttpResponse<String> check(String partner, String key, String dataset, String mapping) throws Exception {
        return post(server, partner, key, CheckEndpointTest.multipart(new Field("dataset", null, dataset.getBytes(StandardCharsets.UTF_8)),
                new Field("mapping", "m.ttl", mapping.getBytes(StandardCharsets.UTF_8))));
    }

    /** A POST of a multipart body to {@code /partners/PARTNER/check} of {@code on}, as JSON. */
    static HttpResponse<String> post(TestServer on, String partner, String key, byte[] body) throws Exception {
        return on.client().send(java.net.http.HttpRequest.newBuilder(URI.create(on.base() + "/partners/" + partner + "/check"))
                .header("Content-Type", "multipart/form-data; boundary=" + CheckEndpointTest.BOUNDARY).header("X-API-Key", key)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts until the server takes a check again (a previous one may still hold the slot), at most {@code seconds}. */
    static HttpResponse<String> checkWhenFree(String partner, String key, String dataset, String mapping, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        HttpResponse<String> r;
        do {
            r = check(partner, key, dataset, mapping);
            if (r.statusCode() != 503 && r.statusCode() != 429) {
                return r;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        return r;
    }

    // ---- reading what is not the partner's ----

    @Test
    @Order(10)
    void aPartnerCannotCheckAnotherPartnersDataset() throws Exception {
        HttpResponse<String> r = checkWhenFree("velib", "k-velib", "gares", r2rml("SELECT id, nom, code FROM item"), 20);
        assertEquals(404, r.statusCode(), r.body());
        HttpResponse<String> other = checkWhenFree("sncf", "k-velib", "gares", r2rml("SELECT id, nom, code FROM item"), 20);
        assertEquals(403, other.statusCode(), other.body());
        assertFalse(r.body().contains(SNCF_SECRET) || other.body().contains(SNCF_SECRET));
    }

    /**
     * WEAKNESS: rr:sqlQuery is any SQL over the régie's connection to the declared database, so
     * velib reads the rows of sncf's restricted dataset (same database) and gets them back in the
     * records not placed.
     */
    @Test
    @Order(20)
    void anUploadedSqlQueryCannotReadAnotherPartnersRestrictedRows() throws Exception {
        HttpResponse<String> r = checkWhenFree("velib", "k-velib", "stations", r2rml("SELECT id, nom, nom AS code FROM item WHERE kind = 'gares'"), 20);
        assertFalse(r.body().contains(SNCF_SECRET), "sncf's restricted row came back to velib: " + r.statusCode() + " " + r.body());
    }

    /** WEAKNESS: the SQL runs with the régie's database role: here it reads a file of the database server. */
    @Test
    @Order(30)
    void anUploadedSqlQueryCannotReadTheDatabaseServersFiles() throws Exception {
        String hostname = Files.readString(Path.of("/etc/hostname")).strip();
        HttpResponse<String> r = checkWhenFree("velib", "k-velib", "stations",
                r2rml("SELECT 1 AS id, 'x' AS nom, pg_read_file('/etc/hostname') AS code"), 20);
        assertFalse(r.body().contains(hostname), "/etc/hostname of the database server came back: " + r.statusCode() + " " + r.body());
    }

    /** WEAKNESS: the SQL is not confined to reading: the database server's version, roles, settings and errors all come back. */
    @Test
    @Order(35)
    void anUploadedSqlQueryCannotReadTheDatabaseSettings() throws Exception {
        HttpResponse<String> r = checkWhenFree("velib", "k-velib", "stations",
                r2rml("SELECT 1 AS id, 'x' AS nom, current_setting('data_directory') AS code"), 20);
        assertFalse(r.body().contains("/"), "a setting of the database server came back: " + r.statusCode() + " " + r.body());
    }

    /** HOLDS (today): a data-modifying CTE is refused or rolled back; sncf's row is unchanged. */
    @Test
    @Order(40)
    void anUploadedSqlQueryCannotWrite() throws Exception {
        HttpResponse<String> r = checkWhenFree("velib", "k-velib", "stations",
                r2rml("WITH d AS (UPDATE item SET nom = 'pwned' WHERE kind = 'gares' RETURNING id, nom, code) SELECT id, nom, code FROM d"), 20);
        assertNotEquals(503, r.statusCode(), r.body());
        try (Connection c = DriverManager.getConnection(fixture.registry().dataset("gares").orElseThrow().source().jdbcUrl().orElseThrow());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nom FROM item WHERE kind = 'gares'")) {
            assertTrue(rs.next());
            assertEquals(SNCF_SECRET, rs.getString(1), "velib's check wrote into sncf's rows: " + r.body());
        }
    }

    /** HOLDS: subjects minted as another dataset's IRIs: the difference is taken with velib's own live graph only. */
    @Test
    @Order(50)
    void subjectsOfAnotherDatasetDoNotRevealItsLiveTriples() throws Exception {
        String mapping = r2rml("SELECT id, nom, code FROM item WHERE kind = 'stations'").replace("id/stations/{id}", "id/gares/{id}");
        HttpResponse<String> r = checkWhenFree("velib", "k-velib", "stations", mapping, 20);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 422, r.body());
        assertFalse(r.body().contains(SNCF_SECRET), r.body());
        assertTrue(r.body().contains("removedExamples"), r.body());
    }

    // ---- the page ----

    /** HOLDS: the page with a key is private (and varies on the key headers): no shared cache stores it. */
    @Test
    @Order(60)
    void thePageWithAKeyIsNotStoredBySharedCaches() throws Exception {
        for (String accept : List.of("application/json", "text/html")) {
            HttpResponse<String> r = server.get("/partners/velib", "X-API-Key", "k-velib", "Accept", accept);
            assertEquals(200, r.statusCode());
            String cc = r.headers().firstValue("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
            assertTrue(cc.contains("no-store") || cc.contains("private"), accept + ": Cache-Control '" + cc + "' lets a shared cache store a partner's page");
        }
    }

    /**
     * HOLDS: the server's CORS grant is {@code *} without credentials; the key is a header a foreign
     * page does not have (never a cookie), so a foreign origin reads nothing it could not read anyway.
     */
    @Test
    @Order(70)
    void thePageGrantsNoForeignOrigin() throws Exception {
        HttpResponse<String> r = server.get("/partners/velib", "X-API-Key", "k-velib", "Origin", "https://evil.example");
        assertTrue(r.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), r.headers().toString());
        assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").orElse("*").equals("https://evil.example"), r.headers().toString());
        HttpResponse<String> anonymous = server.get("/partners/velib", "Origin", "https://evil.example");
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> other = server.get("/partners/sncf", "X-API-Key", "k-velib");
        assertEquals(403, other.statusCode());
        assertFalse(other.body().contains(SNCF_SECRET));
    }

    // ---- starving the others ----

    /** HOLDS: a partner sending its upload slowly does not hold the server's only check slot. */
    @Test
    @Order(80)
    void aSlowUploadDoesNotStarveOtherPartners() throws Exception {
        try (Socket s = new Socket("127.0.0.1", URI.create(server.base()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /partners/velib/check HTTP/1.1\r\nHost: x\r\nX-API-Key: k-velib\r\nContent-Type: multipart/form-data; boundary="
                    + CheckEndpointTest.BOUNDARY + "\r\nContent-Length: 10000\r\n\r\n--" + CheckEndpointTest.BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);
            HttpResponse<String> r = check("sncf", "k-sncf", "gares", r2rml("SELECT id, nom, code FROM item WHERE kind = 'gares'"));
            assertTrue(r.statusCode() == 200 || r.statusCode() == 422, "a slow upload by velib refuses sncf's check: " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * HOLDS: a query that would sleep in the database never runs (an uploaded mapping may use only
     * the declared mapping's SQL), and the slot is free for the next partner.
     */
    @Test
    @Order(90)
    void aSleepingQueryIsRefusedAndFreesItsSlot() throws Exception {
        HttpResponse<String> slow = checkWhenFree("velib", "k-velib", "stations", r2rml("SELECT id, nom, code FROM item, (SELECT pg_sleep(12)) AS z WHERE kind = 'stations'"), 20);
        assertEquals(422, slow.statusCode(), slow.body());
        assertTrue(slow.body().contains("may use only the logical tables"), slow.body());
        Thread.sleep(1_000);
        HttpResponse<String> r = check("sncf", "k-sncf", "gares", r2rml("SELECT id, nom, code FROM item WHERE kind = 'gares'"));
        assertTrue(r.statusCode() == 200 || r.statusCode() == 422, "sncf is refused after velib's check was 'stopped': " + r.statusCode() + " " + r.body());
    }
}
