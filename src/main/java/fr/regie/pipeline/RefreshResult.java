package fr.regie.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkPath;

/**
 * What one refresh of one dataset did. {@code version} is the live version afterwards (unchanged
 * unless the outcome is {@link Outcome#ACCEPTED}); {@code quality} is null when the data was not
 * validated (the source's fingerprint was unchanged, or the run failed).
 */
public record RefreshResult(String dataset, Outcome outcome, long version, Changes changes, Linking linking, Quality quality,
                            String message, int attempts, Instant start, Instant end) {

    /** How a refresh ended. */
    public enum Outcome {
        /** A new version is live. */
        ACCEPTED,
        /** The source gave the same data: only the provenance record was written. */
        UNCHANGED,
        /** The quality gate or the mass-deletion guard refused the new data: the live graph is as it was; the report is kept. */
        REJECTED,
        /** The refresh could not run (source down, mapping broken): the live graph is as it was. */
        FAILED
    }

    /** The rows read and the triples the run added and removed (0 unless accepted). */
    public record Changes(long rowsRead, long added, long removed, boolean incremental) {
        public static final Changes NONE = new Changes(0, 0, 0, false);
    }

    /**
     * How the records were placed in communes: linked, not matched, and some of those not matched;
     * and {@code iris}, how many were placed in an IRIS (their point lies in an IRIS contour).
     */
    public record Linking(long linked, long unmatched, List<CommuneLinker.Unmatched> samples, java.util.Map<String, Long> paths,
                          long iris) {
        public static final Linking NONE = new Linking(0, 0, List.of(), java.util.Map.of(), 0);

        /** Placed in communes only (no IRIS counted). */
        public Linking(long linked, long unmatched, List<CommuneLinker.Unmatched> samples, java.util.Map<String, Long> paths) {
            this(linked, unmatched, samples, paths, 0);
        }

        public Linking {
            samples = List.copyOf(samples);
            paths = java.util.Map.copyOf(paths);
        }

        /** Records placed by a code that names a commune of today. */
        public long direct() {
            return LinkPath.DIRECT.count(paths);
        }

        /** Records placed through the COG history (a former, merged or renamed commune's code). */
        public long throughHistory() {
            return LinkPath.THROUGH_HISTORY.count(paths);
        }

        /** Records placed by their point in a boundary. */
        public long byGeometry() {
            return LinkPath.BY_GEOMETRY.count(paths);
        }
    }

    /** A run that could not go through: nothing changed, {@code version} is still live. */
    public static RefreshResult failed(String dataset, long version, String message, int attempts, Instant start) {
        return new RefreshResult(dataset, Outcome.FAILED, version, Changes.NONE, Linking.NONE, null, message, attempts, start, Instant.now());
    }

    /** The same result, after this many attempts. */
    public RefreshResult withAttempts(int n) {
        return new RefreshResult(dataset, outcome, version, changes, linking, quality, message, n, start, end);
    }

    public long rowsRead() {
        return changes.rowsRead();
    }

    public long added() {
        return changes.added();
    }

    public long removed() {
        return changes.removed();
    }

    public boolean incremental() {
        return changes.incremental();
    }

    public long linked() {
        return linking.linked();
    }

    public long unmatched() {
        return linking.unmatched();
    }

    /** Records placed in an IRIS. */
    public long irisPlaced() {
        return linking.iris();
    }

    public List<CommuneLinker.Unmatched> unmatchedSamples() {
        return linking.samples();
    }

    public Duration elapsed() {
        return Duration.between(start, end);
    }

    /** One line for logs and command output. */
    public String line() {
        return String.format("%-20s %-9s v%-4d %,9d rows  +%,d -%,d triples%s  %s  %.1f s%s", dataset, outcome.name().toLowerCase(),
                version, rowsRead(), added(), removed(), incremental() ? " (incremental)" : "", quality == null ? "" : quality.summary(),
                elapsed().toMillis() / 1000.0, message == null || message.isEmpty() ? "" : "  " + message);
    }
}
