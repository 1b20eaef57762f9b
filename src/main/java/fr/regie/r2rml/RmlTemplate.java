package fr.regie.r2rml;

import java.util.ArrayList;
import java.util.List;

/**
 * A string template of RML-Core: text with references in curly braces, where a reference is
 * whatever the formulation reads (a column name, a JSONPath expression). A backslash escapes a
 * brace or a backslash, inside a reference as outside.
 */
public record RmlTemplate(String text, List<Segment> segments) {

    /** Literal text or a reference. */
    public sealed interface Segment {}

    /** Literal text, unescaped. */
    public record Text(String value) implements Segment {}

    /** A reference between braces, unescaped. */
    public record Ref(String reference) implements Segment {}

    public RmlTemplate {
        segments = List.copyOf(segments);
    }

    /** The references, in order. */
    public List<String> references() {
        return segments.stream().filter(s -> s instanceof Ref).map(s -> ((Ref) s).reference()).toList();
    }

    /** Parses a template, or throws {@link IllegalArgumentException} saying what is wrong. */
    public static RmlTemplate parse(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        boolean inRef = false;
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
                if (inRef) {
                    throw new IllegalArgumentException("'{' inside a reference at character " + (i + 1) + " (escape it as \\{)");
                }
                if (!buf.isEmpty()) {
                    segments.add(new Text(buf.toString()));
                    buf.setLength(0);
                }
                inRef = true;
            } else if (c == '}') {
                if (!inRef) {
                    throw new IllegalArgumentException("unmatched '}' at character " + (i + 1) + " (escape it as \\})");
                }
                if (buf.isEmpty()) {
                    throw new IllegalArgumentException("empty reference {} at character " + (i + 1));
                }
                segments.add(new Ref(buf.toString()));
                buf.setLength(0);
                inRef = false;
            } else {
                buf.append(c);
            }
        }
        if (inRef) {
            throw new IllegalArgumentException("unclosed '{' in template");
        }
        if (!buf.isEmpty()) {
            segments.add(new Text(buf.toString()));
        }
        return new RmlTemplate(text, segments);
    }
}
