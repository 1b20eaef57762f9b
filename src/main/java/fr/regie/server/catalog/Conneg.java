package fr.regie.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.jena.riot.Lang;

/**
 * Content negotiation between an {@code Accept} header and the RDF syntaxes offered, with
 * q-values (RFC 9110 §12.5.1): each offer takes the q of the most specific range that matches
 * it, the highest q wins, and ties go to the earlier offer. No header means the first offer.
 */
final class Conneg {
    /** The RDF syntaxes of the catalog and the service description, Turtle first. */
    static final List<Lang> RDF = List.of(Lang.TURTLE, Lang.JSONLD, Lang.RDFXML, Lang.NTRIPLES);

    private record Range(String type, String subtype, double q) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String t, String s) {
            return (type.equals("*") || type.equals(t)) && (subtype.equals("*") || subtype.equals(s));
        }
    }

    private Conneg() {}

    /** The best offer for this header, or empty when the caller accepts none of them (406). */
    static Optional<Lang> choose(String accept, List<Lang> offers) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(offers.get(0));
        }
        List<Range> ranges = parse(accept);
        Lang best = null;
        double bestQ = 0;
        for (Lang offer : offers) {
            String[] ts = offer.getContentType().getContentTypeStr().toLowerCase(Locale.ROOT).split("/");
            double q = ranges.stream().filter(r -> r.matches(ts[0], ts[1]))
                    .max((a, b) -> Integer.compare(a.specificity(), b.specificity())).map(Range::q).orElse(0.0);
            if (q > bestQ) {
                best = offer;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The media types offered, for a 406's detail. */
    static String offered(List<Lang> offers) {
        return String.join(", ", offers.stream().map(l -> l.getContentType().getContentTypeStr()).toList());
    }

    private static List<Range> parse(String accept) {
        List<Range> out = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] params = part.trim().split(";");
            String[] type = params[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
            if (type.length != 2 || type[0].isEmpty() || type[1].isEmpty()) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < params.length; i++) {
                String[] kv = params[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(kv[1].trim())));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            out.add(new Range(type[0], type[1], q));
        }
        return out;
    }
}
