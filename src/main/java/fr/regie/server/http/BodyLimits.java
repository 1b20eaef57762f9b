package fr.regie.server.http;

import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Chooses a request's body limit by its path: the {@link Upload} paths go straight to the
 * application (a declared length past the upload's limit is 413 at once), every other request
 * through the query-sized limit ({@code standard}).
 */
final class BodyLimits extends Handler.Wrapper {
    private final Handler app;
    private final List<Upload> uploads;

    BodyLimits(Handler standard, Handler app, List<Upload> uploads) {
        super(standard);
        this.app = app;
        this.uploads = List.copyOf(uploads);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        for (Upload u : uploads) {
            if (u.matches(path)) {
                long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
                if (declared > u.maxBytes()) {
                    Response.writeError(request, response, callback, 413, "the request body (" + declared
                            + " bytes) is larger than " + u.maxBytes() + " bytes, the most " + path + " takes");
                    return true;
                }
                return app.handle(request, response, callback);
            }
        }
        return super.handle(request, response, callback);
    }
}
