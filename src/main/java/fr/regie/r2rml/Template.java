package fr.regie.r2rml;

import java.util.ArrayList;
import java.util.List;

/**
 * A string template (R2RML §7.3): text with column names in curly braces. A backslash escapes
 * a brace or a backslash in the text.
 */
public record Template(String text, List<Segment> segments) {

    /** A piece of a template: literal text or a reference to a column. */
    public sealed interface Segment {}

    /** Literal text, already unescaped. */
    public record Text(String value) implements Segment {}

    /** A column reference between braces. */
    public record ColumnRef(SqlIdentifier column) implements Segment {}

    public Template {
        segments = List.copyOf(segments);
    }

    /** The columns the template refers to, in order of appearance. */
    public List<SqlIdentifier> columns() {
        List<SqlIdentifier> cols = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof ColumnRef c) {
                cols.add(c.column());
            }
        }
        return cols;
    }

    /**
     * Parses a template, or throws {@link IllegalArgumentException} with the reason when braces are
     * unbalanced, empty or hold something that is not an SQL identifier.
     */
    public static Template parse(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        boolean inColumn = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("a template cannot end with a lone backslash");
                }
                char next = text.charAt(++i);
                if (next != '{' && next != '}' && next != '\\') {
                    throw new IllegalArgumentException("backslash may only escape {, } or \\ (found \\" + next + ")");
                }
                buf.append(next);
            } else if (c == '{') {
                if (inColumn) {
                    throw new IllegalArgumentException("'{' inside a column reference at character " + (i + 1));
                }
                if (!buf.isEmpty()) {
                    segments.add(new Text(buf.toString()));
                    buf.setLength(0);
                }
                inColumn = true;
            } else if (c == '}') {
                if (!inColumn) {
                    throw new IllegalArgumentException("unmatched '}' at character " + (i + 1) + " (escape it as \\})");
                }
                SqlIdentifier id = SqlIdentifier.parse(buf.toString());
                if (id == null) {
                    throw new IllegalArgumentException("'{" + buf + "}' does not name a column");
                }
                segments.add(new ColumnRef(id));
                buf.setLength(0);
                inColumn = false;
            } else {
                buf.append(c);
            }
        }
        if (inColumn) {
            throw new IllegalArgumentException("unclosed '{' in template");
        }
        if (!buf.isEmpty()) {
            segments.add(new Text(buf.toString()));
        }
        return new Template(text, segments);
    }
}
