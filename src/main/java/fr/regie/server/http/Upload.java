package fr.regie.server.http;

import java.util.regex.Pattern;

/**
 * A path that takes request bodies larger than a query (files sent as multipart/form-data), and
 * how large: its body is not held in memory by {@link ChunkedBodies} nor cut at the query size
 * by {@link Connections}; the endpoint streams it to disk and enforces {@code maxBytes} itself
 * (a declared length past it is refused here, before a byte is read).
 */
public record Upload(Pattern path, long maxBytes) {

    /** Whether a request path (without the context path) is this upload's. */
    public boolean matches(String requestPath) {
        return path.matcher(requestPath).matches();
    }
}
