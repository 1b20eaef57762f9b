package fr.regie.replication;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.DatasetSpec;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * The {@link Follower}'s thread: reads the log in order from the position after the cursor, hands
 * each message on, and moves the cursor (kept in the replica's files) past it once taken; between
 * reads, takes the snapshots due and surveys the log. Failures are said and retried after a capped backoff.
 */
final class FollowerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final FollowerContext c;
    private final FollowerTracks tracks;
    private final FollowerSnapshots snapshots;
    private final FollowerSurvey survey;
    private final FollowerMessages messages;

    FollowerLoop(FollowerContext c, FollowerTracks tracks, FollowerSnapshots snapshots, FollowerSurvey survey, FollowerMessages messages) {
        this.c = c;
        this.tracks = tracks;
        this.snapshots = snapshots;
        this.survey = survey;
        this.messages = messages;
    }

    @Override
    public void run() {
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            c.error("cannot check the replica's store: " + e);
            LOG.error("replica: cannot check the store", e);
        }
        Duration pause = c.options.backoffMin();
        while (!c.closed) {
            try {
                snapshots.due();
                survey.checkRange();
                survey.whenDue();
                List<LogMessage> batch = c.log.read(c.cursor + 1, c.options.batch(), c.options.readWait());
                c.logDown = false;
                if (!batch.isEmpty() && batch.get(0).position() > c.cursor + 1) {
                    // Positions the log no longer holds: what they carried is looked for again.
                    c.nextSurvey = Instant.EPOCH;
                    c.surveyAll = true;
                }
                boolean waiting = false;
                for (LogMessage m : batch) {
                    if (c.closed) {
                        break;
                    }
                    if (!messages.handle(m)) {
                        waiting = true; // the registry it names first: this message is read again after a pause
                        break;
                    }
                    c.cursor = m.position();
                    c.files.cursor(c.cursor);
                }
                if (waiting) {
                    c.pause(pause);
                    pause = c.next(pause);
                    continue;
                }
                pause = c.options.backoffMin();
            } catch (LogException e) {
                // Said before the state changes: whoever sees "log unreachable" finds why.
                c.error("the log cannot be read: " + e.getMessage());
                c.logDown = true;
                c.pause(pause);
                pause = c.next(pause);
            } catch (IOException | RuntimeException e) {
                c.error("replica: " + e);
                LOG.error("replica: following failed, trying again", e);
                c.pause(pause);
                pause = c.next(pause);
            }
        }
    }

    /**
     * At start: each change log back to its committed version (a crash during an apply may have
     * left a patch ahead), downloads left behind removed, and the datasets never had marked for a snapshot.
     */
    private void recover() throws IOException {
        c.files.clearTmp();
        for (DatasetSpec d : c.registry.datasets()) {
            tracks.track(d.id());
            MetaState s = c.state(d.id());
            c.store.layout().changeLog(d.id()).truncateAfter(s.version());
            if (!s.loaded()) {
                tracks.miss(d.id(), null, "never loaded on this replica");
            }
        }
    }
}
