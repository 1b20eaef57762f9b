package fr.regie.server.tap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;

/**
 * One call of a tap, from its query-string parameters: each declared parameter's value validated
 * and turned into an RDF term (defaults filled in), and the page asked for. Any problem is a
 * {@link BadCall} naming the parameter.
 *
 * @param bindings the query's variables and their terms
 * @param given the tap's parameters as the caller gave them, in the tap's order, for page links
 */
record TapCall(Map<Var, Node> bindings, List<Map.Entry<String, String>> given, long limit, long offset) {
    /** The page size when the caller gives none. */
    static final long DEFAULT_LIMIT = 100;

    /** A call the tap cannot answer (400). */
    static final class BadCall extends Exception {
        private static final long serialVersionUID = 1L;

        BadCall(String message) {
            super(message);
        }
    }

    /**
     * Reads a call.
     *
     * @param params the request's parameters (name → values)
     * @param base the territory's base IRI
     * @param maxLimit the largest page the server gives
     */
    static TapCall of(Tap tap, Map<String, String[]> params, String base, long maxLimit) throws BadCall {
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            if (!TapFile.RESERVED.contains(e.getKey()) && tap.param(e.getKey()).isEmpty()) {
                throw new BadCall("unknown parameter " + e.getKey() + " (tap " + tap.name() + " takes "
                        + (tap.params().isEmpty() ? "none but limit and offset" : String.join(", ",
                        tap.params().stream().map(TapParam::name).toList()) + ", limit and offset") + ")");
            }
            if (e.getValue().length > 1) {
                throw new BadCall("parameter " + e.getKey() + " is given " + e.getValue().length + " times");
            }
        }
        Map<Var, Node> bindings = new HashMap<>();
        List<Map.Entry<String, String>> given = new ArrayList<>();
        for (TapParam p : tap.params()) {
            String[] values = params.get(p.name());
            String value = values == null ? null : values[0];
            if (value == null && p.required()) {
                throw new BadCall("parameter " + p.name() + " is required: " + p.description());
            }
            if (value != null) {
                given.add(Map.entry(p.name(), value));
            } else if (p.defaultValue().isPresent()) {
                value = p.defaultValue().get();
            } else {
                continue;
            }
            try {
                bindings.put(Var.alloc(p.name()), p.bind(value, base));
            } catch (IllegalArgumentException e) {
                throw new BadCall("parameter " + p.name() + " (" + p.type().label() + ") " + e.getMessage());
            }
        }
        long limit = number(params, "limit", Math.min(DEFAULT_LIMIT, maxLimit), 1, maxLimit);
        long offset = number(params, "offset", 0, 0, Long.MAX_VALUE / 2);
        return new TapCall(Map.copyOf(bindings), List.copyOf(given), limit, offset);
    }

    private static long number(Map<String, String[]> params, String name, long dflt, long min, long max) throws BadCall {
        String[] v = params.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v[0]);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadCall("parameter " + name + " must be a whole number from " + min + " to " + max);
    }

    /** The URL of another page of the same call. */
    String pageUrl(String tapUrl, long pageOffset) {
        StringJoiner q = new StringJoiner("&", tapUrl + "?", "");
        for (Map.Entry<String, String> e : given) {
            q.add(encode(e.getKey()) + "=" + encode(e.getValue()));
        }
        q.add("limit=" + limit);
        q.add("offset=" + pageOffset);
        return q.toString();
    }

    /**
     * The {@code Link} header of this page (RFC 8288): {@code first}, {@code prev} when this is
     * not the first page, {@code next} when there are more rows.
     */
    String links(String tapUrl, boolean more) {
        StringJoiner links = new StringJoiner(", ");
        links.add("<" + pageUrl(tapUrl, 0) + ">; rel=\"first\"");
        if (offset > 0) {
            links.add("<" + pageUrl(tapUrl, Math.max(0, offset - limit)) + ">; rel=\"prev\"");
        }
        if (more) {
            links.add("<" + pageUrl(tapUrl, offset + limit) + ">; rel=\"next\"");
        }
        return links.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
