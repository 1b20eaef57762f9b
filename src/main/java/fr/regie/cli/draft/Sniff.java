package fr.regie.cli.draft;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/** What a column's sampled values look like, and names reduced to compare them with labels. */
final class Sniff {
    private Sniff() {}

    /** The XSD datatype (local name) every non-empty value fits: integer, decimal, date, boolean, else string. */
    static String datatype(Collection<String> values) {
        boolean any = false;
        boolean integer = true;
        boolean decimal = true;
        boolean date = true;
        boolean bool = true;
        for (String raw : values) {
            String v = raw.strip();
            if (v.isEmpty()) {
                continue;
            }
            any = true;
            // A leading zero is a code (01033, 01200), not a number.
            integer &= v.matches("-?(0|[1-9][0-9]{0,17})");
            decimal &= v.matches("-?(0|[1-9][0-9]*)\\.[0-9]+") || v.matches("-?(0|[1-9][0-9]{0,17})");
            date &= v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}");
            bool &= v.matches("(?i)true|false");
        }
        if (!any) {
            return "string";
        }
        return integer ? "integer" : decimal ? "decimal" : date ? "date" : bool ? "boolean" : "string";
    }

    /** Whether every non-empty value is a commune code (5 characters: digits, or 2A/2B and 3 digits), with at least one. */
    static boolean communeCodes(Collection<String> values) {
        return values.stream().anyMatch(v -> !v.isBlank())
                && values.stream().filter(v -> !v.isBlank()).allMatch(v -> v.strip().matches("[0-9]{5}|2[ABab][0-9]{3}"));
    }

    /** Whether every non-empty value is one "lat, lon" pair, with at least one. */
    static boolean latLonPairs(Collection<String> values) {
        return values.stream().anyMatch(v -> !v.isBlank()) && values.stream().filter(v -> !v.isBlank())
                .allMatch(v -> v.strip().matches("-?[0-9]{1,2}(\\.[0-9]+)?\\s*,\\s*-?[0-9]{1,3}(\\.[0-9]+)?"));
    }

    /** A name without accents, case or separators: "Code INSEE" and "code_insee" both give "codeinsee". */
    static String normal(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
    }

    /** A lowerCamelCase ASCII local name for a column ("h_lundi" → "hLundi", "Année" → "annee"). */
    static String camel(String s) {
        String[] parts = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").split("[^A-Za-z0-9]+");
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            sb.append(sb.isEmpty() ? p.substring(0, 1).toLowerCase(Locale.ROOT) : p.substring(0, 1).toUpperCase(Locale.ROOT)).append(p.substring(1));
        }
        String out = sb.isEmpty() ? "column" : sb.toString();
        return Character.isDigit(out.charAt(0)) ? "c" + out : out;
    }

    /** A readable label from a column name ("h_lundi" → "h lundi"). */
    static String label(String s) {
        String l = s.replaceAll("[_\\-.]+", " ").strip();
        return l.isEmpty() ? s : l;
    }
}
