package fr.regie.source;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Map;
import java.util.Optional;

import fr.regie.r2rml.SourceException;

/**
 * How a table file is to be read, as far as someone said so (the registry's source settings or
 * the mapping's CSVW dialect); what is left empty is sniffed from the bytes or takes its default
 * when the file is opened ({@link Dialect}).
 */
public record DeclaredDialect(Optional<String> encoding, Optional<Character> delimiter, Optional<Character> quote,
                              Optional<Boolean> header, Optional<Integer> headerRow, Optional<Character> decimalSeparator,
                              Optional<String> sheet, Optional<Boolean> trim) {
    /** Nothing declared: everything sniffed or by default. */
    public static final DeclaredDialect NONE = new DeclaredDialect(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** This declaration, with what it leaves empty taken from {@code other}. */
    public DeclaredDialect orElse(DeclaredDialect other) {
        return new DeclaredDialect(encoding.or(other::encoding), delimiter.or(other::delimiter), quote.or(other::quote),
                header.or(other::header), headerRow.or(other::headerRow), decimalSeparator.or(other::decimalSeparator),
                sheet.or(other::sheet), trim.or(other::trim));
    }

    /**
     * The CSVW dialect an RML logical source gives (by CSVW local name: {@code delimiter},
     * {@code encoding}, {@code header}, {@code quoteChar}, {@code headerRowCount},
     * {@code skipRows}, {@code trim}); {@code where} names the mapping for errors. Other CSVW
     * settings are refused by name rather than silently ignored.
     */
    public static DeclaredDialect ofCsvw(Map<String, String> csvw, String where) {
        Optional<String> encoding = Optional.empty();
        Optional<Character> delimiter = Optional.empty();
        Optional<Character> quote = Optional.empty();
        Optional<Boolean> header = Optional.empty();
        Optional<Boolean> trim = Optional.empty();
        int skipRows = 0;
        for (Map.Entry<String, String> e : csvw.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "delimiter" -> delimiter = Optional.of(one(v, "delimiter", where));
                case "quoteChar" -> quote = Optional.of(one(v, "quoteChar", where));
                case "encoding" -> encoding = Optional.of(encodingName(v, where));
                case "header" -> header = Optional.of(bool(v, "header", where));
                case "trim" -> trim = Optional.of(bool(v, "trim", where));
                case "skipRows" -> skipRows = count(v, "skipRows", where);
                case "headerRowCount" -> {
                    int n = count(v, "headerRowCount", where);
                    if (n > 1) {
                        throw new SourceException(where, "csvw:headerRowCount " + n + " is not supported (one header row, or none)");
                    }
                    header = Optional.of(n == 1);
                }
                default -> throw new SourceException(where, "the CSVW dialect setting csvw:" + e.getKey()
                        + " is not supported (Régie reads delimiter, quoteChar, encoding, header, headerRowCount, skipRows, trim)");
            }
        }
        Optional<Integer> headerRow = skipRows == 0 ? Optional.empty() : Optional.of(skipRows + 1);
        return new DeclaredDialect(encoding, delimiter, quote, header, headerRow, Optional.empty(), Optional.empty(), trim);
    }

    private static char one(String v, String name, String where) {
        String s = v.equals("\\t") ? "\t" : v;
        if (s.length() != 1) {
            throw new SourceException(where, "csvw:" + name + " must be one character, not \"" + v + "\"");
        }
        return s.charAt(0);
    }

    private static boolean bool(String v, String name, String where) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new SourceException(where, "csvw:" + name + " must be true or false, not \"" + v + "\"");
        }
        return Boolean.parseBoolean(v);
    }

    private static int count(String v, String name, String where) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new SourceException(where, "csvw:" + name + " must be a whole number, not \"" + v + "\"");
    }

    private static String encodingName(String v, String where) {
        try {
            if (Charset.isSupported(v)) {
                return v;
            }
        } catch (IllegalCharsetNameException e) {
            // Reported below.
        }
        throw new SourceException(where, "csvw:encoding \"" + v + "\" is not an encoding Java knows (UTF-8, windows-1252, ISO-8859-1, UTF-16…)");
    }
}
