package fr.regie.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.r2rml.SourceException;

/**
 * Another Régie's dataset, read over HTTP as a mirror reads it: its change feed
 * ({@code changes?after=V}, JSON), one version's RDF Patch ({@code changes/V}) and its dump
 * ({@code dump.nq.gz}, gzipped N-Quads, downloaded before it is read). Each exchange has one
 * deadline ({@code timeout}, the body's transfer included: a stalled body is cut) and a bound on
 * the bytes read, once unpacked for a dump. An
 * upstream that cannot be reached, does not answer in time or answers 5xx is a
 * {@link SourceException} (the refresher retries, then the run fails); an answer saying that
 * a version has no patch is a gap, told by an empty result, for the caller to fall back on the dump.
 */
public final class UpstreamRegie implements AutoCloseable {
    /** The header that gives the version a dump or a patch brings a copy to. */
    public static final String VERSION_HEADER = "X-Regie-Version";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body being read: the version it brings a copy to, and its bytes (gunzipped for a dump). */
    public record Body(long version, InputStream in) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A body kept on disk ({@link #download}): the answer's headers and the file; closing deletes the file. */
    public record Download(java.net.http.HttpHeaders headers, Path file) implements AutoCloseable {
        /** A header's first value, if sent. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public void close() {
            deleteQuietly(file);
        }
    }

    private final URI dataset;
    private final Duration timeout;
    private final long maxBytes;
    private final Optional<String> apiKey;
    private final HttpClient client;

    /** The upstream dataset at {@code dataset} ({@code …/datasets/{id}}). */
    public UpstreamRegie(URI dataset, Duration timeout, long maxBytes) {
        this(dataset, timeout, timeout, maxBytes, Optional.empty());
    }

    /**
     * The upstream at {@code dataset}, reached within {@code connect}, each exchange within
     * {@code timeout}, sending {@code apiKey} (if any) in {@code X-API-Key}: a replica fetches its
     * primary's snapshots with the admin key.
     */
    public UpstreamRegie(URI dataset, Duration connect, Duration timeout, long maxBytes, Optional<String> apiKey) {
        this.dataset = dataset;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.apiKey = apiKey.filter(k -> !k.isBlank());
        this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The versions after {@code after} the upstream lists (at most {@code limit}), in its order;
     * empty when it cannot list them: 410 (a version without a patch) or 400 (its live version
     * is behind {@code after}: it was rebuilt).
     */
    public Optional<List<Long>> versionsAfter(long after, int limit) {
        URI u = URI.create(dataset + "/changes?after=" + after + "&limit=" + limit);
        HttpResponse<InputStream> r = send(u, "application/json");
        if (r.statusCode() == 410 || r.statusCode() == 400) {
            close(r);
            return Optional.empty();
        }
        expect200(r, u);
        JsonNode page;
        try (InputStream in = bounded(r.body(), u)) {
            page = JSON.readTree(in);
        } catch (IOException e) {
            throw error(u, "the change feed could not be read: " + oneLine(e));
        }
        JsonNode changes = page == null ? null : page.get("changes");
        if (changes == null || !changes.isArray()) {
            throw error(u, "the answer is not a Régie change feed (no \"changes\" list)");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode c : changes) {
            if (!c.path("version").canConvertToLong()) {
                throw error(u, "a change without a version number: " + c);
            }
            out.add(c.get("version").asLong());
        }
        return Optional.of(out);
    }

    /** The RDF Patch of {@code version}; empty when the upstream has none for it (404, 410). */
    public Optional<Body> patch(long version) {
        URI u = URI.create(dataset + "/changes/" + version);
        HttpResponse<InputStream> r = send(u, "application/rdf-patch");
        if (r.statusCode() == 404 || r.statusCode() == 410) {
            close(r);
            return Optional.empty();
        }
        expect200(r, u);
        return Optional.of(new Body(version(r, u).orElse(version), bounded(r.body(), u)));
    }

    /**
     * The dump of the live version, with the version it is: downloaded into a temporary file in
     * {@code dir} within the deadline (the network's part only; parsing it takes what it takes),
     * then read back gunzipped, within {@code maxBytes}. Closing the body deletes the file.
     */
    public Body dump(Path dir) {
        URI u = URI.create(dataset + "/dump.nq.gz");
        HttpResponse<InputStream> r = send(u, "application/gzip");
        expect200(r, u);
        long v = version(r, u).orElseThrow(() -> {
            close(r);
            return error(u, "the dump has no " + VERSION_HEADER + " header: is it a Régie?");
        });
        Path file;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "upstream-dump", ".nq.gz");
        } catch (IOException e) {
            close(r);
            throw new UncheckedIOException("cannot keep the upstream's dump in " + dir, e);
        }
        try (InputStream in = bounded(r.body(), u)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof SourceException s) {
                throw s;
            }
            throw error(u, "the dump broke off (" + oneLine(e) + ")");
        }
        try {
            InputStream unpacked = limited(new GZIPInputStream(Files.newInputStream(file), 1 << 16), u);
            return new Body(v, new FilterInputStream(unpacked) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        deleteQuietly(file);
                    }
                }
            });
        } catch (IOException e) {
            deleteQuietly(file);
            throw error(u, "the dump is not gzip: " + oneLine(e));
        }
    }

    /**
     * Downloads {@code dataset + path} into a new file in {@code dir}, asking for gzip and
     * gunzipping as it arrives, so that the file holds the body itself: at most {@code maxBytes}
     * of it, within the exchange's deadline. An answer other than 200 is a {@link SourceException}
     * saying its status (and the problem's detail, when it sent one).
     */
    public Download download(String path, String accept, Path dir) {
        URI u = URI.create(dataset + path);
        HttpResponse<InputStream> r = send(u, accept, true);
        if (r.statusCode() != 200) {
            String detail = "";
            try (InputStream in = limited(deadlined(r.body(), u), u)) {
                JsonNode problem = JSON.readTree(in.readNBytes(16_384));
                detail = problem != null && problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "";
            } catch (IOException | RuntimeException e) {
                // No problem document: the status says enough.
            }
            throw error(u, "HTTP " + r.statusCode() + detail);
        }
        Path file;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "download", ".part");
        } catch (IOException e) {
            close(r);
            throw new UncheckedIOException("cannot keep a download in " + dir, e);
        }
        boolean gzip = r.headers().firstValue("Content-Encoding").filter(e -> e.strip().equalsIgnoreCase("gzip")).isPresent();
        try (InputStream raw = deadlined(r.body(), u); InputStream in = limited(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, u)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof SourceException s) {
                throw s;
            }
            throw error(u, "the download broke off (" + oneLine(e) + ")");
        }
        return new Download(r.headers(), file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left in the work folder; the next dump does not need it.
        }
    }

    private HttpResponse<InputStream> send(URI u, String accept) {
        return send(u, accept, false);
    }

    private HttpResponse<InputStream> send(URI u, String accept, boolean gzip) {
        HttpRequest.Builder b = HttpRequest.newBuilder(u).GET().timeout(timeout).header("Accept", accept).header("User-Agent", "Regie mirror");
        apiKey.ifPresent(k -> b.header("X-API-Key", k));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        HttpRequest req = b.build();
        HttpResponse<InputStream> r;
        try {
            r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw error(u, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw error(u, "cannot reach it (" + oneLine(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(u, "interrupted");
        }
        return r;
    }

    private void expect200(HttpResponse<InputStream> r, URI u) {
        if (r.statusCode() != 200) {
            close(r);
            throw error(u, "HTTP " + r.statusCode());
        }
    }

    private static OptionalLong version(HttpResponse<?> r, URI u) {
        Optional<String> h = r.headers().firstValue(VERSION_HEADER);
        if (h.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(h.get().strip()));
        } catch (NumberFormatException e) {
            throw new SourceException(Urls.redact(u), VERSION_HEADER + " \"" + h.get() + "\" is not a number");
        }
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException e) {
            // Nothing more to read from it anyway.
        }
    }

    /** The body, cut at the deadline and at {@code maxBytes}. */
    private InputStream bounded(InputStream raw, URI u) {
        return limited(deadlined(raw, u), u);
    }

    /** Closes {@code raw} when the exchange's deadline passes, so that a stalled read ends. */
    private InputStream deadlined(InputStream raw, URI u) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                raw.close();
            } catch (InterruptedException | IOException e) {
                // Finished in time.
            }
        });
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                check();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check();
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    check();
                    throw e;
                }
            }

            private void check() {
                if (System.nanoTime() > deadline) {
                    throw error(u, "the body was not received within " + timeout.toSeconds() + " s (regie:timeout)");
                }
            }

            @Override
            public void close() throws IOException {
                watchdog.interrupt();
                super.close();
            }
        };
    }

    /** Fails once more than {@code maxBytes} were read. */
    private InputStream limited(InputStream in, URI u) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    count(1);
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) {
                read += n;
                if (read > maxBytes) {
                    throw error(u, "more than the " + maxBytes + " bytes allowed (regie:maxBytes)");
                }
            }
        };
    }

    private SourceException error(URI u, String message) {
        return new SourceException(Urls.redact(u), message);
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
