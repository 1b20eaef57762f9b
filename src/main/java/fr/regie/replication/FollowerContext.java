package fr.regie.replication;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.stream.LogEngine;

/**
 * What the parts of a {@link Follower} share: the store, the log, the primary, the registry
 * served, the cursor, the flags {@code /status} reads, and the primary store followed. Written by
 * the follower's thread (and by {@link Follower#awaitRegistry} before it starts), read by status requests.
 */
final class FollowerContext {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    final Store store;
    final LogEngine log;
    final SnapshotSource snapshots;
    final Follower.Options options;
    final Signature signature;
    final ReplicaFiles files;
    final Object wake = new Object();

    volatile Registry registry;
    volatile GraphNames graphs;
    volatile String registrySha = "";
    volatile String followed;
    volatile long cursor = -1;
    volatile boolean logDown;
    volatile boolean snapshotting;
    volatile boolean behindLog;
    volatile String otherStore;
    volatile String lastError;
    volatile Instant lastErrorAt;
    volatile boolean closed;
    Consumer<Registry> onRegistry = r -> {};
    Thread thread;
    Instant nextSurvey = Instant.EPOCH;
    /** Messages dropped because they do not carry the primary's signature, and when that was last said. */
    final AtomicLong forged = new AtomicLong();
    volatile Instant forgedSaid = Instant.EPOCH;
    /** Set when the registry an entry names could not be had from the primary: the entry waits, and the replica is behind. */
    volatile boolean registryWaits;
    /** Set when the log turned out to be a new one: the primary itself is asked where each dataset is. */
    boolean resurvey;
    /** Set when the log may hold what was never read (positions skipped): the next survey asks for everything. */
    boolean surveyAll = true;

    FollowerContext(Store store, LogEngine log, SnapshotSource snapshots, Follower.Options options, Signature signature) {
        this.store = store;
        this.signature = signature;
        this.log = log;
        this.snapshots = snapshots;
        this.options = options;
        this.files = new ReplicaFiles(store.layout().replica());
    }

    /** The replica's version and run of a dataset, as its store records them. */
    MetaState state(String dataset) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> MetaState.of(dsg, graphs, dataset));
    }

    /** Whether a message of primary store {@code store} may be applied: the one followed (adopted if none yet). */
    boolean accepts(String storeId, String what) throws IOException {
        return accepts(storeId, what, true);
    }

    /**
     * Whether something of primary store {@code storeId} may be taken; when no store is followed
     * yet it is adopted only if {@code adopt} (a signed message, the primary's registry endpoint).
     */
    boolean accepts(String storeId, String what, boolean adopt) throws IOException {
        if (storeId == null || storeId.isBlank()) {
            error(what + " names no primary store (refused)");
            return false;
        }
        if (followed == null && !adopt) {
            error(what + " comes before the primary store is known (refused)");
            return false;
        }
        if (followed == null) {
            files.followed(storeId);
            followed = storeId;
        }
        if (followed.equals(storeId)) {
            otherStore = null;
            return true;
        }
        otherStore = storeId;
        error(what + " comes from primary store " + storeId + "; this replica follows " + followed + " (refused)");
        return false;
    }

    void error(String message) {
        // The same error again (a retry) is not worth another line in the log.
        if (message.equals(lastError)) {
            LOG.debug("replica: {}", message);
        } else {
            LOG.warn("replica: {}", message);
        }
        lastError = message;
        lastErrorAt = Instant.now();
    }

    Duration next(Duration d) {
        Duration doubled = d.multipliedBy(2);
        return doubled.compareTo(options.backoffMax()) > 0 ? options.backoffMax() : doubled.compareTo(options.backoffMin()) < 0 ? options.backoffMin() : doubled;
    }

    /** Waits, waking early when closed; never interrupts the thread (a write transaction must not be cut). */
    void pause(Duration d) {
        synchronized (wake) {
            if (closed) {
                return;
            }
            try {
                wake.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
