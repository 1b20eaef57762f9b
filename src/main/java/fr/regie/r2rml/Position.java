package fr.regie.r2rml;

/**
 * Where something was written: a source (usually a file name), a line and a column, both
 * counted from 1. Line or column 0 means unknown.
 */
public record Position(String source, long line, long col) {

    /** A position with no line, for things that only know their source. */
    public static Position of(String source) {
        return new Position(source, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return source;
        }
        return col > 0 ? source + ":" + line + ":" + col : source + ":" + line;
    }
}
