package fr.regie.r2rml;

import java.util.Locale;

/**
 * An SQL identifier as written in a mapping (R2RML §5: SQL identifiers). A delimited identifier
 * ({@code "Name"}) is matched exactly; a regular one ({@code Name}) is case-insensitive, and a
 * database reports it folded to upper case (SQL:2008, H2) or lower case (PostgreSQL).
 */
public record SqlIdentifier(String name, boolean delimited) {

    /**
     * Reads an identifier written as in SQL: {@code "Name"} (doubled quotes inside stand for one)
     * or {@code Name}. Returns null when the text is not an identifier.
     */
    public static SqlIdentifier parse(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            String inner = t.substring(1, t.length() - 1);
            if (inner.isEmpty() || inner.replace("\"\"", "").contains("\"")) {
                return null;
            }
            return new SqlIdentifier(inner.replace("\"\"", "\""), true);
        }
        if (t.isEmpty() || t.contains("\"")) {
            return null;
        }
        return new SqlIdentifier(t, false);
    }

    /** How a case-folding database would report this identifier, for folding {@code upper}. */
    public String folded(boolean upper) {
        if (delimited) {
            return name;
        }
        return upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    /** The identifier as SQL text, quoted if it was delimited. */
    public String sql() {
        return delimited ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    @Override
    public String toString() {
        return sql();
    }
}
