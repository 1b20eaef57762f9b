package fr.regie.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import fr.regie.r2rml.SourceException;

/**
 * Fetches one web feed into a local copy, conditionally: the last fetch's {@code ETag} and
 * {@code Last-Modified} are sent back; a 304 means unchanged (no body read), a 200 is streamed to
 * a temporary file while its SHA-256 is computed, then moved over the copy in one step, unless
 * its digest is the last one (unchanged too). Everything is bounded: one deadline for the whole
 * exchange, a maximum size (counted after gzip), at most 5 redirects, http and https only.
 * Failures are {@link SourceException}s naming the URL with its secrets redacted.
 */
public final class HttpFetcher {
    /** The bounds of a fetch. */
    public record Limits(Duration timeout, long maxBytes, int maxRedirects) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 256L << 20, 5);
    }

    /** What a fetch found. */
    public enum Outcome {
        /** New bytes: the copy was replaced. */
        CHANGED,
        /** The server answered 304 Not Modified. */
        NOT_MODIFIED,
        /** The server sent the same bytes as last time. */
        SAME_DIGEST
    }

    /** The result: the outcome, the copy (the new one, or the one kept), its SHA-256 and size. */
    public record Result(Outcome outcome, Path copy, String sha256, long bytes) {
        /** True when there is nothing new to map. */
        public boolean unchanged() {
            return outcome != Outcome.CHANGED;
        }
    }

    private final URI url;
    private final Path dir;
    private final Limits limits;

    /** A fetcher of {@code url} that keeps its copy and state in {@code workDir} (created if needed). */
    public HttpFetcher(URI url, Path workDir, Limits limits) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SourceException(Urls.redact(url), "only http and https URLs are fetched");
        }
        this.url = url;
        this.dir = workDir;
        this.limits = limits;
    }

    /** The copy of the last body fetched. */
    public Path copy() {
        return dir.resolve("copy");
    }

    private Path stateFile() {
        return dir.resolve("state.properties");
    }

    /** Fetches the feed once (no retry: the refresher decides). */
    public Result fetch() throws IOException {
        // One client per fetch, shut down after it: no selector thread outlives the fetch.
        HttpClient client = HttpClient.newBuilder().connectTimeout(limits.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            return fetch(client);
        } finally {
            client.shutdownNow();
        }
    }

    private Result fetch(HttpClient client) throws IOException {
        Files.createDirectories(dir);
        FetchState state = FetchState.read(stateFile(), url.toString());
        boolean haveCopy = Files.isRegularFile(copy());
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        URI at = url;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(at).GET().timeout(remaining(deadline, at))
                    .header("Accept-Encoding", "gzip").header("User-Agent", "Regie");
            if (haveCopy) {
                state.etag().ifPresent(v -> req.header("If-None-Match", v));
                state.lastModified().ifPresent(v -> req.header("If-Modified-Since", v));
            }
            HttpResponse<InputStream> resp = send(client, req.build(), at);
            int status = resp.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                resp.body().close();
                if (hop >= limits.maxRedirects()) {
                    throw error("more than " + limits.maxRedirects() + " redirects (last to " + Urls.redact(at) + ")");
                }
                at = redirect(at, resp);
                continue;
            }
            if (status == 304 && haveCopy) {
                resp.body().close();
                return new Result(Outcome.NOT_MODIFIED, copy(), state.sha256().orElseGet(() -> sha(copy())), Files.size(copy()));
            }
            if (status != 200) {
                resp.body().close();
                throw error("HTTP " + status + (at.equals(url) ? "" : " from " + Urls.redact(at)));
            }
            return body(resp, state, deadline);
        }
    }

    private HttpResponse<InputStream> send(HttpClient client, HttpRequest req, URI at) throws IOException {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw error("no answer within " + limits.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw error("cannot fetch " + (at.equals(url) ? "" : Urls.redact(at) + " ") + "(" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted");
        }
    }

    private URI redirect(URI from, HttpResponse<?> resp) {
        String loc = resp.headers().firstValue("Location").orElseThrow(() -> error("HTTP " + resp.statusCode() + " without a Location"));
        URI to;
        try {
            to = from.resolve(loc);
        } catch (IllegalArgumentException e) {
            throw error("a redirect to something that is not a URL");
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw error("a redirect to " + scheme + ": (only http and https are followed)");
        }
        return to;
    }

    /** Streams a 200's body to a temporary file with its digest, within the size and the deadline. */
    private Result body(HttpResponse<InputStream> resp, FetchState state, long deadline) throws IOException {
        long announced = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean gzip = resp.headers().firstValue("Content-Encoding").map(v -> v.strip().equalsIgnoreCase("gzip")).orElse(false);
        if (announced > limits.maxBytes() && !gzip) {
            resp.body().close();
            throw error("the body is " + announced + " bytes, more than the " + limits.maxBytes() + " allowed (regie:maxBytes)");
        }
        MessageDigest md = sha256();
        Path tmp = Files.createTempFile(dir, "fetch", ".part");
        AtomicBoolean timedOut = new AtomicBoolean();
        InputStream raw = resp.body();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                timedOut.set(true);
                raw.close();
            } catch (InterruptedException | IOException e) {
                // Finished in time, or closing failed: the read ends either way.
            }
        });
        long total = 0;
        try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw; OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw error("the body is more than the " + limits.maxBytes() + " bytes allowed (regie:maxBytes); fetch abandoned");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            if (timedOut.get()) {
                throw error("the body was not received within " + limits.timeout().toSeconds() + " s (" + total + " bytes read)");
            }
            throw error("the body ended early or broke after " + total + " bytes" + (announced >= 0 ? " of " + announced : "")
                    + " (" + describe(e) + ")");
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            watchdog.interrupt();
        }
        String sha = HexFormat.of().formatHex(md.digest());
        Optional<String> etag = resp.headers().firstValue("ETag");
        Optional<String> modified = resp.headers().firstValue("Last-Modified");
        FetchState next = new FetchState(url.toString(), etag, modified, Optional.of(sha));
        if (state.sha256().filter(sha::equals).isPresent() && Files.isRegularFile(copy())) {
            Files.delete(tmp);
            next.write(stateFile());
            return new Result(Outcome.SAME_DIGEST, copy(), sha, total);
        }
        Files.move(tmp, copy(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        next.write(stateFile());
        return new Result(Outcome.CHANGED, copy(), sha, total);
    }

    private Duration remaining(long deadline, URI at) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw error("no answer within " + limits.timeout().toSeconds() + " s" + (at.equals(url) ? "" : " (redirected to " + Urls.redact(at) + ")"));
        }
        return Duration.ofNanos(left);
    }

    private SourceException error(String message) {
        return new SourceException(Urls.redact(url), message);
    }

    private String describe(IOException e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace(url.toString(), Urls.redact(url)).replaceAll("\\s*\\R\\s*", " ");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String sha(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = sha256();
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
