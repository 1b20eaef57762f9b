package fr.regie.replication;

import java.io.IOException;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.DatasetSpec;
import fr.regie.replication.FollowerTracks.Problem;
import fr.regie.replication.FollowerTracks.Track;

/**
 * Takes the primary's snapshot of the datasets a {@link Follower} marked for one, when their next
 * try is due; refuses one from another primary store, or older than what the replica serves.
 */
final class FollowerSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final FollowerContext c;
    private final FollowerTracks tracks;

    FollowerSnapshots(FollowerContext c, FollowerTracks tracks) {
        this.c = c;
        this.tracks = tracks;
    }

    void due() throws IOException {
        for (DatasetSpec d : c.registry.datasets()) {
            if (c.closed) {
                return;
            }
            tryTake(d.id());
        }
    }

    /** Takes the primary's snapshot of a dataset marked for one, unless its next try is not due. */
    void tryTake(String dataset) throws IOException {
        Track t = tracks.track(dataset);
        if (t.snapshotWhy == null || Instant.now().isBefore(t.nextTry)) {
            return;
        }
        try {
            SnapshotSource.Head h = c.snapshots.head(dataset);
            if (!h.run().isEmpty() && h.run().equals(c.state(dataset).lastRun()) && c.accepts(h.store(), "the snapshot of " + dataset, false)) {
                // The replica holds the primary's run already: nothing to take.
                t.primaryRun = h.run();
                t.primaryVersion = h.version();
                tracks.inStep(dataset, t);
                return;
            }
        } catch (IOException e) {
            tracks.failed(t, Problem.UNREACHABLE, "the snapshot of " + dataset + " cannot be asked for: " + e.getMessage());
            return;
        }
        c.snapshotting = true;
        try (SnapshotSource.Snapshot s = c.snapshots.fetch(dataset, c.files.tmp())) {
            if (!c.accepts(s.store(), "the snapshot of " + dataset, false)) {
                tracks.failed(t, Problem.OTHER_STORE, null);
                return;
            }
            MetaState now = c.state(dataset);
            if (s.version() < now.version()) {
                tracks.failed(t, Problem.BEHIND, "the primary's snapshot of " + dataset + " is version " + s.version() + ", older than the replica's "
                        + now.version() + " (refused: a replica never goes back)");
                return;
            }
            SnapshotLoad.load(c.store, c.graphs, dataset, s);
            t.version = s.version();
            t.lastRun = s.run();
            LOG.info("replica: {} is at version {} from the primary's snapshot", dataset, s.version());
            tracks.inStep(dataset, t);
        } catch (SnapshotLoad.Unloadable e) {
            tracks.failed(t, Problem.UNREACHABLE, e.getMessage());
        } catch (IOException e) {
            tracks.failed(t, Problem.UNREACHABLE, "the snapshot of " + dataset + " cannot be taken: " + e.getMessage());
        } finally {
            c.snapshotting = false;
        }
    }
}
