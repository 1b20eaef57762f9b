package fr.regie.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

/**
 * Creates the stream a {@link JetStreamLog} writes to, or checks and updates the one there: file
 * storage, limits retention, discard old, the settings' age, size and deduplication window.
 * What cannot change in place (storage, retention, subjects) is refused, not rebuilt: the stream
 * holds what replicas follow.
 */
final class StreamSetup {
    /** JetStream's API error codes this class tells apart. */
    static final int STREAM_NOT_FOUND = 10059;
    static final int SUBJECTS_OVERLAP = 10065;

    private StreamSetup() {
    }

    static void ensure(JetStreamManagement jsm, String name, JetStreamLog.Settings s, String where)
            throws IOException, JetStreamApiException, LogException {
        String subjects = name + ".>";
        StreamInfo info;
        try {
            info = jsm.getStreamInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            create(jsm, name, subjects, s, where);
            return;
        }
        StreamConfiguration c = usable(info, name, subjects, where);
        boolean same = Objects.equals(c.getMaxAge(), s.maxAge()) && c.getMaxBytes() == s.maxBytes()
                && Objects.equals(c.getDuplicateWindow(), s.duplicateWindow()) && c.getDiscardPolicy() == DiscardPolicy.Old;
        if (!same) {
            jsm.updateStream(StreamConfiguration.builder(c).maxAge(s.maxAge()).maxBytes(s.maxBytes())
                    .duplicateWindow(s.duplicateWindow()).discardPolicy(DiscardPolicy.Old).build());
        }
    }

    /**
     * Checks, without changing anything, that the stream is there and is Régie's: a follower
     * leaves the limits to the primary that made it. A stream not there yet is a passing
     * condition (its primary has not started), any other mismatch a lasting one.
     */
    static void check(JetStreamManagement jsm, String name, String where) throws IOException, JetStreamApiException, LogException {
        try {
            usable(jsm.getStreamInfo(name), name, name + ".>", where);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            throw new LogException("no stream " + name + " at " + where + " yet: its primary creates it when it starts with --stream");
        }
    }

    private static StreamConfiguration usable(StreamInfo info, String name, String subjects, String where) throws LogException {
        StreamConfiguration c = info.getConfiguration();
        if (!c.getSubjects().equals(List.of(subjects))) {
            throw new LogException("stream " + name + " at " + where + " exists with subjects " + c.getSubjects() + ", not [" + subjects
                    + "]: another application's stream? delete it or choose another stream name", true);
        }
        if (c.getStorageType() != StorageType.File) {
            throw new LogException("stream " + name + " at " + where + " keeps its messages in " + c.getStorageType()
                    + " storage, not on file: a restart would lose them; delete it so that it is created again", true);
        }
        if (c.getRetentionPolicy() != RetentionPolicy.Limits) {
            throw new LogException("stream " + name + " at " + where + " has retention " + c.getRetentionPolicy()
                    + ", not limits: messages would go once read; delete it so that it is created again", true);
        }
        return c;
    }

    private static void create(JetStreamManagement jsm, String name, String subjects, JetStreamLog.Settings s, String where)
            throws IOException, JetStreamApiException, LogException {
        StreamConfiguration c = StreamConfiguration.builder().name(name).subjects(subjects).storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits).discardPolicy(DiscardPolicy.Old).replicas(1).maxAge(s.maxAge())
                .maxBytes(s.maxBytes()).duplicateWindow(s.duplicateWindow()).build();
        try {
            jsm.addStream(c);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == SUBJECTS_OVERLAP) {
                throw new LogException("stream " + name + " at " + where + " cannot take subjects " + subjects
                        + ": they overlap those of stream(s) " + overlapping(jsm, subjects) + " (" + e.getErrorDescription() + ")", e);
            }
            throw e;
        }
    }

    /** The streams whose subjects meet {@code subjects}, for the message; empty if that cannot be learnt. */
    private static List<String> overlapping(JetStreamManagement jsm, String subjects) {
        try {
            return jsm.getStreamNames(subjects);
        } catch (IOException | JetStreamApiException e) {
            return new ArrayList<>();
        }
    }
}
