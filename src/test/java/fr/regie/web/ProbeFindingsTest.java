package fr.regie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.regie.server.assets.Assets;
import fr.regie.testing.RawHttp;
import fr.regie.testing.TestServer;

/**
 * What an outside probe of the web front found, kept found: empty parts of {@code Accept} or
 * {@code Accept-Language} were 500s; TRACE echoed the API key; WebDAV verbs were 501s; a WebJar's
 * demo page (loading another host's file) was served; a {@code Host} with another port went into
 * links and redirects; gzip went to a client refusing it; and seventy clients that never read a
 * large download held every thread. On the full server over the demo.
 */
class ProbeFindingsTest {
    static final String[] PAGES = {"/", "/id/commune/93066", "/map", "/search?q=a", "/datasets", "/datasets/territory", "/sparql", "/api",
            "/catalog", "/ontology"};

    static int port(TestServer s) {
        return URI.create(s.base()).getPort();
    }

    @Test
    void emptyPartsOfAcceptHeadersAreNeverServerErrors() throws Exception {
        TestServer s = DemoWeb.server();
        for (String path : PAGES) {
            for (String h : new String[] {"Accept: ;", "Accept: text/html,;", "Accept: ;;", "Accept-Language: ;", "Accept-Language: en,;",
                    "Accept-Encoding: ;"}) {
                RawHttp r = RawHttp.get(port(s), path, "localhost:" + port(s), h);
                assertTrue(r.status() < 500, path + " with " + h + " → " + r.status() + " " + r.body());
            }
        }
    }

    @Test
    void traceAndUnknownMethodsAre405AndEchoNothing() throws Exception {
        TestServer s = DemoWeb.server();
        for (String path : new String[] {"/map", "/search", "/id/commune/93066", "/assets/regie.css", "/api", "/"}) {
            for (String method : new String[] {"TRACE", "PROPFIND", "MKCOL", "FOO"}) {
                RawHttp r = RawHttp.send(port(s), method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port(s) + "\r\nX-API-Key: secret-key-123", null);
                assertEquals(405, r.status(), method + " " + path);
                assertFalse(r.body().contains("secret-key-123"), method + " " + path + " echoed the key");
            }
        }
        RawHttp page = RawHttp.get(port(s), "/", "localhost:" + port(s));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
    }

    @Test
    void aWebJarsOwnPagesAreNotServed() throws Exception {
        TestServer s = DemoWeb.server();
        String dir = Assets.SWAGGER_UI_JS.substring(0, Assets.SWAGGER_UI_JS.lastIndexOf('/'));
        for (String f : new String[] {"index.html", "oauth2-redirect.html"}) {
            assertEquals(404, s.get("/" + dir + "/" + f).statusCode(), f);
        }
    }

    @Test
    void aHostWithAnotherPortIsRefused() throws Exception {
        TestServer s = DemoWeb.server();
        assertEquals(400, RawHttp.get(port(s), "/", "localhost:6666", "Accept: text/turtle").status());
        assertEquals(400, RawHttp.get(port(s), "/favicon.ico", "127.0.0.1:4444").status());
        RawHttp ok = RawHttp.get(port(s), "/", "localhost:" + port(s), "Accept: text/turtle");
        assertEquals(303, ok.status());
        assertEquals("http://localhost:" + port(s) + "/catalog.ttl", ok.header("Location").orElse(""));
        assertEquals(303, RawHttp.get(port(s), "/", "localhost", "Accept: text/turtle").status(), "no port: the default");
    }

    @Test
    void gzipOnlyToClientsThatTakeIt() throws Exception {
        TestServer s = DemoWeb.server();
        for (String[] c : new String[][] {{"gzip;q=0, identity", ""}, {"identity", ""}, {"gzip", "gzip"}, {"*", "gzip"}, {"*, gzip;q=0", ""},
                {"x-gzip;q=0.5", "gzip"}}) {
            for (String path : new String[] {"/assets/regie.css", "/map/data?indicator=population-2023&scale=departement&extent=region/11"}) {
                RawHttp r = RawHttp.get(port(s), path, "localhost:" + port(s), "Accept-Encoding: " + c[0]);
                assertEquals(200, r.status(), path);
                assertEquals(c[1], r.header("Content-Encoding").orElse(""), path + " with Accept-Encoding: " + c[0]);
            }
        }
    }

    /**
     * Clients that ask for a large file and never read it: past {@link fr.regie.server.http.Downloads}'
     * bounds they are refused with 503, and the server keeps answering pages meanwhile.
     */
    @Test
    void clientsThatNeverReadLargeDownloadsCannotHoldTheServer() throws Exception {
        TestServer s = DemoWeb.server();
        String target = "/datasets/territory/dump.nq.gz";
        assertEquals(200, s.getBytes(target).statusCode(), "the dump is built");
        List<Socket> stalled = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < 12; i++) {
                Socket so = new Socket();
                so.setReceiveBufferSize(4096);
                so.connect(new java.net.InetSocketAddress("localhost", port(s)));
                so.setSoTimeout(5_000);
                OutputStream out = so.getOutputStream();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port(s) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = so.getInputStream();
                byte[] head = new byte[12];
                int n = in.readNBytes(head, 0, 12);
                String status = new String(head, 0, n, StandardCharsets.ISO_8859_1);
                if (status.contains(" 503")) {
                    refused++;
                    so.close();
                } else {
                    stalled.add(so); // 200, and never read further
                }
            }
            assertTrue(stalled.size() <= fr.regie.server.http.Downloads.MAX_PER_ADDRESS, stalled.size() + " downloads held by one address");
            assertEquals(12 - stalled.size(), refused);
            long t0 = System.nanoTime();
            assertEquals(200, s.get("/", "Accept", "text/html").statusCode());
            assertEquals(200, s.get("/status").statusCode());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "pages still answer while downloads stall");
        } finally {
            for (Socket so : stalled) {
                so.close();
            }
        }
    }
}
