package fr.regie.server.bounds;

import org.apache.jena.query.QueryException;

/**
 * A query refused because of its own shape, not the server's state: nested deeper than the
 * server follows, or asking a regular expression or a string function for more than it bounds.
 * The endpoint answers it with 400 and this message.
 */
public final class QueryTooComplexException extends QueryException {
    private static final long serialVersionUID = 1L;

    public QueryTooComplexException(String message) {
        super(message);
    }
}
