package fr.regie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.source.CsvRecords;
import fr.regie.source.DeclaredDialect;
import fr.regie.source.HttpFetcher;

/**
 * The live Vélib' fixture: its first answer holds the snapshot's figures (read back from the CSV
 * by Régie's own CSV reader, a separate parser), later answers move within each station's bounds,
 * the same way on every run, and a held feed answers 304.
 */
class VelibFeedTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    /** Per station code: capacity, bikes, mechanical, electric, docks, from the CSV. */
    private static Map<String, int[]> csv() throws IOException {
        Map<String, int[]> m = new HashMap<>();
        try (CsvRecords r = CsvRecords.open(VelibFeed.SNAPSHOT, "velib.csv", DeclaredDialect.NONE)) {
            while (r.next()) {
                m.put(r.values("Identifiant station").get(0).lexical(), new int[] {n(r, "Capacité de la station"),
                        n(r, "Nombre total vélos disponibles"), n(r, "Vélos mécaniques disponibles"), n(r, "Vélos électriques disponibles"),
                        n(r, "Nombre bornettes libres")});
            }
        }
        return m;
    }

    private static int n(CsvRecords r, String col) {
        return Integer.parseInt(r.values(col).get(0).lexical());
    }

    private HttpResponse<String> get(URI u, String etag) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(u);
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void firstAnswerIsTheSnapshotThenItMovesWithinBounds() throws Exception {
        Map<String, int[]> csv = csv();
        try (VelibFeed feed = VelibFeed.start(VelibFeed.SNAPSHOT, 42, 0)) {
            JsonNode info = json.readTree(get(URI.create(feed.statusUrl().toString().replace("station_status", "station_information")), null).body());
            int capacity = 0;
            for (JsonNode s : info.path("data").path("stations")) {
                capacity += s.path("capacity").asInt();
            }
            assertEquals(48_507, capacity, "SOURCE.md: 48,507 docks");
            String first = get(feed.statusUrl(), null).body();
            JsonNode status = json.readTree(first);
            assertEquals(60, status.path("ttl").asInt());
            int bikes = 0;
            int csvBikes = 0;
            for (JsonNode s : status.path("data").path("stations")) {
                int[] row = csv.get(s.path("stationCode").asText());
                assertEquals(row[1], s.path("num_bikes_available").asInt(), s.toString());
                assertEquals(row[2], s.path("num_bikes_available_types").get(0).path("mechanical").asInt());
                assertEquals(row[3], s.path("num_bikes_available_types").get(1).path("ebike").asInt());
                assertEquals(row[4], s.path("num_docks_available").asInt());
                bikes += s.path("num_bikes_available").asInt();
                csvBikes += row[1];
            }
            assertEquals(csv.size(), status.path("data").path("stations").size());
            assertEquals(csvBikes, bikes);
            String previous = first;
            for (int call = 0; call < 30; call++) {
                HttpResponse<String> r = get(feed.statusUrl(), null);
                assertNotEquals(previous, r.body(), "each call after a tick differs");
                previous = r.body();
                JsonNode now = json.readTree(r.body());
                for (JsonNode s : now.path("data").path("stations")) {
                    int[] row = csv.get(s.path("stationCode").asText());
                    int b = s.path("num_bikes_available").asInt();
                    int mech = s.path("num_bikes_available_types").get(0).path("mechanical").asInt();
                    int e = s.path("num_bikes_available_types").get(1).path("ebike").asInt();
                    assertEquals(b, mech + e);
                    assertTrue(mech >= 0 && e >= 0 && b <= Math.max(row[0], row[1]), s.toString());
                    assertEquals(row[1] + row[4], b + s.path("num_docks_available").asInt(), "a bike taken frees a dock");
                }
            }
        }
    }

    @Test
    void theSameSeedWalksTheSameWay() throws Exception {
        try (VelibFeed a = VelibFeed.start(VelibFeed.SNAPSHOT, 7, 0); VelibFeed b = VelibFeed.start(VelibFeed.SNAPSHOT, 7, 0)) {
            for (int i = 0; i < 5; i++) {
                get(a.statusUrl(), null);
                get(b.statusUrl(), null);
            }
            assertEquals(get(a.statusUrl(), null).body(), get(b.statusUrl(), null).body());
        }
    }

    @Test
    void heldItAnswers304AndTheFetcherSeesNothingNew() throws Exception {
        try (VelibFeed feed = VelibFeed.start(VelibFeed.SNAPSHOT, 1, 0)) {
            HttpFetcher fetcher = new HttpFetcher(feed.statusUrl(), work.resolve("velib"), HttpFetcher.Limits.DEFAULT);
            assertEquals(HttpFetcher.Outcome.CHANGED, fetcher.fetch().outcome());
            assertEquals(HttpFetcher.Outcome.CHANGED, fetcher.fetch().outcome(), "a tick later");
            feed.hold(true);
            HttpResponse<String> r = get(feed.statusUrl(), null);
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, get(feed.statusUrl(), etag).statusCode());
            assertEquals(r.body(), get(feed.statusUrl(), null).body());
            assertEquals(HttpFetcher.Outcome.NOT_MODIFIED, fetcher.fetch().outcome());
            feed.hold(false);
            assertEquals(200, get(feed.statusUrl(), etag).statusCode(), "released, it moves on");
        }
    }
}
