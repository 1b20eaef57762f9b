package fr.regie.server.metrics;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.metrics.MetricsProvider;
import org.eclipse.jetty.server.Server;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/**
 * Turns on Fuseki's Prometheus endpoint {@code /$/metrics} and adds Régie's meters to its
 * registry: {@code regie_http_responses_total{route,status}}, {@code regie_refresh_runs_total{dataset,outcome}},
 * {@code regie_dataset_version{dataset}}, {@code regie_dataset_triples{dataset}}, and whatever
 * other features record in {@link ServerContext#meters()} (the taps' {@code regie_tap_requests_total}).
 * {@code /$/metrics} needs the admin key, wherever the server listens: behind a reverse proxy
 * every caller arrives from the loopback, and the per-dataset figures (size, version, runs) of a
 * restricted dataset are the partner's business. Prometheus sends the key as a bearer token.
 */
public final class MetricsFeature implements Feature {
    static final String PATH = "/$/metrics";

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.enableMetrics(true);
        builder.addFilter(PATH, new AdminGate());
    }

    @Override
    public void started(FusekiServer server, ServerContext context) {
        context.meters(MetricsProvider.getMetricsProvider(server.getServletContext()).getMeterRegistry());
        // Around the whole server, so that answers given before any servlet (401, 429) are counted too.
        Server jetty = server.getJettyServer();
        jetty.setHandler(new ResponseMeter(jetty.getHandler(), context.meters()));
        DatasetMeters meters = new DatasetMeters(context);
        meters.register(context.registry());
        context.onReload(meters::register);
    }
}
