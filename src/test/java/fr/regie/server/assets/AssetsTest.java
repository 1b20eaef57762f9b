package fr.regie.server.assets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;

/**
 * {@code /assets/}: every library a page names is served from the class path with its type,
 * compressed to the same bytes when asked, revalidated by its entity tag, cached for a year when
 * its path carries a version; paths that climb, unknown types and unknown files are 404s, and
 * asking for many of them does not grow what the server keeps.
 */
class AssetsTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new AssetsFeature()));

    @Test
    void everyNamedAssetIsServedWithItsTypeAndCompressedToTheSameBytes() throws Exception {
        for (String path : List.of(Assets.LEAFLET_JS, Assets.LEAFLET_CSS, Assets.SWAGGER_UI_JS, Assets.SWAGGER_UI_CSS, Assets.YASGUI_JS,
                Assets.YASGUI_CSS, Assets.own("regie.css"))) {
            HttpResponse<byte[]> plain = server.getBytes("/" + path);
            assertEquals(200, plain.statusCode(), path);
            String type = plain.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith(path.endsWith(".js") ? "text/javascript" : "text/css"), path + " " + type);
            assertTrue(plain.body().length > 100, path);
            HttpResponse<byte[]> gz = server.getBytes("/" + path, "Accept-Encoding", "gzip");
            assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""), path);
            assertTrue(gz.body().length < plain.body().length, path);
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
                assertArrayEquals(plain.body(), in.readAllBytes(), path);
            }
            String etag = plain.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, server.getBytes("/" + path, "If-None-Match", etag).statusCode(), path);
            boolean versioned = path.contains("/webjars/") || path.contains("/vendor/");
            assertEquals(versioned, plain.headers().firstValue("Cache-Control").orElse("").contains("immutable"), path);
        }
    }

    @Test
    void climbingUnknownTypesAndUnknownFilesAreNotFound() throws Exception {
        for (String path : List.of("/assets/../pom.xml", "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/webjars/../../log4j2.properties",
                "/assets/log4j2.properties", "/assets/fr/regie/cli/Main.class", "/assets/nope.js", "/assets/", "/assets/a//b.js",
                "/assets/webjars/leaflet/9.9.9/dist/leaflet.js")) {
            HttpResponse<String> r = server.get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " → " + r.statusCode());
        }
        for (int i = 0; i < 2000; i++) {
            assertEquals(404, server.get("/assets/missing-" + i + ".js").statusCode());
        }
    }
}
