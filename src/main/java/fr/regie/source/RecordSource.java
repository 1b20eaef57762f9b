package fr.regie.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Records of a source file, one list of cell texts at a time; CSV, XLSX and GeoJSON implement it. */
public interface RecordSource extends Closeable {

    /** The next record, or null at the end. */
    List<String> next() throws IOException;

    /** Where the last record came from, for messages ("line 12", "row 7"). */
    String where();
}
