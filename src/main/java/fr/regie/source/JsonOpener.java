package fr.regie.source;

import java.io.IOException;
import java.io.InputStream;

import fr.regie.r2rml.Records;

/**
 * Opens JSON records (reference formulation JSONPath) over the bytes of a file or feed copy.
 * The JSONPath reader belongs to the mapping language ({@code fr.regie.r2rml.JsonRecords::open});
 * {@link FileSources} only finds the bytes, and is given this to hand them over.
 */
@FunctionalInterface
public interface JsonOpener {

    /** The records {@code iterator} selects in {@code in}; {@code where} names the file for messages. */
    Records open(InputStream in, String iterator, String where) throws IOException;
}
