package fr.regie.r2rml;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An RML logical source as the mapping declares it: the source's name as written (a relative
 * path, a file name or a URL), the folder of the mapping file that declares it (against which a
 * relative path resolves), the reference formulation, the iterator, any CSVW dialect the mapping
 * gives ({@code delimiter}, {@code encoding}, {@code header}, …, by CSVW local name), and where
 * it is written.
 */
public record LogicalSource(String name, Path mappingDirectory, Formulation formulation, Optional<String> iterator,
                            Map<String, String> dialect, Position position) {
    public LogicalSource {
        dialect = Map.copyOf(dialect);
    }

    /** How references are read. */
    public enum Formulation {
        /** Column names of a table with a header: CSV, TSV, an XLSX sheet. */
        CSV,
        /** JSONPath expressions, relative to the iterator's match. */
        JSONPATH,
        /** XPath (not supported by Régie; read so that the error can name it). */
        XPATH,
        /** Anything else, named in the error. */
        OTHER
    }
}
