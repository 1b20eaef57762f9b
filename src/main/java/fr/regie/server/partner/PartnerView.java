package fr.regie.server.partner;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.regie.registry.AccessLevel;

/**
 * What a partner's page shows, read from the store's metadata graphs: one entry per dataset the
 * partner publishes, with one page of its versions (newest first), the quality each version's run
 * recorded, and the runs that made no version (rejected, failed).
 */
record PartnerView(String id, String name, int page, int perPage, List<Dataset> datasets) {

    /** One of the partner's datasets; {@code versions} is the page asked for, {@code versionCount} all of them. */
    record Dataset(String id, String title, AccessLevel access, long liveVersion, Optional<String> modified,
                   Optional<Long> triples, long versionCount, List<Version> versions, List<Run> otherRuns) {}

    /** A version and the run that made it. */
    record Version(long version, String time, long added, long removed, Optional<Run> run) {}

    /**
     * A recorded run: its outcome and message, rows read, what it measured (SHACL counts, records not
     * placed, records placed by path, completeness by property), its first SHACL results, and the
     * mapping files it read with their SHA-256.
     */
    record Run(String activity, String started, String ended, String outcome, String message, long rowsRead,
               long added, long removed, Quality quality, List<String> examples, List<String> notPlaced,
               List<MappingFile> mappings) {}

    /** The measurements of a run, by metric; absent numbers are 0 (nothing recorded). */
    record Quality(long violations, long warnings, long notPlaced, Map<String, Long> placedByPath,
                   Map<String, Long> byShape, Map<String, String> completeness) {}

    /** A mapping file a run read, by the name the run recorded. */
    record MappingFile(String file, String sha256) {}
}
