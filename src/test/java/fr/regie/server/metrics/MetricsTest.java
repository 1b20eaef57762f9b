package fr.regie.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.ServerSettings;
import fr.regie.server.ops.AdminFeature;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.server.ops.OpsServer;
import fr.regie.server.status.StatusFeature;

/**
 * {@code /$/metrics} over real HTTP: Fuseki's metrics and Régie's, with counts that match the
 * requests made, the refreshes run and the store's graphs; open on a local server, admin key
 * only on a public one.
 */
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @TempDir
    Path dir;
    OpsServer ops;

    @AfterEach
    void stop() {
        if (ops != null) {
            ops.close();
        }
    }

    void start(boolean localOnly) throws Exception {
        ops = OpsServer.start(dir, ServerSettings.defaults(0).local(localOnly),
                List.of(new StatusFeature(), new DatasetsFeature(), new AdminFeature(), new MetricsFeature()));
    }

    /** The samples of a Prometheus text exposition, keyed by {@code name{label="v",…}} with labels sorted. */
    static Map<String, Double> scrape(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                // Fuseki tags every meter of its registry with application="fuseki".
                labels.remove("application");
            }
            out.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
        return out;
    }

    static String key(String name, Map<String, String> labels) {
        StringBuilder sb = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        return sb.append('}').toString();
    }

    /** A scrape, as Prometheus makes it: with the operator's key (or the given headers). */
    Map<String, Double> metrics(String... headers) throws Exception {
        HttpResponse<String> r = ops.server.get("/$/metrics", headers.length == 0 ? new String[] {"Authorization", "Bearer k-admin"} : headers);
        assertEquals(200, r.statusCode(), r.body());
        return scrape(r.body());
    }

    /**
     * A response is counted once its exchange completed on the server, which may be a moment after
     * the client read it: scrape again until the sample has the expected value (or give up).
     */
    Map<String, Double> metricsWith(String sample, double expected, String... headers) throws Exception {
        Map<String, Double> m = metrics(headers);
        for (int i = 0; i < 40 && !Double.valueOf(expected).equals(m.get(sample)); i++) {
            Thread.sleep(50);
            m = metrics(headers);
        }
        return m;
    }

    @Test
    void regieMetersCountWhatHappened() throws Exception {
        start(true);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, ops.server.get("/status").statusCode());
        }
        assertEquals(404, ops.server.get("/datasets/secret/dump.nq.gz").statusCode());
        assertEquals(404, ops.server.get("/datasets/secret/changes").statusCode());
        assertEquals(401, ops.server.get("/status", "X-API-Key", "wrong").statusCode());
        HttpResponse<String> refresh = ops.server.post("/admin/refresh/stations?wait=true", "text/plain", "", "X-API-Key", "k-admin");
        assertEquals(200, refresh.statusCode(), refresh.body());
        String outcome = new ObjectMapper().readTree(refresh.body()).get("outcome").asText();
        // A tap records its requests in the context's registry, as the taps feature does.
        ops.context.meters().counter("regie.tap.requests", "tap", "stations-near", "status", "200").increment(2);

        Map<String, Double> m = metricsWith(key("regie_http_responses_total", Map.of("route", "admin", "status", "200")), 1.0);
        assertEquals(3.0, m.get(key("regie_http_responses_total", Map.of("route", "status", "status", "200"))));
        assertEquals(2.0, m.get(key("regie_http_responses_total", Map.of("route", "datasets", "status", "404"))));
        assertEquals(1.0, m.get(key("regie_http_responses_total", Map.of("route", "status", "status", "401"))));
        assertEquals(1.0, m.get(key("regie_http_responses_total", Map.of("route", "admin", "status", "200"))));
        assertEquals(2.0, m.get(key("regie_tap_requests_total", Map.of("tap", "stations-near", "status", "200"))));

        // The fixture accepted version 1 of each dataset; the admin refresh above added one run.
        for (String ds : List.of("territory", "stations", "shared", "secret")) {
            assertEquals(1.0, m.get(key("regie_dataset_version", Map.of("dataset", ds))), ds);
            assertEquals((double) ops.storeGraph(ds).size(), m.get(key("regie_dataset_triples", Map.of("dataset", ds))), ds);
            double expectedAccepted = 1 + (ds.equals("stations") && outcome.equals("accepted") ? 1 : 0);
            assertEquals(expectedAccepted, m.get(key("regie_refresh_runs_total", Map.of("dataset", ds, "outcome", "accepted"))), ds);
            assertEquals(0.0, m.get(key("regie_refresh_runs_total", Map.of("dataset", ds, "outcome", "failed"))), ds);
        }
        assertEquals(outcome.equals("unchanged") ? 1.0 : 0.0,
                m.get(key("regie_refresh_runs_total", Map.of("dataset", "stations", "outcome", "unchanged"))));
        assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("jvm_")), "Fuseki's registry, with its JVM meters");

        // Scrapes are responses too: counted once they completed.
        String scrapes = key("regie_http_responses_total", Map.of("route", "fuseki", "status", "200"));
        double before = m.getOrDefault(scrapes, 0.0);
        double after = before;
        for (int i = 0; i < 40 && after <= before; i++) {
            Thread.sleep(50);
            after = metrics().getOrDefault(scrapes, 0.0);
        }
        assertTrue(after > before, "scrapes counted: " + before + " then " + after);
    }

    @Test
    void aReloadedRegistryBringsTheMetersOfItsNewDatasets() throws Exception {
        start(true);
        Path registry = dir.resolve("registry.ttl");
        java.nio.file.Files.writeString(registry, java.nio.file.Files.readString(registry) + """
                <#extra> a dcat:Dataset ; dct:identifier "extra" ; dct:title "extra" ; dct:publisher <#velib> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:linkBy regie:CommuneCode ; regie:accessLevel regie:Public .
                """);
        assertEquals(null, metrics().get(key("regie_dataset_version", Map.of("dataset", "extra"))));
        assertEquals(200, ops.server.post("/admin/reload", "text/plain", "", "X-API-Key", "k-admin").statusCode());
        assertEquals(0.0, metrics().get(key("regie_dataset_version", Map.of("dataset", "extra"))), "never loaded");
        assertEquals(200, ops.server.post("/admin/refresh/extra?wait=true", "text/plain", "", "X-API-Key", "k-admin").statusCode());
        Thread.sleep(1100); // the figures of one scrape are reused for a second
        Map<String, Double> m = metrics();
        assertEquals(1.0, m.get(key("regie_dataset_version", Map.of("dataset", "extra"))));
        assertEquals(1.0, m.get(key("regie_refresh_runs_total", Map.of("dataset", "extra", "outcome", "accepted"))));
        assertEquals((double) ops.storeGraph("extra").size(), m.get(key("regie_dataset_triples", Map.of("dataset", "extra"))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void metricsNeedTheAdminKeyWhereverTheServerListens(boolean localOnly) throws Exception {
        start(localOnly);
        assertEquals(401, ops.server.get("/$/metrics").statusCode());
        assertEquals(403, ops.server.get("/$/metrics", "X-API-Key", "k-sncf").statusCode());
        String refused = key("regie_http_responses_total", Map.of("route", "fuseki", "status", "403"));
        Map<String, Double> m = metricsWith(refused, 1.0, "X-API-Key", "k-admin");
        assertEquals(1.0, m.get(key("regie_http_responses_total", Map.of("route", "fuseki", "status", "401"))));
        assertEquals(1.0, m.get(key("regie_http_responses_total", Map.of("route", "fuseki", "status", "403"))));
    }
}
