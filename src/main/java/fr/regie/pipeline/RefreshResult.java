package fr.regie.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import fr.regie.territory.CommuneLinker;

/**
 * What one refresh of one dataset did. {@code version} is the live version afterwards (unchanged
 * unless the outcome is {@link Outcome#ACCEPTED}).
 */
public record RefreshResult(String dataset, Outcome outcome, long version, long rowsRead, long added, long removed,
                            boolean incremental, Quality quality, long linked, long unmatched,
                            List<CommuneLinker.Unmatched> unmatchedSamples, String message, int attempts,
                            Instant start, Instant end) {

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

    public Duration elapsed() {
        return Duration.between(start, end);
    }

    /** One line for logs and command output. */
    public String line() {
        return String.format("%-20s %-9s v%-4d %,9d rows  +%,d -%,d triples%s  %s  %.1f s%s", dataset, outcome.name().toLowerCase(),
                version, rowsRead, added, removed, incremental ? " (incremental)" : "", quality == null ? "" : quality.summary(),
                elapsed().toMillis() / 1000.0, message == null || message.isEmpty() ? "" : "  " + message);
    }
}
