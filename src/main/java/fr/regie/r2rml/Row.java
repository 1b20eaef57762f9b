package fr.regie.r2rml;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import org.apache.jena.datatypes.RDFDatatype;

/**
 * The current row of a logical table or joint query. Each column is read and turned into its
 * lexical form at most once per row, however many term maps use it.
 */
final class Row {
    private final ResultSet rs;
    private final NaturalMapping.ColumnReader[] readers;
    private final String[] values;
    private final boolean[] loaded;
    private long number;

    Row(ResultSet rs, NaturalMapping.ColumnReader[] readers) {
        this.rs = rs;
        this.readers = readers;
        this.values = new String[readers.length];
        this.loaded = new boolean[readers.length];
    }

    boolean next() throws SQLException {
        if (!rs.next()) {
            return false;
        }
        Arrays.fill(loaded, false);
        number++;
        return true;
    }

    /** The row number, counted from 1. */
    long number() {
        return number;
    }

    /** The natural lexical form of column {@code i} (from 0), or null for SQL NULL. */
    String lexical(int i) {
        if (!loaded[i]) {
            try {
                values[i] = readers[i].reader().read(rs, i + 1);
            } catch (SQLException e) {
                throw new RowReadException(i, e);
            }
            loaded[i] = true;
        }
        return values[i];
    }

    /**
     * A 64-bit hash (FNV-1a) of every column's lexical form, NULL included as a distinct value;
     * equal rows give equal hashes from one run to the next.
     */
    long hash() {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < values.length; i++) {
            String v = lexical(i);
            if (v == null) {
                h = (h ^ 0x1F) * 0x100000001b3L;
            } else {
                for (int k = 0; k < v.length(); k++) {
                    h = (h ^ v.charAt(k)) * 0x100000001b3L;
                }
            }
            h = (h ^ 0x1E) * 0x100000001b3L;
        }
        return h;
    }

    /** The natural datatype of column {@code i}, or null for a plain string. */
    RDFDatatype datatype(int i) {
        return readers[i].datatype();
    }

    /** A column that could not be read; the runner turns it into a {@link SourceException}. */
    static final class RowReadException extends RuntimeException {
        final int column;

        RowReadException(int column, SQLException cause) {
            super(cause);
            this.column = column;
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
