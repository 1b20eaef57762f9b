package fr.regie.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP {@code Accept} header (RFC 9110, section 12.5.1) and the choice it makes among the media
 * types a server offers. Each media range carries a quality value ({@code q}, 1 by default); an
 * offered type takes the quality of the most specific range that matches it ({@code type/subtype}
 * before {@code type/*} before {@code *}{@code /*}); a quality of 0 refuses it. The best quality
 * wins; on a tie, the server's order of preference. An absent or empty header accepts anything.
 * Malformed ranges are ignored, as are media type parameters other than {@code q}.
 */
public final class Accept {
    /** One media range of the header. */
    public record Range(String type, String subtype, double q) {
        /** How specific the range is: 2 for {@code a/b}, 1 for {@code a/*}, 0 for {@code *}{@code /*}. */
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String mediaType) {
            int slash = mediaType.indexOf('/');
            String t = mediaType.substring(0, slash);
            String s = mediaType.substring(slash + 1);
            return type.equals("*") || type.equals(t) && (subtype.equals("*") || subtype.equals(s));
        }
    }

    private static final Accept ANYTHING = new Accept(List.of(new Range("*", "*", 1.0)));

    private final List<Range> ranges;

    private Accept(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses a header value; {@code null} or blank accepts anything. */
    public static Accept parse(String header) {
        if (header == null || header.isBlank()) {
            return ANYTHING;
        }
        List<Range> out = new ArrayList<>();
        for (String part : header.split(",")) {
            range(part).ifPresent(out::add);
        }
        return new Accept(out);
    }

    private static Optional<Range> range(String part) {
        String[] pieces = part.split(";");
        if (pieces.length == 0) {
            return Optional.empty(); // ";" alone: no media range
        }
        String mediaRange = pieces[0].trim().toLowerCase(Locale.ROOT);
        int slash = mediaRange.indexOf('/');
        if (slash <= 0 || slash == mediaRange.length() - 1 || mediaRange.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String type = mediaRange.substring(0, slash);
        String subtype = mediaRange.substring(slash + 1);
        if (type.equals("*") && !subtype.equals("*")) {
            return Optional.empty();
        }
        double q = weight(pieces);
        if (q < 0) {
            return Optional.empty();
        }
        return Optional.of(new Range(type, subtype, q));
    }

    /**
     * The weight ({@code q}) of one element of an {@code Accept} or {@code Accept-Language}
     * header split at {@code ;}: 1 when it has none, -1 when it is not a number in [0, 1].
     */
    public static double weight(String[] pieces) {
        double q = 1.0;
        for (int i = 1; i < pieces.length; i++) {
            String param = pieces[i].trim();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("q")) {
                try {
                    q = Double.parseDouble(param.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (!(q >= 0 && q <= 1)) {
                    return -1;
                }
            }
        }
        return q;
    }

    /**
     * Whether an {@code Accept-Encoding} value takes gzip: {@code gzip} (or {@code x-gzip}) with
     * a weight above 0, or {@code *} above 0 when gzip is not named; {@code gzip;q=0} refuses it.
     */
    public static boolean takesGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double named = -1;
        double any = -1;
        for (String part : acceptEncoding.split(",", 64)) {
            String[] p = part.trim().split(";");
            if (p.length == 0) {
                continue;
            }
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            double q = weight(p);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = Math.max(named, q);
            } else if (coding.equals("*")) {
                any = Math.max(any, q);
            }
        }
        return named >= 0 ? named > 0 : any > 0;
    }

    /** The ranges of the header, in its order. */
    public List<Range> ranges() {
        return ranges;
    }

    /**
     * The quality this header gives a media type ({@code type/subtype}, lower case): that of the
     * most specific matching range, 0 when none matches.
     */
    public double quality(String mediaType) {
        Range best = null;
        for (Range r : ranges) {
            if (r.matches(mediaType) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return best == null ? 0 : best.q();
    }

    /**
     * The offered media type the client prefers: highest quality, then first in {@code offered}
     * (the server's preference); empty when the header accepts none of them.
     */
    public Optional<String> choose(List<String> offered) {
        String chosen = null;
        double best = 0;
        for (String type : offered) {
            double q = quality(type);
            if (q > best) {
                best = q;
                chosen = type;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
