package fr.regie.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import fr.regie.r2rml.SourceException;
import fr.regie.source.UpstreamRegie;

/**
 * A primary's snapshots over HTTP ({@code GET {primary}admin/replication/DATASET/snapshot} with
 * the admin key), through {@link UpstreamRegie}: connected within {@code connect}, the whole
 * download within {@code timeout}, gunzipped as it arrives into at most {@code maxBytes} on disk.
 */
public final class PrimarySnapshots implements SnapshotSource {
    /** The default bound of a snapshot on disk: 8 GiB. */
    public static final long DEFAULT_MAX_BYTES = 8L << 30;

    private final String primary;
    private final Duration connect;
    private final Duration timeout;
    private final long maxBytes;
    private final Supplier<Optional<String>> adminKey;
    private final HttpClient client;
    /** The largest registry bundle taken from the primary. */
    private static final long MAX_REGISTRY = 256L << 20;
    /** The longest a HEAD or the registry's download may take (a snapshot's own bound may be an hour). */
    private static final Duration SMALL = Duration.ofSeconds(60);

    /** Snapshots from {@code primary} (its base URL), sending the key {@code adminKey} gives at each download. */
    public PrimarySnapshots(String primary, Duration connect, Duration timeout, long maxBytes, Supplier<Optional<String>> adminKey) {
        this.primary = primary.endsWith("/") ? primary : primary + "/";
        this.connect = connect;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.adminKey = adminKey;
        this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Snapshot fetch(String dataset, Path dir) throws IOException {
        URI at = URI.create(primary + "admin/replication/" + dataset);
        try (UpstreamRegie upstream = new UpstreamRegie(at, connect, timeout, maxBytes, adminKey.get())) {
            UpstreamRegie.Download d = upstream.download("/snapshot", "application/n-quads", dir);
            try {
                String store = d.header(STORE).orElseThrow(() -> new IOException(at + "/snapshot has no " + STORE + " header: is it a Régie primary?"));
                String version = d.header(VERSION).orElseThrow(() -> new IOException(at + "/snapshot has no " + VERSION + " header"));
                long v;
                try {
                    v = Long.parseLong(version.strip());
                } catch (NumberFormatException e) {
                    throw new IOException(at + "/snapshot: " + VERSION + " \"" + version + "\" is not a number");
                }
                return new Snapshot(store.strip(), v, d.header(RUN).map(String::strip).orElse(""), d.file());
            } catch (IOException | RuntimeException e) {
                d.close();
                throw e;
            }
        } catch (SourceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Head head(String dataset) throws IOException {
        HttpResponse<InputStream> r = send("admin/replication/" + dataset + "/snapshot", "HEAD");
        try (InputStream in = r.body()) {
            String store = r.headers().firstValue(STORE).orElseThrow(() -> new IOException(r.uri() + " has no " + STORE + " header"));
            long v;
            try {
                v = Long.parseLong(r.headers().firstValue(VERSION).orElse("").strip());
            } catch (NumberFormatException e) {
                throw new IOException(r.uri() + ": no numeric " + VERSION + " header");
            }
            return new Head(store.strip(), v, r.headers().firstValue(RUN).map(String::strip).orElse(""));
        }
    }

    @Override
    public RegistryDownload registry() throws IOException {
        HttpResponse<InputStream> r = send("admin/replication/registry", "GET");
        try (InputStream in = r.body()) {
            String store = r.headers().firstValue(STORE).orElseThrow(() -> new IOException(r.uri() + " has no " + STORE + " header"));
            byte[] zip = in.readNBytes((int) MAX_REGISTRY + 1);
            if (zip.length > MAX_REGISTRY) {
                throw new IOException(r.uri() + ": the registry bundle is larger than " + (MAX_REGISTRY >> 20) + " MiB");
            }
            RegistryBundle bundle = new RegistryBundle(zip, RegistryBundle.sha256(zip));
            String said = r.headers().firstValue(RegistryBundle.SHA256).orElse("");
            if (!said.equals(bundle.sha256())) {
                throw new IOException(r.uri() + ": the bundle's SHA-256 is " + bundle.sha256() + ", its header says " + said);
            }
            return new RegistryDownload(bundle, store.strip());
        }
    }

    /** A bounded request to the primary with the admin key; anything but 200 is an error naming the URL. */
    private HttpResponse<InputStream> send(String path, String method) throws IOException {
        URI at = URI.create(primary + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(at).timeout(timeout.compareTo(SMALL) > 0 ? SMALL : timeout).method(method, HttpRequest.BodyPublishers.noBody());
        adminKey.get().ifPresent(k -> b.header("X-API-Key", k));
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " " + at + " interrupted");
        }
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IOException(method + " " + at + " answered " + r.statusCode());
        }
        return r;
    }

    @Override
    public String where() {
        return primary;
    }
}
