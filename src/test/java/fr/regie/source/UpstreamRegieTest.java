package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.regie.r2rml.SourceException;

/**
 * What a mirror makes of an upstream's answers, against a raw socket server that answers as
 * told: a silence or a stalled body is cut at the deadline, 5xx is a failure, 410 a gap, a body
 * beyond the allowed bytes is refused, and a good dump arrives gunzipped with its version.
 */
class UpstreamRegieTest {
    /** How the raw server answers every request. */
    private interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private ServerSocket socket;
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private URI serve(Answer answer) throws IOException {
        ServerSocket server = new ServerSocket(0);
        socket = server;
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // The request's head: read and ignored.
                    }
                    answer.write(s.getOutputStream());
                    s.getOutputStream().flush();
                } catch (IOException | InterruptedException e) {
                    // The client went away (cut at its deadline) or the server is closing.
                }
            }
        });
        return URI.create("http://localhost:" + server.getLocalPort() + "/datasets/lieux");
    }

    @AfterEach
    void stop() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    private static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\nConnection: close\r\n");
        for (String x : headers) {
            h.append(x).append("\r\n");
        }
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static UpstreamRegie client(URI u, long maxBytes) {
        return new UpstreamRegie(u, Duration.ofSeconds(1), maxBytes);
    }

    @Test
    void silenceIsCutAtTheDeadline() throws Exception {
        URI u = serve(out -> Thread.sleep(10_000));
        long t0 = System.nanoTime();
        try (UpstreamRegie up = client(u, 1000)) {
            SourceException e = assertThrows(SourceException.class, () -> up.versionsAfter(3, 10));
            assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
        }
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bounded by the deadline");
    }

    @Test
    void aStalledBodyIsCutAtTheDeadline() throws Exception {
        URI u = serve(out -> {
            head(out, 200, "Content-Type: application/rdf-patch", "Content-Length: 1000", "X-Regie-Version: 4");
            out.write("TX .\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(10_000);
        });
        long t0 = System.nanoTime();
        try (UpstreamRegie up = client(u, 10_000); UpstreamRegie.Body b = up.patch(4).orElseThrow(); InputStream in = b.in()) {
            assertEquals(4, b.version());
            SourceException e = assertThrows(SourceException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("not received within 1 s"), e.getMessage());
        }
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bounded by the deadline");
    }

    @Test
    void serverErrorsFailGapsAreTold() throws Exception {
        URI u = serve(out -> head(out, 503, "Content-Length: 0"));
        try (UpstreamRegie up = client(u, 1000)) {
            SourceException e = assertThrows(SourceException.class, () -> up.dump(dir));
            assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("/datasets/lieux/dump.nq.gz"), e.getMessage());
        }
        stop();
        URI gone = serve(out -> head(out, 410, "Content-Length: 0"));
        try (UpstreamRegie up = client(gone, 1000)) {
            assertEquals(Optional.empty(), up.versionsAfter(3, 10));
            assertEquals(Optional.empty(), up.patch(4));
        }
    }

    @Test
    void aBodyBeyondTheAllowedBytesIsRefused() throws Exception {
        byte[] big = "0123456789".repeat(100).getBytes(StandardCharsets.UTF_8);
        URI u = serve(out -> {
            head(out, 200, "Content-Type: application/rdf-patch", "Content-Length: " + big.length);
            out.write(big);
        });
        try (UpstreamRegie up = client(u, 500); UpstreamRegie.Body b = up.patch(1).orElseThrow(); InputStream in = b.in()) {
            SourceException e = assertThrows(SourceException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("more than the 500 bytes allowed"), e.getMessage());
        }
    }

    @Test
    void aDumpArrivesGunzippedWithItsVersion() throws Exception {
        String nq = "<https://up.example/id/lieu/1> <https://schema.org/name> \"Gare\" <https://up.example/graph/lieux> .\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(nq.getBytes(StandardCharsets.UTF_8));
        }
        URI u = serve(out -> {
            head(out, 200, "Content-Type: application/gzip", "Content-Length: " + gz.size(), "X-Regie-Version: 7");
            out.write(gz.toByteArray());
        });
        try (UpstreamRegie up = client(u, 1000); UpstreamRegie.Body b = up.dump(dir); InputStream in = b.in()) {
            assertEquals(7, b.version());
            assertEquals(nq, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(dir)) {
            assertEquals(0, left.count(), "the downloaded dump is deleted once read");
        }
        stop();
        URI noVersion = serve(out -> head(out, 200, "Content-Type: application/gzip", "Content-Length: 0"));
        try (UpstreamRegie up = client(noVersion, 1000)) {
            SourceException e = assertThrows(SourceException.class, () -> up.dump(dir));
            assertTrue(e.getMessage().contains("X-Regie-Version"), e.getMessage());
        }
    }
}
