package fr.regie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;

/**
 * What a hostile client can hold of the server: slow request bodies on more connections than
 * there are threads, a body far larger than any query, sent with its length or in chunks. Each
 * is sent over a raw socket, as an attacker would, and the server must go on answering others.
 */
class ConnectionsTest {
    static final ServerSettings SETTINGS = ServerSettings.defaults(0);
    static final String SELECT = "SELECT * WHERE { ?s ?p ?o } LIMIT 1";

    @RegisterExtension
    static final AccessServer server = new AccessServer(SETTINGS, List.of());

    static int port() {
        return URI.create(server.base()).getPort();
    }

    static HttpResponse<String> ordinaryQuery() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.base() + "/sparql?query=" + URLEncoder.encode(SELECT, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build();
        return server.client().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of what the server answers on a socket, or "closed" if it closes it without a word. */
    static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.write(c);
        }
        return line.size() == 0 ? "closed" : line.toString(StandardCharsets.ISO_8859_1).trim();
    }

    static String head(String method, String path, String... headers) {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    @Test
    void aBodyLargerThanAnyQueryIsRefusedByItsLengthBeforeItIsRead() throws Exception {
        long tooBig = Connections.maxBody(SETTINGS.maxQueryLength()) + 1;
        try (Socket s = new Socket("localhost", port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head("POST", "/sparql", "Content-Type: application/sparql-query", "Content-Length: " + tooBig)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write("SELECT".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // Nothing more is sent: the answer comes from the length alone.
            assertTrue(statusLine(s).contains(" 413 "), "a declared body over the limit is 413");
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsCutAt413() throws Exception {
        long limit = Connections.maxBody(SETTINGS.maxQueryLength());
        try (Socket s = new Socket("localhost", port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head("POST", "/sparql", "Content-Type: application/sparql-query", "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("# " + "x".repeat(8 * 1024 - 3) + "\n").getBytes(StandardCharsets.ISO_8859_1);
            String status = null;
            try {
                for (long sent = 0; sent <= limit + 3L * chunk.length; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedWhileSending) {
                // The server may answer and close before the rest is sent: that is the point.
            }
            status = statusLine(s);
            assertTrue(status.contains(" 413 "), "a chunked body over the limit is 413, not " + status);
        }
        assertEquals(200, ordinaryQuery().statusCode());
    }

    @Test
    void slowBodiesOnMoreConnectionsThanThreadsDoNotStopOthersBeingAnswered() throws Exception {
        int attackers = Connections.MAX_THREADS + 16;
        List<Socket> sockets = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService trickle = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < attackers; i++) {
                Socket s = new Socket("localhost", port());
                s.setSoTimeout(60_000);
                s.getOutputStream().write(head("POST", "/sparql", "Content-Type: application/sparql-query", "Content-Length: 10000")
                        .getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(s);
            }
            // One byte per connection every second: far below any honest client's rate.
            trickle.submit(() -> {
                while (!stop.get()) {
                    for (Socket s : sockets) {
                        try {
                            s.getOutputStream().write('#');
                        } catch (IOException closed) {
                            // cut by the server: what is expected
                        }
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread.sleep(1_500);
            long t0 = System.nanoTime();
            HttpResponse<String> r = ordinaryQuery();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(ms < 10_000, "an honest query waited " + ms + " ms behind slow bodies");
            // And the slow senders are cut, not served forever.
            int cut = 0;
            for (Socket s : sockets) {
                String line = statusLine(s);
                if (line.equals("closed") || line.matches("HTTP/1.1 (408|400|413|500) .*")) {
                    cut++;
                }
            }
            assertEquals(attackers, cut, "every slow body is cut");
        } finally {
            stop.set(true);
            trickle.shutdownNow();
            trickle.awaitTermination(5, TimeUnit.SECONDS);
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
