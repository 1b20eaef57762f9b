package fr.regie.server.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.pipeline.Check;
import fr.regie.pipeline.CheckReport;
import fr.regie.pipeline.CheckRequest;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerSettings;
import fr.regie.testing.TestServer;

/**
 * {@code POST /partners/{id}/check} over real HTTP with real multipart bodies, in front of a
 * checker that reports what it received (each file's name, size and SHA-256, computed from the
 * folder it was given) and can be told to fail, wait or overrun: the bytes arrive whole under the
 * names they were sent with, limits are refused with the right status before anything runs, one
 * check per partner and two on the server run at once, a slow check is stopped, and the check's
 * folder is gone afterwards whatever happened.
 */
class CheckEndpointTest {
    @RegisterExtension
    @Order(1)
    static final PartnerFixture fixture = new PartnerFixture();
    static final CheckLimits LIMITS = new CheckLimits(4 * 1024, 256 * 1024, 3, 2, Duration.ofSeconds(2));
    static final ObjectMapper JSON = new ObjectMapper();
    static final ConcurrentLinkedQueue<Path> folders = new ConcurrentLinkedQueue<>();
    /** What the next checks do: "ok", "error", "wait" (until {@link #release}), "overrun". */
    static volatile String mode = "ok";
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch started = new CountDownLatch(0);
    static TestServer server;

