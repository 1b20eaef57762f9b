package fr.regie.replication;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.replication.FollowerTracks.Track;
import fr.regie.stream.LogMessage;

/**
 * What a {@link Follower} makes of one message of the log: dropped unless the primary signed it;
 * a registry is served; an entry is applied, skipped when already recorded, or replaced by the
 * primary's snapshot of its dataset.
 */
final class FollowerMessages {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    /** How often messages that do not verify are said in the server's log. */
    private static final Duration FORGED_EVERY = Duration.ofMinutes(1);

    private final FollowerContext c;
    private final FollowerTracks tracks;
    private final FollowerRegistry registry;
    private final FollowerSnapshots snapshots;

    FollowerMessages(FollowerContext c, FollowerTracks tracks, FollowerRegistry registry, FollowerSnapshots snapshots) {
        this.c = c;
        this.tracks = tracks;
        this.registry = registry;
        this.snapshots = snapshots;
    }

    /**
     * Takes one message; false when it must wait (the registry it was published under cannot be
     * had yet): it is read again later. A message the primary did not sign is dropped unread.
     */
    boolean handle(LogMessage m) throws IOException {
        if (!verified(m)) {
            return true;
        }
        if (m.subject().equals(c.log.registrySubject())) {
            registry.message(m);
            return true;
        }
        String prefix = c.log.datasetSubject("");
        if (!m.subject().startsWith(prefix)) {
            return true;
        }
        String id = m.subject().substring(prefix.length());
        String under = Optional.ofNullable(m.header(Publisher.REGISTRY)).orElse("");
        if (!under.isEmpty() && !under.equals(c.registrySha)) {
            // Never data under another registry than the one it was published under (its access levels).
            Track waiting = c.registry.dataset(id).isPresent() ? tracks.track(id) : null;
            if (waiting != null) {
                FollowerTracks.noteLatest(waiting, m);
                waiting.caughtUp = false;
                Instant committed = FollowerTracks.committedOf(m);
                if (committed != null && (waiting.firstMissed == null || committed.isBefore(waiting.firstMissed))) {
                    waiting.firstMissed = committed;
                }
            }
            if (!registry.fetch(under)) {
                c.registryWaits = true;
                return false;
            }
        }
        c.registryWaits = false;
        if (c.registry.dataset(id).isEmpty()) {
            return true; // not served here (the registry that names it comes first on the log)
        }
        Track t = tracks.track(id);
        Instant committed = FollowerTracks.noteLatest(t, m);
        if (under.isEmpty()) {
            tracks.miss(id, committed, "the entry at position " + m.position() + " names no registry (" + Publisher.REGISTRY + ")");
            snapshots.tryTake(id);
            return true;
        }
        if (!under.equals(c.registrySha)) {
            // The primary has moved on to another registry since: its snapshot is taken under the one it serves now.
            tracks.miss(id, committed, "the entry at position " + m.position() + " was published under registry " + under
                    + ", the primary now serves " + c.registrySha);
            snapshots.tryTake(id);
            return true;
        }
        Entry e;
        try {
            e = Entry.read(m.body(), Math.min(c.options.maxEntryBytes(), Follower.MAX_INFLATION * c.log.maxBody()));
            if (!e.dataset().equals(id)) {
                throw new Entry.Corrupt("an entry of " + e.dataset() + " on the subject of " + id);
            }
        } catch (Entry.Corrupt x) {
            tracks.miss(id, committed, "the entry at position " + m.position() + " cannot be read: " + x.getMessage());
            snapshots.tryTake(id);
            return true;
        }
        if (!c.accepts(e.store(), "entry " + e.id())) {
            return true;
        }
        EntryApply.Outcome o = EntryApply.apply(c.store, c.graphs, e);
        switch (o.result()) {
            case APPLIED -> {
                t.version = e.version();
                t.lastRun = e.run();
                tracks.inStep(id, t);
            }
            case KNOWN -> tracks.settle(id, t);
            case SNAPSHOT -> {
                tracks.miss(id, e.committed(), o.why());
                snapshots.tryTake(id);
            }
        }
        return true;
    }

    /** Whether the message carries the primary's signature; one that does not is counted, and said at most once a minute. */
    boolean verified(LogMessage m) {
        if (c.signature.verifies(m)) {
            return true;
        }
        long n = c.forged.incrementAndGet();
        Instant now = Instant.now();
        c.lastError = "the message at position " + m.position() + " on " + m.subject() + " is not signed by the primary (ignored; " + n + " such so far)";
        c.lastErrorAt = now;
        if (now.isAfter(c.forgedSaid.plus(FORGED_EVERY))) {
            c.forgedSaid = now;
            LOG.warn("replica: message at position {} on {} is not signed by the primary (ignored; {} such so far)", m.position(), m.subject(), n);
        }
        return false;
    }
}
