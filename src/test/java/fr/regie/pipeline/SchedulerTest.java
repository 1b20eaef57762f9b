package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.status.StatusFeature;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * The scheduler: datasets with a schedule get their next run; a refresh asked for while one of
 * the same dataset runs is skipped; {@code /status} over HTTP tells version, last run and next run.
 */
class SchedulerTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Path registryFile;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                "INSERT INTO station SELECT g, 'S' || g, '93066', g % 7 FROM generate_series(1, 30000) AS g");
        registryFile = RefreshFixture.write(dir, db.url());
        String text = Files.readString(registryFile).replace("regie:linkBy regie:CommuneCode .",
                "regie:linkBy regie:CommuneCode ; regie:schedule \"*/5 * * * *\" .");
        Files.writeString(registryFile, text);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void schedulesSkipsOverlapsAndReports() throws Exception {
        Registry reg = Registry.read(registryFile);
        DatasetSpec stations = reg.dataset("stations").orElseThrow();
        try (Store store = Store.open(dir.resolve("store"))) {
            // A refresh of stations holds at its first progress report until the test lets it go.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Refresher refresher = new Refresher(reg, store, dir, Refresher.Options.defaults(), spec -> (pass, rows, triples) -> {
                if (spec.id().equals("stations")) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            refresher.refresh(reg.dataset("territory").orElseThrow());
            try (Scheduler scheduler = new Scheduler(reg, refresher, ZoneId.of("Europe/Paris"), 2)) {
                scheduler.start();
                Scheduler.Entry e = scheduler.entries().stream().filter(x -> x.dataset().equals("stations")).findFirst().orElseThrow();
                ZonedDateTime next = e.nextRun().orElseThrow();
                assertEquals(0, next.getMinute() % 5);
                assertTrue(next.isAfter(ZonedDateTime.now(ZoneId.of("Europe/Paris")).minusSeconds(1)));
                assertTrue(scheduler.entries().stream().filter(x -> x.dataset().equals("territory")).findFirst().orElseThrow()
                        .nextRun().isEmpty(), "no schedule, no next run");

                // Two at once: the second finds the first running and is skipped.
                CompletableFuture<Optional<RefreshResult>> first = CompletableFuture.supplyAsync(() -> scheduler.runNow(stations));
                assertTrue(holding.await(30, TimeUnit.SECONDS), "the first refresh started");
                assertTrue(refresher.running("stations"));
                assertTrue(scheduler.entries().stream().anyMatch(x -> x.dataset().equals("stations") && x.running()));
                assertEquals(Optional.empty(), scheduler.runNow(stations), "an overlapping refresh is skipped");
                release.countDown();
                assertEquals(RefreshResult.Outcome.ACCEPTED, first.get().orElseThrow().outcome());
                assertTrue(!refresher.running("stations"));

                ServerContext context = new ServerContext(reg, store, Access.of(reg, java.util.Map.of()), ServerSettings.defaults(0),
                        refresher, scheduler);
                FusekiServer server = RegieServer.build(context, java.util.List.of(new StatusFeature())).start();
                try {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + server.getHttpPort() + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode());
                    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                    JsonNode st = new ObjectMapper().readTree(r.body());
                    JsonNode ds = st.get("datasets").get(1);
                    assertEquals("stations", ds.get("id").asText());
                    assertEquals(1, ds.get("version").asInt());
                    assertEquals("accepted", ds.get("lastRun").get("outcome").asText());
                    assertEquals(30000, ds.get("lastRun").get("rowsRead").asInt());
                    assertEquals("*/5 * * * *", ds.get("schedule").asText());
                    assertTrue(ds.has("nextRun"));
                } finally {
                    server.stop();
                }
            }
        }
    }

    @Test
    void aReloadedRegistryIsScheduledAnew() throws Exception {
        String original = Files.readString(registryFile);
        Registry reg = Registry.read(registryFile);
        ZoneId paris = ZoneId.of("Europe/Paris");
        try (Store store = Store.open(dir.resolve("store"));
             Scheduler scheduler = new Scheduler(reg, new Refresher(reg, store, dir, Refresher.Options.defaults()), paris, 1)) {
            scheduler.start();
            assertEquals(Optional.of("*/5 * * * *"), entry(scheduler, "stations").schedule());

            // The operator changes the stations' schedule and gives the territory one, then reloads.
            Files.writeString(registryFile, original.replace("\"*/5 * * * *\"", "\"7 3 * * *\"")
                    .replace("regie:linkBy regie:NoLink", "regie:linkBy regie:NoLink ; regie:schedule \"0 4 * * 1\""));
            scheduler.reload(Registry.read(registryFile));
            ZonedDateTime stations = entry(scheduler, "stations").nextRun().orElseThrow();
            assertEquals(3, stations.getHour(), "the new schedule of stations: " + stations);
            assertEquals(7, stations.getMinute());
            ZonedDateTime territory = entry(scheduler, "territory").nextRun().orElseThrow();
            assertEquals(java.time.DayOfWeek.MONDAY, territory.getDayOfWeek(), "the territory is scheduled now: " + territory);

            // Then takes the schedule away from stations: it is no longer planned.
            Files.writeString(registryFile, original.replace(" ; regie:schedule \"*/5 * * * *\"", ""));
            scheduler.reload(Registry.read(registryFile));
            assertTrue(entry(scheduler, "stations").nextRun().isEmpty(), "no schedule, no next run");
            assertTrue(entry(scheduler, "territory").nextRun().isEmpty());
        }
    }

    private static Scheduler.Entry entry(Scheduler scheduler, String id) {
        return scheduler.entries().stream().filter(x -> x.dataset().equals(id)).findFirst().orElseThrow();
    }
}
