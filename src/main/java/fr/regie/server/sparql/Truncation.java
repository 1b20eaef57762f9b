package fr.regie.server.sparql;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer cut at the server's limit: what was counted ({@code results} for SELECT rows,
 * {@code triples} for CONSTRUCT and DESCRIBE) and how many were sent. It travels as the header
 * {@code X-Regie-Truncated: results; limit=10000}, from which {@link TruncationNotice} also
 * writes it into the body where the format has room for it.
 */
public record Truncation(String unit, long limit) {
    /** The response header that announces a cut answer. */
    public static final String HEADER = "X-Regie-Truncated";
    private static final Pattern VALUE = Pattern.compile("([a-z]+); limit=(\\d+)");

    /** The header's value. */
    public String header() {
        return unit + "; limit=" + limit;
    }

    /** The header's value read back; empty if it is not one. */
    public static Optional<Truncation> parse(String header) {
        Matcher m = header == null ? null : VALUE.matcher(header);
        return m != null && m.matches() ? Optional.of(new Truncation(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
    }

    /** One sentence for people, as a comment line or a JSON string carries it. */
    public String sentence() {
        return "truncated: only the first " + limit + " " + unit + " were sent (the server's limit); "
                + (unit.equals("results") ? "page with LIMIT and OFFSET" : "narrow the query, or download the dataset's dump");
    }
}
