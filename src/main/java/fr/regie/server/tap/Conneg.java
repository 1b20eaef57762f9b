package fr.regie.server.tap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Content negotiation on an {@code Accept} header (RFC 9110): media ranges with q-values, the most
 * specific range deciding the quality of an offered type ({@code text/csv} over {@code text/*}
 * over {@code *}{@code /*}); the best quality wins, the server's order breaking ties. No header
 * accepts anything (the first offer).
 */
final class Conneg {
    private record Range(String type, String subtype, double q) {
        /** How specifically this range matches a type: 2 exact, 1 type/*, 0 any, -1 not at all. */
        int match(String offered) {
            String[] o = offered.split("/");
            if (type.equals("*") && subtype.equals("*")) {
                return 0;
            }
            if (!type.equals(o[0])) {
                return -1;
            }
            return subtype.equals("*") ? 1 : subtype.equals(o[1]) ? 2 : -1;
        }
    }

    private Conneg() {}

    /** The offered type the header prefers; empty when it accepts none of them (406). */
    static Optional<String> choose(String accept, List<String> offers) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(offers.get(0));
        }
        List<Range> ranges = parse(accept);
        String best = null;
        double bestQ = 0;
        for (String offer : offers) {
            double q = quality(ranges, offer);
            if (q > bestQ) {
                best = offer;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double quality(List<Range> ranges, String offer) {
        int specificity = -1;
        double q = 0;
        for (Range r : ranges) {
            int m = r.match(offer);
            if (m > specificity) {
                specificity = m;
                q = r.q;
            }
        }
        return q;
    }

    private static List<Range> parse(String accept) {
        List<Range> out = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String[] type = pieces[0].strip().toLowerCase(Locale.ROOT).split("/", 2);
            if (type.length != 2 || type[0].isEmpty() || type[1].isEmpty()) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String[] kv = pieces[i].strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("q")) {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(kv[1].strip())));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            out.add(new Range(type[0], type[1].strip(), q));
        }
        return out;
    }
}
