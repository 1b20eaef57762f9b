package fr.regie.replication;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.stream.LogMessage;

/**
 * Where each dataset of a {@link Follower} stands against the primary (versions, runs, what was
 * missed, whether a snapshot is due and why it failed), and what {@link Follower#status()} makes of it.
 */
final class FollowerTracks {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    /** What keeps a dataset's snapshot from being taken. */
    enum Problem { UNREACHABLE, BEHIND, OTHER_STORE }

    /** One dataset as the follower tracks it. Written by the follower's thread, read by status requests. */
    static final class Track {
        volatile long version;
        volatile String lastRun = "";
        volatile boolean bootstrapped;
        /** The primary's latest entry on the log: position, version, run, commit time (position 0: none known). */
        volatile long primaryPosition;
        volatile long primaryVersion;
        volatile String primaryRun = "";
        volatile Instant primaryCommitted;
        /** Whether the log was asked for the primary's latest entry since the dataset was first named. */
        volatile boolean surveyed;
        /** Whether the replica holds the primary's latest run. */
        volatile boolean caughtUp = true;
        /** The commit time of the first entry read and not applied since the dataset was last in step. */
        volatile Instant firstMissed;
        /** Why a snapshot is needed (null: none), when to try next, how long to wait after a failure, what failed. */
        volatile String snapshotWhy;
        Instant nextTry = Instant.EPOCH;
        Duration delay = Duration.ZERO;
        volatile Problem problem;
    }

    private final FollowerContext c;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    FollowerTracks(FollowerContext c) {
        this.c = c;
    }

    Track track(String dataset) {
        return tracks.computeIfAbsent(dataset, id -> {
            Track t = new Track();
            MetaState s = c.state(id);
            t.version = s.version();
            t.lastRun = s.lastRun();
            t.bootstrapped = s.loaded();
            t.primaryVersion = s.version();
            return t;
        });
    }

    /** Forgets the datasets a new registry no longer names. */
    void retain(Collection<String> datasets) {
        tracks.keySet().retainAll(datasets);
    }

    /** After a new log: what was known of the primary's positions is forgotten, every dataset is to be surveyed again. */
    void forgetPositions() {
        for (Track t : tracks.values()) {
            t.primaryPosition = 0;
            t.surveyed = false;
        }
    }

    /** Marks a dataset for a snapshot (due now if it was not already), and notes the first change not applied. */
    void miss(String dataset, Instant committed, String why) {
        Track t = track(dataset);
        if (t.snapshotWhy == null) {
            t.nextTry = Instant.EPOCH;
            t.delay = Duration.ZERO;
            LOG.info("replica: {} needs the primary's snapshot: {}", dataset, why);
        }
        t.snapshotWhy = why;
        t.caughtUp = false;
        if (committed != null && (t.firstMissed == null || committed.isBefore(t.firstMissed))) {
            t.firstMissed = committed;
        }
    }

    void failed(Track t, Problem p, String message) {
        t.problem = p;
        // A primary behind, or another store, will not change in seconds: wait the longest.
        t.delay = p == Problem.UNREACHABLE ? c.next(t.delay.isZero() ? c.options.backoffMin() : t.delay) : c.options.backoffMax();
        t.nextTry = Instant.now().plus(t.delay);
        if (message != null) {
            c.error(message);
        }
    }

    /** The dataset has just been applied to or loaded: no snapshot due, nothing missed. */
    void inStep(String dataset, Track t) {
        t.bootstrapped = true;
        t.snapshotWhy = null;
        t.problem = null;
        t.delay = Duration.ZERO;
        t.firstMissed = null;
        settle(dataset, t);
    }

    /** Whether the replica holds the primary's latest run of the dataset. */
    void settle(String dataset, Track t) {
        String run = t.primaryRun;
        if (run.isEmpty() || run.equals(t.lastRun)) {
            t.caughtUp = t.snapshotWhy == null;
            return;
        }
        DatasetGraph dsg = c.store.dataset();
        t.caughtUp = t.snapshotWhy == null && Txn.calculateRead(dsg, () -> MetaState.recorded(dsg, c.graphs, dataset, run));
    }

    /** Notes a message of a dataset as the primary's latest when it is; returns its commit time (or null). */
    static Instant noteLatest(Track t, LogMessage m) {
        // A message without a readable time: the entry itself is read next, and judged there.
        Instant committed = committedOf(m);
        if (m.position() > t.primaryPosition) {
            t.primaryPosition = m.position();
            t.primaryRun = Optional.ofNullable(m.header(Entry.RUN)).orElse("");
            t.primaryCommitted = committed;
            try {
                t.primaryVersion = Long.parseLong(Optional.ofNullable(m.header(Entry.VERSION)).orElse("-1"));
            } catch (NumberFormatException e) {
                t.primaryVersion = -1;
            }
        }
        return committed;
    }

    static Instant committedOf(LogMessage m) {
        try {
            String c = m.header(Entry.COMMITTED);
            return c == null ? null : Instant.parse(c);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Where the follower is now. */
    Follower.Status status() {
        Registry r = c.registry;
        List<Follower.DatasetStatus> out = new ArrayList<>();
        Instant now = Instant.now();
        if (r != null) {
            for (DatasetSpec d : r.datasets()) {
                Track t = tracks.get(d.id());
                if (t == null) {
                    out.add(new Follower.DatasetStatus(d.id(), 0, 0, 0, 0, false));
                    continue;
                }
                long primary = t.primaryVersion < 0 ? t.version : Math.max(t.primaryVersion, t.version);
                long lagVersions = t.caughtUp ? 0 : primary - t.version;
                Instant since = t.firstMissed != null ? t.firstMissed : t.primaryCommitted;
                double lagSeconds = t.caughtUp || since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
                out.add(new Follower.DatasetStatus(d.id(), t.version, primary, lagVersions, lagSeconds, t.bootstrapped));
            }
        }
        return new Follower.Status(state(), c.snapshots.where(), c.log.name(), r != null, c.cursor, List.copyOf(out),
                Optional.ofNullable(c.lastError), Optional.ofNullable(c.lastErrorAt), c.forged.get());
    }

    private Follower.State state() {
        if (c.logDown) {
            return Follower.State.LOG_UNREACHABLE;
        }
        if (c.otherStore != null || tracks.values().stream().anyMatch(t -> t.problem == Problem.OTHER_STORE)) {
            return Follower.State.OTHER_STORE;
        }
        if (tracks.values().stream().anyMatch(t -> t.problem == Problem.BEHIND)) {
            return Follower.State.PRIMARY_BEHIND;
        }
        if (c.registryWaits || tracks.values().stream().anyMatch(t -> t.problem == Problem.UNREACHABLE)) {
            return Follower.State.PRIMARY_UNREACHABLE;
        }
        if (c.snapshotting) {
            return Follower.State.SNAPSHOT;
        }
        Registry r = c.registry;
        if (r == null || c.behindLog) {
            return Follower.State.CATCHING_UP;
        }
        for (DatasetSpec d : r.datasets()) {
            // Until the log was asked for a dataset's latest entry, whether it is in step is not known.
            Track t = tracks.get(d.id());
            if (t == null || !t.surveyed || !t.caughtUp || !t.bootstrapped) {
                return Follower.State.CATCHING_UP;
            }
        }
        return Follower.State.FOLLOWING;
    }
}
