package fr.regie.r2rml.conformance;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One test of a manifest: an R2RML mapping, the Direct Mapping of the folder's database, or an
 * RML mapping over the folder's files, with either an expected output or an expected error. An
 * RML case Régie cannot run (XML, SQL or SPARQL sources) carries the reason it is not applicable,
 * and an RML case may name the base IRI it is written against.
 */
public record TestCase(String id, Kind kind, String title, Path folder, String databaseId,
                       Optional<String> mappingFile, Optional<String> expectedOutput, Optional<String> failMessage,
                       Optional<String> notApplicable, Optional<String> baseIri) {

    /** The kinds of test: the RDB2RDF suite's two, and RML-Core's. */
    public enum Kind { R2RML, DIRECT_MAPPING, RML }

    /** An R2RML or Direct Mapping case (always applicable). */
    public TestCase(String id, Kind kind, String title, Path folder, String databaseId,
                    Optional<String> mappingFile, Optional<String> expectedOutput, Optional<String> failMessage) {
        this(id, kind, title, folder, databaseId, mappingFile, expectedOutput, failMessage, Optional.empty(), Optional.empty());
    }

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
