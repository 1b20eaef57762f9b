package fr.regie.source;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How a table file is read, settled: encoding, delimiter, quote, header and the row it is on,
 * decimal separator, sheet (XLSX), whether unquoted cells are trimmed; plus the byte order marks
 * seen and, for each setting, whether it was declared, sniffed from the bytes or a default.
 */
public record Dialect(Charset encoding, char delimiter, char quote, boolean header, int headerRow, char decimalSeparator,
                      Optional<String> sheet, boolean trim, Bom bom, Map<Setting, Origin> origins) {
    public Dialect {
        origins = Map.copyOf(origins);
    }

    /** The settings a report names. */
    public enum Setting { ENCODING, DELIMITER, QUOTE, HEADER, HEADER_ROW, DECIMAL_SEPARATOR, SHEET, TRIM }

    /** Where a setting's value came from. */
    public enum Origin { DECLARED, SNIFFED, DEFAULT }

    /** Where {@code s} came from. */
    public Origin origin(Setting s) {
        return origins.getOrDefault(s, Origin.DEFAULT);
    }

    /** For reports: {@code UTF-8 (sniffed), UTF-8 byte order mark, delimiter ';' (sniffed), header on row 1}. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        j.add(encoding.name() + note(Setting.ENCODING));
        if (bom.count() > 0) {
            j.add(bom.toString());
        }
        if (sheet.isPresent()) {
            j.add("sheet '" + sheet.get() + "'" + note(Setting.SHEET));
        } else {
            j.add("delimiter " + show(delimiter) + note(Setting.DELIMITER));
        }
        j.add(header ? "header on row " + headerRow : "no header (columns are numbered from 1)");
        if (decimalSeparator != '.') {
            j.add("decimal comma" + note(Setting.DECIMAL_SEPARATOR));
        }
        return j.toString();
    }

    private String note(Setting s) {
        return switch (origin(s)) {
            case DECLARED -> "";
            case SNIFFED -> " (sniffed)";
            case DEFAULT -> " (default)";
        };
    }

    static String show(char c) {
        return c == '\t' ? "tab" : "'" + c + "'";
    }

    /** Origins of a declaration: declared where present, {@code otherwise} elsewhere. */
    static Map<Setting, Origin> origins(DeclaredDialect d) {
        Map<Setting, Origin> m = new LinkedHashMap<>();
        put(m, Setting.ENCODING, d.encoding());
        put(m, Setting.DELIMITER, d.delimiter());
        put(m, Setting.QUOTE, d.quote());
        put(m, Setting.HEADER, d.header());
        put(m, Setting.HEADER_ROW, d.headerRow());
        put(m, Setting.DECIMAL_SEPARATOR, d.decimalSeparator());
        put(m, Setting.SHEET, d.sheet());
        put(m, Setting.TRIM, d.trim());
        return m;
    }

    private static void put(Map<Setting, Origin> m, Setting s, Optional<?> v) {
        m.put(s, v.isPresent() ? Origin.DECLARED : Origin.DEFAULT);
    }
}
