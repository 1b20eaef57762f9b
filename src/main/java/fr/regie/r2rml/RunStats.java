package fr.regie.r2rml;

import java.time.Duration;
import java.util.Map;

/**
 * What a run did: rows read per pass (a triples map's logical table, or a joint query), triples
 * written (duplicates included), data errors skipped under a lenient policy, and time taken.
 */
public record RunStats(Map<String, Long> rowsByPass, long triples, long dataErrors, Duration elapsed) {
    public RunStats {
        rowsByPass = Map.copyOf(rowsByPass);
    }

    /** Rows read from all logical tables and joint queries. */
    public long rows() {
        return rowsByPass.values().stream().mapToLong(Long::longValue).sum();
    }
}
