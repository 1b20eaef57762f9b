package fr.regie.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.registry.RegistryException;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.stream.LogMessage;

/**
 * The registry a {@link Follower} serves: a bundle read from the log or fetched from the
 * primary's registry endpoint, unpacked, read as a serving node reads a registry, handed to the
 * server, and kept in the replica's files for the next start.
 */
final class FollowerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final FollowerContext c;
    private final FollowerTracks tracks;

    FollowerRegistry(FollowerContext c, FollowerTracks tracks) {
        this.c = c;
        this.tracks = tracks;
    }

    /**
     * Gets the registry the primary serves now from its registry endpoint and installs it;
     * {@code wanted} (when not null) is the SHA-256 an entry names. False when the primary cannot
     * be reached or refuses: the replica keeps the registry it serves.
     */
    boolean fetch(String wanted) throws IOException {
        SnapshotSource.RegistryDownload d;
        try {
            d = c.snapshots.registry();
        } catch (IOException e) {
            c.error("the registry " + (wanted == null ? "" : wanted + " ") + "cannot be had from the primary (" + e.getMessage()
                    + "): waiting, the data stays under the registry served");
            return false;
        }
        if (d.bundle().sha256().equals(c.registrySha)) {
            return true;
        }
        if (!c.accepts(d.store(), "the primary's registry", true)) {
            return false;
        }
        return installBundle(d.bundle(), "the primary's registry " + d.bundle().sha256());
    }

    /** Serves the registry a (verified) registry message carries, unless it is the one served or another store's. */
    void message(LogMessage m) throws IOException {
        String from = Optional.ofNullable(m.header(Entry.STORE)).orElse("");
        RegistryBundle bundle = RegistryBundle.of(m);
        if (bundle.sha256().equals(c.registrySha) || !c.accepts(from, "the registry at position " + m.position())) {
            return;
        }
        installBundle(bundle, "the registry at position " + m.position());
    }

    /** Unpacks, reads and serves a registry bundle; false (and the one in use stays) when it cannot be. */
    private boolean installBundle(RegistryBundle bundle, String what) throws IOException {
        Path dir = c.files.registries().resolve(bundle.sha256());
        Store.deleteTree(dir);
        Registry r;
        try {
            Path file = bundle.unpack(dir, c.options.maxRegistryBytes());
            r = Registry.readForServing(file);
            if (c.graphs != null && !new GraphNames(r.territory().baseIri()).equals(c.graphs)) {
                throw new IllegalArgumentException("its base IRI " + r.territory().baseIri() + " is not " + c.graphs.base()
                        + " (restart the replica on a new store)");
            }
            if (c.registry != null) {
                c.onRegistry.accept(r);
            }
        } catch (RegistryBundle.Corrupt | RegistryException | IllegalArgumentException e) {
            Store.deleteTree(dir);
            c.error(what + " is not served, the one in use stays: " + e.getMessage());
            return false;
        }
        String previous = c.registrySha;
        install(r, bundle.sha256());
        c.files.current(new ReplicaFiles.Current(bundle.sha256(), r.file()), previous);
        LOG.info("replica: serving the registry {} ({} datasets)", bundle.sha256().substring(0, 12), r.datasets().size());
        if (c.thread != null) {
            for (DatasetSpec d : r.datasets()) {
                if (!tracks.track(d.id()).bootstrapped && tracks.track(d.id()).snapshotWhy == null) {
                    tracks.miss(d.id(), null, "never loaded on this replica");
                }
            }
            c.nextSurvey = Instant.EPOCH;
        }
        return true;
    }

    /** Serves {@code r} (of bundle {@code sha}) from now on; the datasets it no longer names are forgotten. */
    void install(Registry r, String sha) {
        c.graphs = new GraphNames(r.territory().baseIri());
        c.registry = r;
        c.registrySha = sha;
        tracks.retain(r.datasets().stream().map(DatasetSpec::id).toList());
    }
}
