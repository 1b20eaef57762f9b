package fr.regie.r2rml;

import java.io.IOException;
import java.util.List;

import org.apache.jena.datatypes.RDFDatatype;

/**
 * The records of one RML logical source, one iteration at a time: a CSV or XLSX row, a JSON
 * object the iterator selects. A reference (a column name for CSV, a JSONPath expression for
 * JSON) gives none, one or several values on the current record (RML-Core: multi-valued
 * references make several terms). Who reads the bytes (a file, an HTTP feed, a dialect) is the
 * caller's business ({@link LogicalSources}); what a reference means is the mapping language's.
 */
public interface Records extends AutoCloseable {

    /** One value of a reference: its lexical form and natural datatype (null for a plain string). */
    record Value(String lexical, RDFDatatype datatype) {
        public static Value string(String lexical) {
            return new Value(lexical, null);
        }
    }

    /** Advances to the next record; false at the end. */
    boolean next() throws IOException;

    /**
     * The values {@code reference} gives on the current record, in document order: empty when
     * it is absent or null. A reference the source cannot have at all (a CSV column not in the
     * header) throws a {@link SourceException} naming the reference and the names it has.
     */
    List<Value> values(String reference);

    /** Where the current record is, for messages: {@code "stations.csv, line 12"}. */
    String where();

    /** A 64-bit hash of the current record's content, equal from one run to the next for an equal record. */
    long hash();

    @Override
    void close() throws IOException;
}
