package fr.regie.replication;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.DatasetSpec;
import fr.regie.replication.FollowerTracks.Track;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * Where a {@link Follower}'s datasets stand against the primary: the log's latest entry of each
 * ({@code last(subject)}), and after a new log the primary's own (its snapshot's HEAD).
 */
final class FollowerSurvey {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final FollowerContext c;
    private final FollowerTracks tracks;
    private final FollowerRegistry registry;

    FollowerSurvey(FollowerContext c, FollowerTracks tracks, FollowerRegistry registry) {
        this.c = c;
        this.tracks = tracks;
        this.registry = registry;
    }

    /** Surveys when the next survey is due. */
    void whenDue() throws LogException, IOException {
        if (!Instant.now().isBefore(c.nextSurvey)) {
            survey();
        }
    }

    /**
     * Asks the log for the latest message of each dataset and of the registry: at start, after a
     * registry change or a jump in positions, and every {@code surveyEvery} while the log holds
     * more than has been read (otherwise what was read is the latest). An entry at or before the
     * cursor whose run is not here was read and lost (a restart while its snapshot was due): the
     * snapshot is due again. A registry there that is not the one served is applied.
     */
    private void survey() throws LogException, IOException {
        c.nextSurvey = Instant.now().plus(c.options.surveyEvery());
        long end = c.log.range().last();
        c.behindLog = end > c.cursor;
        boolean first = c.registry.datasets().stream().anyMatch(d -> !tracks.track(d.id()).surveyed);
        if (!c.behindLog && !first && !c.surveyAll) {
            return;
        }
        c.surveyAll = false;
        if (c.resurvey) {
            try {
                resurveyPrimary();
            } catch (IOException e) {
                c.error("the primary cannot be asked where its datasets are (" + e.getMessage() + "): trying again");
            }
        }
        for (DatasetSpec d : c.registry.datasets()) {
            Track t = tracks.track(d.id());
            Optional<LogMessage> last = c.log.last(c.log.datasetSubject(d.id())).filter(c.signature::verifies);
            t.surveyed = true;
            if (last.isEmpty()) {
                continue;
            }
            Instant committed = FollowerTracks.noteLatest(t, last.get());
            tracks.settle(d.id(), t);
            if (!t.caughtUp && last.get().position() <= c.cursor && t.snapshotWhy == null
                    && c.followed != null && c.followed.equals(last.get().header(Entry.STORE))) {
                tracks.miss(d.id(), committed, "the log's latest entry (position " + last.get().position() + ") is not applied here");
            }
        }
        Optional<LogMessage> reg = c.log.last(c.log.registrySubject()).filter(c.signature::verifies);
        if (reg.isPresent() && reg.get().position() <= c.cursor) {
            String sha = Optional.ofNullable(reg.get().header(RegistryBundle.SHA256)).orElse("");
            if (!sha.equals(c.registrySha)) {
                registry.message(reg.get());
            }
        }
    }

    /**
     * When the log no longer holds the cursor's position (it ends before it, or starts after the
     * next one: the stream was recreated or purged under the replica), it is a new log: the cursor
     * goes to its start, what was known of the primary's positions is forgotten, and every dataset
     * and the registry are surveyed again against the primary itself.
     */
    void checkRange() throws LogException, IOException {
        LogEngine.Range r = c.log.range();
        if (r.last() >= c.cursor && r.first() <= c.cursor + 1) {
            return;
        }
        long start = Math.max(0, r.first() - 1);
        LOG.warn("replica: the log holds positions {} to {}, the replica was at {}: a new log, read again from its start", r.first(), r.last(), c.cursor);
        c.error("the log was recreated or purged (positions " + r.first() + " to " + r.last() + ", the replica was at " + c.cursor
                + "): read again from its start, every dataset checked against the primary");
        c.cursor = start;
        c.files.cursor(start);
        tracks.forgetPositions();
        c.surveyAll = true;
        c.resurvey = true;
        c.nextSurvey = Instant.EPOCH;
    }

    /**
     * After a new log: each dataset's run on the primary (its snapshot's HEAD) against the
     * replica's; one the replica does not hold, and that the log will not bring (its latest
     * signed entry is not that run, ahead of the cursor), is due for a snapshot. The registry too.
     */
    private void resurveyPrimary() throws IOException, LogException {
        registry.fetch(null);
        for (DatasetSpec d : c.registry.datasets()) {
            Track t = tracks.track(d.id());
            SnapshotSource.Head h = c.snapshots.head(d.id());
            if (h.run().isEmpty() || h.run().equals(t.lastRun)) {
                continue;
            }
            DatasetGraph dsg = c.store.dataset();
            if (Txn.calculateRead(dsg, () -> MetaState.recorded(dsg, c.graphs, d.id(), h.run()))) {
                continue;
            }
            if (h.version() >= t.primaryVersion) {
                t.primaryVersion = h.version();
                t.primaryRun = h.run();
            }
            t.caughtUp = false;
            Optional<LogMessage> last = c.log.last(c.log.datasetSubject(d.id())).filter(c.signature::verifies);
            boolean coming = last.isPresent() && last.get().position() > c.cursor && h.run().equals(last.get().header(Entry.RUN));
            if (!coming && t.snapshotWhy == null) {
                tracks.miss(d.id(), null, "the primary is at run " + h.run() + " (version " + h.version() + "), which the log does not bring");
            }
        }
        c.resurvey = false;
    }
}
