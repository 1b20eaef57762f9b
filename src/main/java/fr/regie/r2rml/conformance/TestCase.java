package fr.regie.r2rml.conformance;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One test of a manifest: an R2RML mapping or the Direct Mapping of the folder's database, with
 * either an expected output or an expected error.
 */
public record TestCase(String id, Kind kind, String title, Path folder, String databaseId,
                       Optional<String> mappingFile, Optional<String> expectedOutput, Optional<String> failMessage) {

    /** The two kinds of test the RDB2RDF suite has. */
    public enum Kind { R2RML, DIRECT_MAPPING }

    public boolean errorExpected() {
        return expectedOutput.isEmpty();
    }

    /** Whether the error expected is a data error rather than a non-conforming mapping. */
    public boolean dataErrorExpected() {
        return failMessage.map(m -> m.toLowerCase(java.util.Locale.ROOT).contains("data error")).orElse(false);
    }

    @Override
    public String toString() {
        return id;
    }
}
