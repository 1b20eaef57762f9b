package fr.regie.replication;

import java.io.IOException;
import java.net.URI;
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

    /** Snapshots from {@code primary} (its base URL), sending the key {@code adminKey} gives at each download. */
    public PrimarySnapshots(String primary, Duration connect, Duration timeout, long maxBytes, Supplier<Optional<String>> adminKey) {
        this.primary = primary.endsWith("/") ? primary : primary + "/";
        this.connect = connect;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.adminKey = adminKey;
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
    public String where() {
        return primary;
    }
}
