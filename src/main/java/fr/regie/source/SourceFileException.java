package fr.regie.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A partner's file that cannot be loaded as it is, with where: the file, the record ("line 12",
 * "sheet Gares row 7", "feature 3") and, for a value, its column, the value and the type the
 * table declares. An {@link IOException}, so that whoever loads files reports it as it reports a
 * file it cannot read; its message is one line.
 */
public final class SourceFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String where;

    public SourceFileException(Path file, String where, String message) {
        super(file + ", " + where + ": " + message);
        this.file = file;
        this.where = where;
    }

    /** A value that is not of its column's declared type. */
    static SourceFileException badValue(Path file, String where, int column, String name, String value, String declared) {
        return new SourceFileException(file, where + ", column " + column + " (" + name + ")",
                "'" + shown(value) + "' is not a valid " + declared);
    }

    /** A value as a one-line message shows it: line breaks and tabs escaped, cut after 60 characters. */
    static String shown(String value) {
        String v = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return v.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    public Path file() {
        return file;
    }

    /** The record, and the column when the problem is a value. */
    public String where() {
        return where;
    }
}
