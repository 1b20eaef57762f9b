package fr.regie.r2rml;

import java.io.IOException;

/**
 * Opens the records of an RML logical source. The mapping says what the source is called and
 * how it is referenced ({@link LogicalSource}); an implementation decides where the bytes are
 * (beside the mapping, a file the registry declares, the last copy of an HTTP feed) and how they
 * are read (encoding, separator, sheet).
 */
@FunctionalInterface
public interface LogicalSources {

    /** The records of {@code source}; a source that cannot be found or read throws, naming it. */
    Records open(LogicalSource source) throws IOException;
}
