package fr.regie.server.datasetpage;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader for the tests, written apart from the writer: records of fields. */
final class CsvReader {
    private CsvReader() {}

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean any = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (f.length() > 0) {
                    throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                }
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                fields.add(f.toString());
                records.add(fields);
                fields = new ArrayList<>();
                f.setLength(0);
                any = false;
                i += 2;
                continue;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("bare line break at " + i + " (RFC 4180 wants CRLF)");
            } else {
                f.append(c);
                any = true;
            }
            i++;
        }
        if (any || f.length() > 0) {
            fields.add(f.toString());
            records.add(fields);
        }
        return records;
    }

    /** The values of a cell: split on unescaped {@code |}, {@code \|} and {@code \\} unescaped. */
    static List<String> values(String cell) {
        List<String> out = new ArrayList<>();
        if (cell.isEmpty()) {
            return out;
        }
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                v.append(cell.charAt(++i));
            } else if (c == '|') {
                out.add(v.toString());
                v.setLength(0);
            } else {
                v.append(c);
            }
        }
        out.add(v.toString());
        return out;
    }
}
