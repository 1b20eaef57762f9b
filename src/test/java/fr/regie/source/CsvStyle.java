package fr.regie.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * How a generated table is written as CSV (the writer side of the oracle): delimiter, line
 * ends, quoting of every field or only where needed, byte order marks, encoding, blank lines, a
 * title line above the header, and which of these the reader is told (the rest it must sniff).
 * Writing also gives the physical line each record starts on, counted as it is written.
 */
record CsvStyle(char delimiter, String eol, boolean quoteAll, int boms, Charset charset, boolean blankLines,
                boolean titleLine, boolean declareDelimiter, boolean declareEncoding) {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Accented characters each encoding can write; for windows-1252 ones whose bytes never make valid UTF-8. */
    static String accents(Charset cs) {
        return cs.equals(WINDOWS_1252) ? "éàçô" : "éàçô€œ’漢😀";
    }

    static CsvStyle generate(Random r) {
        char d = ";,\t|".charAt(r.nextInt(4));
        Charset[] css = {StandardCharsets.UTF_8, StandardCharsets.UTF_8, WINDOWS_1252, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE};
        Charset cs = css[r.nextInt(css.length)];
        boolean utf16 = cs.equals(StandardCharsets.UTF_16LE) || cs.equals(StandardCharsets.UTF_16BE);
        boolean declareEncoding = r.nextInt(3) == 0;
        // Without a declaration, UTF-16 is only told by its byte order mark, and windows-1252 never has one.
        int boms = cs.equals(WINDOWS_1252) ? 0 : utf16 && !declareEncoding ? 1 + r.nextInt(2) : r.nextInt(3);
        return new CsvStyle(d, r.nextBoolean() ? "\n" : "\r\n", r.nextInt(4) == 0, boms, cs, r.nextInt(4) == 0,
                r.nextInt(5) == 0, r.nextInt(3) == 0, declareEncoding);
    }

    /** What the reader is told. */
    DeclaredDialect declared() {
        return new DeclaredDialect(declareEncoding ? Optional.of(charset.name()) : Optional.empty(),
                declareDelimiter ? Optional.of(delimiter) : Optional.empty(), Optional.empty(), Optional.empty(),
                titleLine ? Optional.of(2) : Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The file's bytes and, in {@code lines}, the physical line each data record starts on. */
    byte[] write(RandomTable t, List<Long> lines) {
        StringBuilder sb = new StringBuilder();
        long[] line = {1};
        if (titleLine) {
            append(sb, line, "Export of the partner" + eol);
        }
        append(sb, line, record(t.header()) + eol);
        for (List<String> row : t.rows()) {
            if (blankLines) {
                append(sb, line, eol);
            }
            lines.add(line[0]);
            append(sb, line, record(row) + eol);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bom = new String(new char[] {'\uFEFF'}).getBytes(charset);
        for (int i = 0; i < boms; i++) {
            out.writeBytes(bom);
        }
        out.writeBytes(sb.toString().getBytes(charset));
        return out.toByteArray();
    }

    private static void append(StringBuilder sb, long[] line, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                line[0]++;
            }
        }
        sb.append(s);
    }

    private String record(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            boolean needs = c.indexOf(delimiter) >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0
                    || !c.strip().equals(c);
            out.add(quoteAll || needs ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(String.valueOf(delimiter), out);
    }
}
