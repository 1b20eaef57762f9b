package fr.regie.server.http;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer Jetty gives itself, before any servlet runs (a malformed URL or header, a path no
 * servlet serves, an uncaught failure): a problem+json document like every other error of
 * Régie, never an HTML page or a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        byte[] bytes = Problem.body(status, detail(status, (String) request.getAttribute(ERROR_MESSAGE)));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    /** Jetty's own message when it is about the request; a generic one for server failures. */
    static String detail(int status, String message) {
        if (status >= 500) {
            return "the server failed to answer this request";
        }
        if (message == null || message.isBlank() || message.equals(HttpStatus.getMessage(status))) {
            return status == 404 ? "nothing is served at this path" : "the request could not be understood";
        }
        return message;
    }
}
