package fr.regie.server.metrics;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.EventsHandler;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every response the server sends, by route family and status code
 * ({@code regie_http_responses_total{route="sparql",status="200"}}), once the exchange is over.
 */
final class ResponseMeter extends EventsHandler {
    static final String NAME = "regie.http.responses";

    private final MeterRegistry meters;

    ResponseMeter(Handler handler, MeterRegistry meters) {
        super(handler);
        this.meters = meters;
    }

    @Override
    protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
        meters.counter(NAME, "route", RouteFamily.of(Request.getPathInContext(request)), "status", Integer.toString(status)).increment();
    }
}
