package fr.regie.server.metrics;

import java.util.Set;

/** The family a request path belongs to, as a metric tag: its first segment when it is one of the server's. */
final class RouteFamily {
    private static final Set<String> KNOWN = Set.of("sparql", "data", "id", "api", "catalog", "datasets", "admin", "status", "map", "search", "assets");

    private RouteFamily() {}

    /** {@code /id/commune/93066} → {@code id}; {@code /$/metrics} → {@code fuseki}; anything else → {@code other}. */
    static String of(String path) {
        if (path == null || path.length() < 2) {
            return "other";
        }
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path.substring(1) : path.substring(1, end);
        if (first.equals("$")) {
            return "fuseki";
        }
        return KNOWN.contains(first) ? first : "other";
    }
}
