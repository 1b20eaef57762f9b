package fr.regie.replication;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.Registry;
import fr.regie.registry.RegistryException;
import fr.regie.store.Store;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * Keeps a read replica's store in step with its primary by following the replication log, on
 * one thread of its own. Messages are taken in log order from the position after the last one
 * applied (kept in {@code STORE/regie/replica/cursor} after each commit). A registry message is
 * unpacked, read as a serving node reads a registry, and handed to the server
 * ({@code onRegistry}); an entry is applied in one write transaction when it follows the run the
 * replica holds, skipped when its run is already recorded, and otherwise (a gap, a corrupt entry,
 * one that does not fit, one too large for the log) replaced by the primary's snapshot of the
 * dataset. Datasets the replica never had are snapshotted first. The replica never goes back: a
 * snapshot older than what it serves is refused, and so is anything from another primary store
 * than the one it follows. When the log or the primary cannot be reached the replica goes on
 * serving what it has and tries again after a capped backoff. {@link #status()} says where it is.
 */
public final class Follower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    /** How many times the log's largest message a part of an entry may inflate to. */
    static final long MAX_INFLATION = 32;

    /**
     * How the follower reads and retries: messages per read, how long a read waits for the first
     * one, the largest part of an entry and the largest registry bundle once inflated, the first
     * and the longest pause after a failure, and how often the primary's latest versions are
     * asked for while the replica is behind.
     */
    public record Options(int batch, Duration readWait, long maxEntryBytes, long maxRegistryBytes, Duration backoffMin,
                          Duration backoffMax, Duration surveyEvery) {
        public static Options defaults() {
            // A part of an entry is at most 32 times the log's largest message (1 MiB by default) once inflated.
            return new Options(100, Duration.ofSeconds(1), MAX_INFLATION << 20, 256L << 20, Duration.ofMillis(200), Duration.ofSeconds(10),
                    Duration.ofSeconds(1));
        }
    }

    /** What the replica is doing, as {@code /status} says it. */
    public enum State {
        FOLLOWING("following"),
        CATCHING_UP("catching up"),
        SNAPSHOT("snapshot"),
        PRIMARY_UNREACHABLE("primary unreachable"),
        LOG_UNREACHABLE("log unreachable"),
        PRIMARY_BEHIND("primary behind replica"),
        OTHER_STORE("other primary store");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * Where one dataset stands: the replica's version, the version of the primary's latest entry
     * on the log (the replica's own when the log holds none), the difference, how long the oldest
     * change not applied has waited (0 once the primary's latest run is applied), and whether the
     * replica has a copy of it at all (a snapshot or an entry applied, now or before a restart).
     */
    public record DatasetStatus(String dataset, long version, long primaryVersion, long lagVersions, double lagSeconds, boolean bootstrapped) {}

    /** The follower's state for {@code /status}, readiness and metrics. */
    public record Status(State state, String primary, String stream, boolean registryKnown, long position, List<DatasetStatus> datasets,
                         Optional<String> lastError, Optional<Instant> lastErrorAt, long forgedMessages) {
        /** The datasets not bootstrapped, or behind by more than these bounds: what readiness names. */
        public List<String> behind(long maxVersions, Duration maxLag) {
            double seconds = maxLag.toMillis() / 1000.0;
            return datasets.stream().filter(d -> !d.bootstrapped() || d.lagVersions() > maxVersions || d.lagSeconds() > seconds)
                    .map(DatasetStatus::dataset).toList();
        }
    }

    // The parts of the follower, one concern each; they share the context.
    private final FollowerContext c;
    private final FollowerTracks tracks;
    private final FollowerRegistry registries;
    private final FollowerMessages messages;
    private final FollowerLoop loop;

    /**
     * A follower of {@code log} for the replica {@code store}, taking snapshots from
     * {@code snapshots}, reading only messages {@code signature} verifies (the key comes from the
     * replica's own admin key, never from the log).
     */
    public Follower(Store store, LogEngine log, SnapshotSource snapshots, Options options, Signature signature) {
        this.c = new FollowerContext(store, log, snapshots, options, signature);
        this.tracks = new FollowerTracks(c);
        this.registries = new FollowerRegistry(c, tracks);
        FollowerSnapshots taker = new FollowerSnapshots(c, tracks);
        this.messages = new FollowerMessages(c, tracks, registries, taker);
        this.loop = new FollowerLoop(c, tracks, taker, new FollowerSurvey(c, tracks, registries), messages);
    }

    /**
     * The registry to serve, waiting up to {@code max} for it: the one kept from the last run, else
     * the last registry message on the log (a new replica first notes where the log ends: it
     * follows from there). Empty when the log has none yet, or cannot be reached, within {@code max};
     * {@link #status()} then says why.
     */
    public Optional<Registry> awaitRegistry(Duration max) {
        Instant deadline = Instant.now().plus(max);
        Duration pause = c.options.backoffMin();
        while (!c.closed) {
            try {
                Optional<Registry> r = bootstrap();
                if (r.isPresent()) {
                    return r;
                }
            } catch (LogException e) {
                // Said before the state changes: whoever sees "log unreachable" finds why.
                c.error("the log cannot be read: " + e.getMessage());
                c.logDown = true;
            } catch (IOException e) {
                c.error("the replica's files cannot be read or written: " + e.getMessage());
            }
            if (Instant.now().plus(pause).isAfter(deadline)) {
                return Optional.empty();
            }
            c.pause(pause);
            pause = c.next(pause);
        }
        return Optional.empty();
    }

    private Optional<Registry> bootstrap() throws LogException, IOException {
        if (c.registry != null) {
            return Optional.of(c.registry);
        }
        c.followed = c.files.followed().orElse(null);
        Optional<ReplicaFiles.Current> kept = c.files.current();
        if (kept.isPresent()) {
            try {
                registries.install(Registry.readForServing(kept.get().registry()), kept.get().sha256());
            } catch (RegistryException e) {
                c.error("the registry kept in " + kept.get().registry() + " does not read (" + e.getMessage() + "): taking the log's");
            }
        }
        Optional<Long> cur = c.files.cursor();
        if (cur.isEmpty()) {
            // Read before any snapshot: whatever is published from now on is followed, nothing is missed.
            long end = c.log.range().last();
            c.files.cursor(end);
            cur = Optional.of(end);
        }
        c.cursor = cur.get();
        if (c.registry == null) {
            Optional<LogMessage> m = c.log.last(c.log.registrySubject());
            c.logDown = false;
            if (m.isPresent() && messages.verified(m.get())) {
                registries.message(m.get());
            }
        }
        if (c.registry == null) {
            // The log's last registry message is missing or not the primary's: ask the primary.
            registries.fetch(null);
        }
        return Optional.ofNullable(c.registry);
    }

    /** The registry served now, once known. */
    public Optional<Registry> registry() {
        return Optional.ofNullable(c.registry);
    }

    /**
     * Starts following, once the registry is known ({@link #awaitRegistry}); each registry read
     * from the log afterwards goes to {@code onRegistry} (the server's reload), which may refuse
     * it by throwing: the replica then keeps the one it serves.
     */
    public synchronized void start(Consumer<Registry> onRegistry) {
        if (c.registry == null) {
            throw new IllegalStateException("the registry is not known yet: await it first");
        }
        if (c.thread != null) {
            throw new IllegalStateException("already started");
        }
        c.onRegistry = onRegistry;
        c.thread = Thread.ofPlatform().daemon().name("regie-replica-follower").start(loop);
    }

    /** Where the follower is now. */
    public Status status() {
        return tracks.status();
    }

    /**
     * Stops following: the thread ends after the message or snapshot it is applying (up to a
     * minute); the store stays open (its owner closes it).
     */
    @Override
    public void close() {
        c.closed = true;
        synchronized (c.wake) {
            c.wake.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = c.thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("replica: the follower is still applying after a minute; leaving it to end");
            }
        }
    }
}
