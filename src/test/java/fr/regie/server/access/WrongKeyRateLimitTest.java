package fr.regie.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.AccessFixture;
import fr.regie.server.ServerSettings;
import fr.regie.server.status.StatusFeature;
import fr.regie.testing.TestServer;

/** Guessing keys over real HTTP: each wrong key spends a token of the address, and the address soon gets 429. */
class WrongKeyRateLimitTest {
    static final int PER_MINUTE = 5;

    @TempDir
    static Path dir;
    static AccessFixture fixture;

    @BeforeAll
    static void create() throws Exception {
        fixture = AccessFixture.create(dir);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static TestServer start() {
        ServerSettings settings = new ServerSettings(0, true, Duration.ofSeconds(30), 10_000, 20_000, PER_MINUTE, 1_000, false,
                Optional.empty());
        return TestServer.start(fixture.context(settings), List.of(new StatusFeature()));
    }

    @Test
    void wrongKeysRunOutTheAddressesTokensThen429WithRetryAfter() throws Exception {
        try (TestServer s = start()) {
            for (int i = 0; i < PER_MINUTE; i++) {
                HttpResponse<String> r = s.get("/status", "X-API-Key", "guess-" + i);
                assertEquals(401, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
            }
            HttpResponse<String> r = s.get("/status", "Authorization", "Bearer guess-again");
            assertEquals(429, r.statusCode(), r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals(429, new ObjectMapper().readTree(r.body()).get("status").asInt());
            long wait = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(wait >= 1 && wait <= 60 / PER_MINUTE, "a token every " + 60 / PER_MINUTE + " s: " + wait);
            assertEquals(429, s.get("/status").statusCode(), "the same address without a key shares the bucket");
            assertEquals(200, s.get("/status", "X-API-Key", "k-velib").statusCode(), "a partner's own key is counted apart");
            assertEquals(200, s.get("/status", "X-API-Key", "k-admin").statusCode(), "the operator is not limited");
        }
    }

    @Test
    void anonymousRequestsAndWrongKeysShareOneBudget() throws Exception {
        try (TestServer s = start()) {
            for (int i = 0; i < PER_MINUTE - 1; i++) {
                assertEquals(200, s.get("/status").statusCode());
            }
            assertEquals(401, s.get("/status", "X-API-Key", "guess").statusCode(), "the last token");
            assertEquals(429, s.get("/status", "X-API-Key", "guess").statusCode());
        }
    }
}
