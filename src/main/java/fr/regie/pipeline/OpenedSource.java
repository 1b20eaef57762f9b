package fr.regie.pipeline;

import java.util.Map;

import org.apache.jena.riot.system.StreamRDF;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Progress;
import fr.regie.r2rml.RowGate;
import fr.regie.r2rml.RunStats;

/**
 * A dataset's source opened for one run (a refresh or a check): the mapping engine that reads
 * it (R2RML over a database, RML over files and feeds) and its fingerprint. Closing it releases
 * the connection or the files.
 */
interface OpenedSource extends AutoCloseable {

    /** What a run asks of the engine besides the mapping: base IRI, progress, row gate (or null), rows per pass. */
    record Run(String baseIri, Progress progress, RowGate gate, long maxRowsPerPass) {
        static Run of(String baseIri, Progress progress, RowGate gate) {
            return new Run(baseIri, progress, gate, Long.MAX_VALUE);
        }
    }

    /** Runs the mapping over the source into {@code sink}. */
    RunStats map(MappingDocument mapping, Run run, StreamRDF sink);

    /**
     * A fingerprint of everything the mapping reads, by logical table or source; equal
     * fingerprints mean the source is unchanged. Empty when it cannot be computed cheaply.
     */
    Map<String, String> fingerprint(MappingDocument mapping);

    /** What the reader found out about the source (encoding, separator, byte order mark, …), for reports. */
    default Map<String, String> notes() {
        return Map.of();
    }

    /**
     * Whether an unchanged fingerprint should leave no trace at all: a web feed polled every
     * minute that did not change (304, or the same bytes) writes nothing, not even a run record.
     */
    default boolean quietWhenUnchanged() {
        return false;
    }

    @Override
    void close();
}
