package fr.regie.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.resource.ResourceFeature;
import fr.regie.server.status.StatusFeature;

/**
 * What a shared cache may keep, on every kind of answer: each varies with the key headers, and
 * an answer to a caller with a key is private, whatever its endpoint says (a proxy that keeps
 * answers without explicit freshness would otherwise give a partner's answer to the next comer).
 */
class KeyedCachingTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new StatusFeature(), new ResourceFeature(), new CatalogFeature()));

    static final List<String> PATHS = List.of("/id/stations/1", "/id/stations/1.html", "/catalog", "/status",
            "/sparql?query=" + URLEncoder.encode("SELECT * WHERE { ?s ?p ?o } LIMIT 3", StandardCharsets.UTF_8),
            "/data?graph=" + URLEncoder.encode(AccessFixture.BASE + "graph/stations", StandardCharsets.UTF_8));

    private static String header(HttpResponse<String> r, String name) {
        return String.join(", ", r.headers().allValues(name)).toLowerCase(Locale.ROOT);
    }

    @Test
    void everyAnswerVariesWithTheKeyHeaders() throws Exception {
        for (String path : PATHS) {
            for (String[] who : new String[][] {{}, {"X-API-Key", "k-velib"}, {"Authorization", "Bearer k-sncf"}}) {
                HttpResponse<String> r = server.get(path, who);
                assertEquals(200, r.statusCode(), path + ": " + r.body());
                String vary = header(r, "Vary");
                assertTrue(vary.contains("x-api-key") && vary.contains("authorization"), path + " Vary: " + vary);
            }
        }
    }

    @Test
    void answersToACallerWithAKeyArePrivate() throws Exception {
        for (String path : PATHS) {
            for (String[] who : new String[][] {{"X-API-Key", "k-velib"}, {"Authorization", "Bearer k-admin"}}) {
                HttpResponse<String> r = server.get(path, who);
                assertEquals(200, r.statusCode(), path);
                String cc = header(r, "Cache-Control");
                assertTrue(cc.contains("private") || cc.contains("no-store"), path + " for " + who[1] + ": " + cc);
                assertFalse(cc.contains("public"), path + " for " + who[1] + ": " + cc);
            }
        }
    }

    @Test
    void anonymousAnswersKeepWhatTheirEndpointSays() throws Exception {
        assertEquals("public, max-age=60", header(server.get("/id/stations/1"), "Cache-Control"));
        String vary = header(server.get("/id/stations/1"), "Vary");
        assertTrue(vary.startsWith("accept"), "the endpoint's own Vary comes first: " + vary);
    }
}