    /** Reports the files it got; an error names the first mapping by its path, as the real check does. */
    static final Checker CHECKER = (DatasetSpec d, List<Path> mappings, Optional<Path> sample, Path work, Duration timeout) -> {
        folders.add(work);
        started.countDown();
        try {
            if (mode.equals("wait")) {
                release.await(30, TimeUnit.SECONDS);
            } else if (mode.equals("overrun")) {
                Thread.sleep(timeout.toMillis() + 4_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> notes = new TreeMap<>();
        List<Path> all = new ArrayList<>(mappings);
        sample.ifPresent(all::add);
        for (Path p : all) {
            try {
                byte[] b = Files.readAllBytes(p);
                notes.put(p.getFileName().toString(), b.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> errors = mode.equals("error") ? List.of(mappings.get(0).toAbsolutePath() + ":3: unknown property rr:predicat") : List.of();
        return new CheckReport(d.id(), Instant.now(), Duration.ofMillis(5), errors.isEmpty(), errors, 3, 12, 2, 0, 0, 1,
                List.of("<https://t.example/id/stations/3> code 99999"), true, 0, 0, List.of(), List.of(), 1, 1, 10, List.of(), notes);
    };

    @BeforeAll
    static void start() {
        server = TestServer.start(fixture.context(ServerSettings.defaults(0)),
                List.of(new PartnerFeature(50, Optional.of(CHECKER), LIMITS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A multipart body: fields as name, filename (null for a plain field), bytes. */
    record Field(String name, String filename, byte[] bytes) {}

    static final String BOUNDARY = "----regie-test-boundary-7MA4YWxkTrZu0gW";

    static byte[] multipart(Field... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\""
                    + (f.filename() == null ? "" : "; filename=\"" + f.filename() + "\"") + "\r\n"
                    + (f.filename() == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(f.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static HttpResponse<String> post(String partner, String key, byte[] body, boolean chunked, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/partners/" + partner + "/check"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha(byte[] b) throws Exception {
        return b.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** Every folder a check was given is gone once its checks have ended. */
    static void assertFoldersGone() throws InterruptedException {
        for (int i = 0; i < 100 && folders.stream().anyMatch(Files::exists); i++) {
            Thread.sleep(100);
        }
        folders.forEach(f -> assertFalse(Files.exists(f), f + " left behind"));
    }

    @Test
    void theFilesArriveWholeUnderTheirNamesAndTheReportIsAnswered() throws Exception {
        mode = "ok";
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            byte[] m1 = bytes(seed, r.nextInt((int) LIMITS.mappingBytes() + 1));
            byte[] m2 = bytes(seed + 1000, r.nextInt(100));
            byte[] sample = bytes(seed + 2000, r.nextInt((int) LIMITS.sampleBytes() + 1));
            boolean chunked = r.nextBoolean();
            String field = r.nextBoolean() ? "?dataset=stations" : "";
            List<Field> fields = new ArrayList<>(List.of(new Field("mapping", "../../etc/stations map.ttl", m1),
                    new Field("mapping", "partner/extra.ttl", m2), new Field("sample", "échantillon.csv", sample)));
            if (field.isEmpty()) {
                fields.add(0, new Field("dataset", null, "stations".getBytes(StandardCharsets.UTF_8)));
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/partners/velib/check" + field))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("X-API-Key", "k-velib");
            byte[] body = multipart(fields.toArray(Field[]::new));
            b.POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)) : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> resp = server.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode(), "seed " + seed + ": " + resp.body());
            JsonNode notes = JSON.readTree(resp.body()).get("sourceNotes");
            assertEquals(3, notes.size(), "seed " + seed + ": " + notes);
            assertEquals(sha(m1), String.valueOf(notes.get("stations_map.ttl")).replace("\"", ""), "seed " + seed + " " + notes);
            assertEquals(sha(m2), String.valueOf(notes.get("extra.ttl")).replace("\"", ""), "seed " + seed + " " + notes);
            assertEquals(sha(sample), String.valueOf(notes.get("_chantillon.csv")).replace("\"", ""), "seed " + seed + " " + notes);
        }
        assertFoldersGone();
        // The partner's page lists the last reports, newest first.
        JsonNode page = JSON.readTree(server.get("/partners/velib.json", "X-API-Key", "k-velib").body());
        assertEquals(CheckHistory.SHOWN, page.get("checkReports").size());
        assertEquals("stations", page.get("checkReports").get(0).get("dataset").asText());
        String html = server.get("/partners/velib", "X-API-Key", "k-velib", "Accept", "text/html").body();
        assertTrue(html.contains("class=\"check-report\""));
        // And the report as HTML when asked.
        HttpResponse<String> asHtml = post("velib", "k-velib", multipart(new Field("dataset", null, "stations".getBytes()),
                new Field("mapping", "m.ttl", "x".getBytes())), false, "Accept", "text/html");
        assertEquals(200, asHtml.statusCode());
        assertTrue(asHtml.body().contains("data-key=\"notPlaced\">1<") && asHtml.body().contains("code 99999"), asHtml.body());
    }

    @Test
    void mappingErrorsAre422NamingTheUploadedFile() throws Exception {
        mode = "error";
        try {
            HttpResponse<String> r = post("velib", "k-velib", multipart(new Field("dataset", null, "secret".getBytes()),
                    new Field("mapping", "my mapping.ttl", "@prefix x: <y> .".getBytes())), false);
            assertEquals(422, r.statusCode());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            JsonNode p = JSON.readTree(r.body());
            assertEquals("my_mapping.ttl:3: unknown property rr:predicat", p.get("detail").asText());
            assertEquals("my_mapping.ttl:3: unknown property rr:predicat", p.get("report").get("errors").get(0).asText());
            assertFalse(r.body().contains("regie-check-"), "no temporary path: " + r.body());
        } finally {
            mode = "ok";
        }
    }

    @Test
    void refusalsComeBeforeAnythingRuns() throws Exception {
        int before = folders.size();
        byte[] ok = multipart(new Field("dataset", null, "stations".getBytes()), new Field("mapping", "m.ttl", "x".getBytes()));
        assertEquals(401, post("velib", null, ok, false).statusCode());
        assertEquals(403, post("velib", "k-sncf", ok, false).statusCode());
        assertEquals(403, post("nobody", "k-sncf", ok, false).statusCode());
        assertEquals(404, post("sncf", "k-sncf", ok, false).statusCode(), "stations is velib's, not sncf's");
        assertEquals(400, post("velib", "k-velib", multipart(new Field("mapping", "m.ttl", "x".getBytes())), false).statusCode(), "no dataset");
        assertEquals(400, post("velib", "k-velib", multipart(new Field("dataset", null, "stations".getBytes())), false).statusCode(), "no mapping");
        assertEquals(400, post("velib", "k-velib", multipart(new Field("dataset", null, "stations".getBytes()), new Field("mapping", "m", "x".getBytes()),
                new Field("other", "o", "x".getBytes())), false).statusCode(), "unknown field");
        assertEquals(415, server.post("/partners/velib/check", "text/turtle", "x", "X-API-Key", "k-velib").statusCode());
        // Too large: a mapping, a sample, the whole body; with a declared length and in chunks.
        for (boolean chunked : new boolean[] {false, true}) {
            byte[] bigMapping = multipart(new Field("dataset", null, "stations".getBytes()),
                    new Field("mapping", "m.ttl", bytes(1, (int) LIMITS.mappingBytes() + 1)));
            assertEquals(413, post("velib", "k-velib", bigMapping, chunked).statusCode(), "mapping, chunked " + chunked);
            byte[] bigSample = multipart(new Field("dataset", null, "stations".getBytes()), new Field("mapping", "m.ttl", "x".getBytes()),
                    new Field("sample", "s.csv", bytes(2, (int) LIMITS.sampleBytes() + 1)));
            HttpResponse<String> bs = post("velib", "k-velib", bigSample, chunked);
            assertEquals(413, bs.statusCode(), "sample, chunked " + chunked + bs.body());
            byte[] huge = multipart(new Field("dataset", null, "stations".getBytes()), new Field("mapping", "m.ttl", "x".getBytes()),
                    new Field("sample", "s.csv", bytes(3, (int) LIMITS.requestBytes() + 10)));
            try {
                HttpResponse<String> r = post("velib", "k-velib", huge, chunked);
                assertEquals(413, r.statusCode(), "whole body, chunked " + chunked);
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            } catch (java.io.IOException closedWhileSending) {
                // Refused before its body was read: the server may close the connection while the
                // client still sends (Java's client then reports no answer; curl sends Expect: 100-continue).
                assertTrue(closedWhileSending.getMessage() != null, "whole body, chunked " + chunked);
            }
        }
        assertEquals(before, folders.size(), "no check ran");
        assertFoldersGone();
    }

    @Test
    void onePerPartnerTwoOnTheServerAndASlowCheckIsStopped() throws Exception {
        byte[] body = multipart(new Field("dataset", null, "stations".getBytes()), new Field("mapping", "m.ttl", "x".getBytes()));
        byte[] sncf = multipart(new Field("dataset", null, "gares".getBytes()), new Field("mapping", "m.ttl", "x".getBytes()));
        mode = "wait";
        release = new CountDownLatch(1);
        started = new CountDownLatch(2);
        try {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> call(() -> post("velib", "k-velib", body, false)));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> call(() -> post("sncf", "k-sncf", sncf, false)));
            assertTrue(started.await(10, TimeUnit.SECONDS), "both checks started");
            HttpResponse<String> again = post("velib", "k-velib", body, false);
            assertEquals(429, again.statusCode());
            assertEquals(String.valueOf(CheckService.RETRY_AFTER), again.headers().firstValue("Retry-After").orElse(""));
            // A third partner finds the server's two slots taken.
            HttpResponse<String> third = post("idfm", "k-idfm", body, false);
            assertTrue(third.statusCode() == 503 || third.statusCode() == 404, "idfm: " + third.statusCode());
            release.countDown();
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
        } finally {
            release.countDown();
        }
        // A check past its timeout: 504, and its folder goes when it ends.
        mode = "overrun";
        try {
            HttpResponse<String> slow = post("velib", "k-velib", body, false);
            assertEquals(504, slow.statusCode(), slow.body());
        } finally {
            mode = "ok";
        }
        assertFoldersGone();
        assertEquals(200, post("velib", "k-velib", body, false).statusCode(), "the partner's slot is free again");
    }

    @Test
    void theRealCheckAnswersAsItDoesWhenCalledDirectly() throws Exception {
        DatasetSpec stations = fixture.registry().dataset("stations").orElseThrow();
        Path mapping = stations.mappings().get(0);
        byte[] text = Files.readAllBytes(mapping);
        try (TestServer real = TestServer.start(fixture.context(ServerSettings.defaults(0)), List.of(new PartnerFeature(50)))) {
            HttpResponse<String> r = real.client().send(HttpRequest.newBuilder(URI.create(real.base() + "/partners/velib/check?dataset=stations"))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("X-API-Key", "k-velib")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(new Field("mapping", "stations.ttl", text)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode got = JSON.readTree(r.body());
            Path work = Files.createTempDirectory("regie-check-direct-");
            try {
                CheckReport direct = new Check(fixture.registry(), fixture.store(), work).run(new CheckRequest(stations, Optional.of(List.of(mapping)),
                        Optional.empty(), java.util.OptionalLong.empty(), false, Duration.ofSeconds(60)));
                JsonNode expected = JSON.readTree(direct.toJson());
                for (String k : new String[] {"ok", "rows", "triples", "linkedDirect", "linkedThroughHistory", "linkedByGeometry", "notPlaced",
                        "notPlacedRecords", "conforms", "violations", "warnings", "added", "removed", "unchanged"}) {
                    assertEquals(expected.get(k), got.get(k), k);
                }
                assertEquals(1, got.get("notPlaced").asLong(), "the record coded 99999");
            } finally {
                CheckService.delete(work);
            }
            // A broken mapping: 422, the error naming the file as it was sent.
            HttpResponse<String> bad = real.client().send(HttpRequest.newBuilder(URI.create(real.base() + "/partners/velib/check?dataset=stations"))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("X-API-Key", "k-velib")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(new Field("mapping", "broken.ttl",
                            "@prefix rr: <http://www.w3.org/ns/r2rml#> .\n<#M> rr:logicalTable [ rr:tableName \"item\" \n".getBytes())))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(422, bad.statusCode(), bad.body());
            String detail = JSON.readTree(bad.body()).get("detail").asText();
            assertTrue(detail.startsWith("broken.ttl:"), detail);
            assertFalse(bad.body().contains("regie-check-"), bad.body());
            // Both reports are kept beside the store, and the page shows them.
            JsonNode page = JSON.readTree(real.get("/partners/velib.json", "X-API-Key", "k-velib").body());
            assertTrue(page.get("checkReports").size() >= 2);
        }
    }

    interface Call {
        HttpResponse<String> run() throws Exception;
    }

    static HttpResponse<String> call(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
