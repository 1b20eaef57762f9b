package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.ServerSettings;

/** {@code POST /admin/refresh/{id}?allowMassDeletion=true}: the operator lets a refresh past the mass-deletion guard. */
class AdminMassDeletionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static OpsServer ops;

    @BeforeAll
    static void start() throws Exception {
        ops = OpsServer.start(dir, ServerSettings.defaults(0), List.of(new AdminFeature()));
    }

    @AfterAll
    static void stop() {
        if (ops != null) {
            ops.close();
        }
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return ops.server.post(path, "text/plain", "", "X-API-Key", "k-admin");
    }

    @Test
    void theGuardRejectsUnlessTheOperatorAllows() throws Exception {
        // Both stations lose their name: 2 of the 8 live triples, no row gone.
        ops.sql("UPDATE item SET nom = NULL WHERE kind = 'stations'");
        HttpResponse<String> refused = post("/admin/refresh/stations?wait=true");
        assertEquals(200, refused.statusCode(), refused.body());
        assertEquals("rejected", JSON.readTree(refused.body()).get("outcome").asText(), refused.body());
        assertEquals(400, post("/admin/refresh/stations?wait=true&allowMassDeletion=maybe").statusCode());

        HttpResponse<String> allowed = post("/admin/refresh/stations?wait=true&allowMassDeletion=true");
        JsonNode r = JSON.readTree(allowed.body());
        assertEquals("accepted", r.get("outcome").asText(), allowed.body());
        assertEquals(2, r.get("triplesRemoved").asLong(), allowed.body());
    }
}
