package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import fr.regie.r2rml.SourceException;

/** The feed fetcher against a real HTTP server on a free port: validators, digests, and every way a feed fails. */
class HttpFetcherTest {
    @TempDir
    Path work;

    private HttpServer server;
    /** The conditional headers each request carried ("If-None-Match=…|If-Modified-Since=…"). */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile byte[] body = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
    private volatile String etag = "\"v1\"";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/etag", x -> {
            record(x);
            if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                empty(x, 304);
                return;
            }
            x.getResponseHeaders().set("ETag", etag);
            send(x, 200, body);
        });
        server.createContext("/modified", x -> {
            record(x);
            String lm = "Mon, 06 Apr 2026 10:49:36 GMT";
            if (lm.equals(x.getRequestHeaders().getFirst("If-Modified-Since"))) {
                empty(x, 304);
                return;
            }
            x.getResponseHeaders().set("Last-Modified", lm);
            send(x, 200, body);
        });
        server.createContext("/plain", x -> {
            record(x);
            send(x, 200, body);
        });
        server.createContext("/gzip", x -> {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(body);
            }
            x.getResponseHeaders().set("Content-Encoding", "gzip");
            send(x, 200, z.toByteArray());
        });
        server.createContext("/error", x -> send(x, 500, "boom".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/sleep", x -> {
            sleep(5_000);
            send(x, 200, body);
        });
        server.createContext("/dribble", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('x');
                    out.flush();
                    sleep(100);
                }
            } catch (IOException e) {
                // The client gave up: as expected.
            }
        });
        server.createContext("/truncated", x -> {
            x.sendResponseHeaders(200, 1000);
            OutputStream out = x.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            // Closing the connection without the 990 bytes announced.
            try {
                x.close();
            } catch (RuntimeException e) {
                // The server notes the short body.
            }
        });
        server.createContext("/big", x -> send(x, 200, new byte[5000]));
        server.createContext("/bigchunked", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[5000]);
            } catch (IOException e) {
                // The client gave up: as expected.
            }
        });
        server.createContext("/loop", x -> {
            x.getResponseHeaders().set("Location", x.getRequestURI().getPath().equals("/loop/a") ? "/loop/b" : "/loop/a");
            empty(x, 302);
        });
        server.createContext("/hop", x -> {
            x.getResponseHeaders().set("Location", "/plain");
            empty(x, 301);
        });
        server.createContext("/ftp", x -> {
            x.getResponseHeaders().set("Location", "ftp://example.org/x");
            empty(x, 302);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void record(HttpExchange x) {
        seen.add("If-None-Match=" + x.getRequestHeaders().getFirst("If-None-Match") + "|If-Modified-Since="
                + x.getRequestHeaders().getFirst("If-Modified-Since"));
    }

    private static void send(HttpExchange x, int status, byte[] b) throws IOException {
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        } catch (IOException e) {
            // The client gave up.
        }
    }

    private static void empty(HttpExchange x, int status) throws IOException {
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpFetcher fetcher(String path) {
        return new HttpFetcher(url(path), work.resolve("feed"), new HttpFetcher.Limits(Duration.ofSeconds(1), 4096, 5));
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void etagGives304AndNewBytesReplaceTheCopy() throws Exception {
        HttpFetcher f = fetcher("/etag");
        HttpFetcher.Result first = f.fetch();
        assertEquals(HttpFetcher.Outcome.CHANGED, first.outcome());
        assertEquals(sha(body), first.sha256());
        assertEquals("{\"v\":1}", Files.readString(first.copy()));
        HttpFetcher.Result second = f.fetch();
        assertEquals(HttpFetcher.Outcome.NOT_MODIFIED, second.outcome());
        assertTrue(second.unchanged());
        assertEquals(first.sha256(), second.sha256());
        body = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);
        etag = "\"v2\"";
        HttpFetcher.Result third = f.fetch();
        assertEquals(HttpFetcher.Outcome.CHANGED, third.outcome());
        assertEquals("{\"v\":2}", Files.readString(third.copy()));
        assertEquals(List.of("If-None-Match=null|If-Modified-Since=null", "If-None-Match=\"v1\"|If-Modified-Since=null",
                "If-None-Match=\"v1\"|If-Modified-Since=null"), seen);
        try (var s = Files.list(work.resolve("feed"))) {
            assertEquals(List.of("copy", "state.properties"), s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    void lastModifiedOnly() throws IOException {
        HttpFetcher f = fetcher("/modified");
        assertEquals(HttpFetcher.Outcome.CHANGED, f.fetch().outcome());
        assertEquals(HttpFetcher.Outcome.NOT_MODIFIED, f.fetch().outcome());
        assertEquals("If-None-Match=null|If-Modified-Since=Mon, 06 Apr 2026 10:49:36 GMT", seen.get(1));
    }

    @Test
    void neitherValidatorThenTheDigestDecides() throws IOException {
        HttpFetcher f = fetcher("/plain");
        assertEquals(HttpFetcher.Outcome.CHANGED, f.fetch().outcome());
        assertEquals(HttpFetcher.Outcome.SAME_DIGEST, f.fetch().outcome());
        body = "{\"v\":3}".getBytes(StandardCharsets.UTF_8);
        HttpFetcher.Result r = f.fetch();
        assertEquals(HttpFetcher.Outcome.CHANGED, r.outcome());
        assertEquals("{\"v\":3}", Files.readString(r.copy()));
    }

    @Test
    void gzipIsUnpacked() throws IOException {
        assertEquals("{\"v\":1}", Files.readString(fetcher("/gzip").fetch().copy()));
    }

    @Test
    void aFailureKeepsTheLastCopyAndNamesTheUrlWithoutSecrets() throws IOException {
        assertEquals(HttpFetcher.Outcome.CHANGED, fetcher("/plain").fetch().outcome());
        HttpFetcher f = new HttpFetcher(URI.create(url("/error").toString().replace("http://", "http://bob:hunter2@") + "?apikey=s3cret&city=paris"),
                work.resolve("feed"), HttpFetcher.Limits.DEFAULT);
        SourceException e = assertThrows(SourceException.class, f::fetch);
        assertEquals(url("/error") + "?apikey=…&city=paris: HTTP 500", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("s3cret"));
        assertEquals("{\"v\":1}", Files.readString(work.resolve("feed/copy")), "the last good copy stays");
    }

    @Test
    void aSilentServerTimesOut() {
        long t0 = System.nanoTime();
        SourceException e = assertThrows(SourceException.class, () -> fetcher("/sleep").fetch());
        assertEquals(url("/sleep") + ": no answer within 1 s", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "given up in time");
    }

    @Test
    void aSlowBodyTimesOut() {
        long t0 = System.nanoTime();
        SourceException e = assertThrows(SourceException.class, () -> fetcher("/dribble").fetch());
        assertTrue(e.getMessage().startsWith(url("/dribble") + ": the body was not received within 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "given up in time");
        assertFalse(Files.exists(work.resolve("feed/copy")));
    }

    @Test
    void aTruncatedBody() {
        SourceException e = assertThrows(SourceException.class, () -> fetcher("/truncated").fetch());
        assertTrue(e.getMessage().startsWith(url("/truncated") + ": the body ended early or broke after 10 bytes of 1000"), e.getMessage());
    }

    @Test
    void oversizeBodies() {
        assertEquals(url("/big") + ": the body is 5000 bytes, more than the 4096 allowed (regie:maxBytes)",
                assertThrows(SourceException.class, () -> fetcher("/big").fetch()).getMessage());
        assertEquals(url("/bigchunked") + ": the body is more than the 4096 bytes allowed (regie:maxBytes); fetch abandoned",
                assertThrows(SourceException.class, () -> fetcher("/bigchunked").fetch()).getMessage());
    }

    @Test
    void redirects() throws IOException {
        assertEquals("{\"v\":1}", Files.readString(fetcher("/hop").fetch().copy()));
        assertEquals(url("/loop/a") + ": more than 5 redirects (last to " + url("/loop/b") + ")",
                assertThrows(SourceException.class, () -> fetcher("/loop/a").fetch()).getMessage());
        assertEquals(url("/ftp") + ": a redirect to ftp: (only http and https are followed)",
                assertThrows(SourceException.class, () -> fetcher("/ftp").fetch()).getMessage());
        assertThrows(SourceException.class, () -> new HttpFetcher(URI.create("file:///etc/passwd"), work, HttpFetcher.Limits.DEFAULT));
    }
}
