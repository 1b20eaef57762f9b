package fr.regie.server.tap;

import java.util.List;
import java.util.Optional;

import org.apache.jena.query.Query;

/**
 * A named SPARQL query served as {@code /api/{name}}: its title and description, its parameters
 * and the parsed query (a SELECT or a CONSTRUCT, without LIMIT or OFFSET: pages are the server's).
 */
public record Tap(String name, String title, String description, List<TapParam> params, Query query, String source) {

    /** The parameter with this name. */
    public Optional<TapParam> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether the tap answers with a graph (CONSTRUCT) rather than rows (SELECT). */
    public boolean graph() {
        return query.isConstructType();
    }
}
