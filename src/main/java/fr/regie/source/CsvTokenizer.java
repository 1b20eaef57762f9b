package fr.regie.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits characters into CSV records (RFC 4180): fields separated by the delimiter, a quoted
 * field may hold delimiters, doubled quotes and line breaks (kept as written). Records end at
 * CRLF, LF or CR. Each record knows the physical line it starts on, so that a message points
 * at the line a text editor shows, whatever line breaks quoted fields held before it. Empty
 * and blank lines are skipped. Unquoted fields are trimmed unless told not to.
 */
final class CsvTokenizer {
    private static final int MAX_FIELD = 1 << 24;

    /** What the decoder puts for bytes it cannot decode (a noncharacter no text holds), so that the tokenizer can say where. */
    static final char BAD = '\uFFFF';

    private final Reader in;
    private final Path file;
    private final char delimiter;
    private final char quote;
    private final boolean trim;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder cur = new StringBuilder();
    private int pos;
    private int len;
    private long line = 1;
    private long col;
    private long recordLine;
    private List<String> fields = List.of();

    CsvTokenizer(Reader in, Path file, char delimiter, char quote, boolean trim) {
        this.in = in;
        this.file = file;
        this.delimiter = delimiter;
        this.quote = quote;
        this.trim = trim;
    }

    /** The fields of the current record. */
    List<String> fields() {
        return fields;
    }

    /** The physical line (from 1) the current record starts on. */
    long line() {
        return recordLine;
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            int c = read();
            while (c == '\r' || c == '\n') {
                c = read();
            }
            if (c == -1) {
                fields = List.of();
                return false;
            }
            recordLine = line;
            List<String> out = new ArrayList<>();
            c = record(c, out);
            if (out.size() > 1 || !out.get(0).isBlank()) {
                fields = out;
                return true;
            }
        }
    }

    /** Reads one record whose first character is {@code c}; returns the character that ended it. */
    private int record(int c, List<String> out) throws IOException {
        while (true) {
            cur.setLength(0);
            while (trim && (c == ' ' || c == '\t') && c != delimiter) {
                cur.append((char) c);
                c = read();
            }
            if (c == quote) {
                c = quoted();
                out.add(cur.toString());
            } else {
                while (c != delimiter && c != '\r' && c != '\n' && c != -1) {
                    append(c);
                    c = read();
                }
                out.add(trim ? cur.toString().strip() : cur.toString());
            }
            if (c != delimiter) {
                return c;
            }
            c = read();
        }
    }

    /** A quoted field (the opening quote just read); returns the character after it. */
    private int quoted() throws IOException {
        long openLine = line;
        long openCol = col;
        cur.setLength(0);
        while (true) {
            int c = read();
            if (c == -1) {
                throw new SourceFileException(file, "line " + openLine + ", column " + openCol,
                        "a quoted field is never closed (a quote inside a quoted field is written twice: \"\")");
            }
            if (c == quote) {
                c = read();
                if (c != quote) {
                    while ((c == ' ' || c == '\t') && c != delimiter) {
                        c = read();
                    }
                    if (c != delimiter && c != '\r' && c != '\n' && c != -1) {
                        throw new SourceFileException(file, "line " + line + ", column " + col, "'" + (char) c
                                + "' after the closing quote of a field opened at line " + openLine + ", column " + openCol
                                + " (a quote inside a quoted field is written twice: \"\")");
                    }
                    return c;
                }
            }
            append(c);
        }
    }

    private void append(int c) throws SourceFileException {
        if (cur.length() >= MAX_FIELD) {
            throw new SourceFileException(file, "line " + recordLine, "a field longer than " + MAX_FIELD
                    + " characters (an unbalanced quote?)");
        }
        cur.append((char) c);
    }

    /** The next character, counting physical lines (CRLF, LF and CR each end one). */
    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        char c = buf[pos++];
        col++;
        if (c == BAD) {
            throw new SourceFileException(file, "line " + line + ", column " + col, "bytes that are not valid in the file's"
                    + " encoding (declare it, e.g. regie:encoding \"windows-1252\")");
        }
        if (c == '\n' || c == '\r' && !(peekIsLf())) {
            line++;
            col = 0;
        }
        return c;
    }

    private boolean peekIsLf() throws IOException {
        if (pos == len && !fill()) {
            return false;
        }
        return buf[pos] == '\n';
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = len = 0;
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }
}
