package fr.regie.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of a CSV file (RFC 4180: quoted fields may hold separators, quotes and
 * line breaks). The separator is guessed from the header line ({@code ;}, {@code ,} or tab).
 * Byte order marks at the start are removed, however many there are: some exports carry two.
 */
public final class CsvReader implements RecordSource {
    private final BufferedReader in;
    private final char separator;
    private final List<String> header;
    private long line;
    private long recordLine;

    private CsvReader(BufferedReader in, char separator) throws IOException {
        this.in = in;
        this.separator = separator;
        List<String> h = next();
        this.header = h == null ? List.of() : h;
    }

    /** Opens a file; the separator is guessed from its first line. */
    public static CsvReader open(Path file, Charset charset) throws IOException {
        char sep;
        try (BufferedReader peek = reader(Files.newInputStream(file), charset)) {
            String first = peek.readLine();
            sep = guessSeparator(first == null ? "" : first);
        }
        return new CsvReader(reader(Files.newInputStream(file), charset), sep);
    }

    private static BufferedReader reader(InputStream in, Charset charset) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
        // Skip any number of U+FEFF: the SOURCE notes list files with a doubled BOM.
        while (true) {
            r.mark(1);
            int c = r.read();
            if (c != 0xFEFF) {
                if (c != -1) {
                    r.reset();
                }
                return r;
            }
        }
    }

    static char guessSeparator(String headerLine) {
        int semi = count(headerLine, ';');
        int comma = count(headerLine, ',');
        int tab = count(headerLine, '\t');
        if (tab > semi && tab > comma) {
            return '\t';
        }
        return semi >= comma ? ';' : ',';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    public List<String> header() {
        return header;
    }

    public char separator() {
        return separator;
    }

    /** The line number where the last record returned started (the header is line 1). */
    public long line() {
        return recordLine;
    }

    @Override
    public String where() {
        return "line " + recordLine;
    }

    /** The next record, or null at the end of the file. Blank lines are skipped. */
    @Override
    public List<String> next() throws IOException {
        String l;
        do {
            l = in.readLine();
            line++;
            if (l == null) {
                return null;
            }
        } while (l.isEmpty());
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= l.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine();
                line++;
                if (more == null) {
                    throw new IOException("line " + start + ": a quoted field is never closed");
                }
                cur.append('\n');
                l = more;
                i = 0;
                continue;
            }
            char c = l.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < l.length() && l.charAt(i) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        recordLine = start;
        return fields;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
