package fr.regie.server;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;

import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.RateLimitFilter;
import fr.regie.server.http.ChunkedBodies;
import fr.regie.server.http.Connections;
import fr.regie.server.http.CorsFilter;
import fr.regie.server.http.HostFilter;
import fr.regie.server.http.ProblemErrorHandler;
import fr.regie.server.http.ProblemFilter;
import fr.regie.server.http.ResponseBuffers;
import fr.regie.server.sparql.RegieGraphStoreRead;
import fr.regie.server.sparql.QueryLimits;
import fr.regie.server.sparql.RegieQuery;
import fr.regie.server.sparql.TruncationNotice;
import fr.regie.store.Store;
import fr.regie.territory.GeoFunctions;

/**
 * Assembles the one server process: an embedded Fuseki over the store, read-only from the
 * public side. The store sits at the root with {@code /sparql} (SPARQL 1.1 Query) and
 * {@code /data} (Graph Store Protocol, read), both limited to the graphs the caller may see; in
 * front, in this order: errors made problem documents, the check of the {@code Host} (unless a
 * public URL is set), CORS, the API-key filter and the rate limit; then each {@link Feature}.
 * Responses are written through small pooled buffers ({@link ResponseBuffers}).
 */
public final class RegieServer {
    private RegieServer() {}

    /** A server with no access rules and no features: the whole store, read-only (tests, stock uses). */
    public static FusekiServer build(Store store, int port, boolean localOnly) {
        GeoFunctions.register();
        DataService service = DataService.newBuilder(store.dataset())
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.GSP_R, "data")
                .build();
        FusekiServer server = FusekiServer.create().port(port).loopback(localOnly).enableCors(true)
                .numServerThreads(Connections.MIN_THREADS, Connections.MAX_THREADS).add("/", service).build();
        ResponseBuffers.apply(server.getJettyServer());
        Connections.apply(server.getJettyServer(), Connections.maxBody(ServerSettings.defaults(port).maxQueryLength()));
        return server;
    }

    /** The full server for a context, with the given features. */
    public static FusekiServer build(ServerContext context, List<Feature> features) {
        GeoFunctions.register();
        ServerSettings settings = context.settings();
        // The handlers below choose, request by request, the graphs the caller may see.
        DataService service = DataService.newBuilder(context.store().dataset())
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.GSP_R, "data")
                .build();
        RateLimitFilter limits = new RateLimitFilter(settings.anonymousPerMinute(), settings.partnerPerMinute());
        List<fr.regie.server.http.Upload> uploads = features.stream().flatMap(f -> f.uploads().stream()).toList();
        FusekiServer.Builder b = FusekiServer.create()
                .port(settings.port())
                .loopback(settings.localOnly())
                .numServerThreads(Connections.MIN_THREADS, Connections.MAX_THREADS)
                // Liveness for load balancers and orchestrators (readiness is /$/ready).
                .enablePing(true)
                .addFilter("/*", new ProblemFilter())
                .addFilter("/*", new ChunkedBodies(uploads));
        if (settings.publicUrl().isEmpty()) {
            // Links come from the request's host: only the server's own names may reach them.
            b.addFilter("/*", new HostFilter(context.hosts()));
        }
        b.addFilter("/*", new CorsFilter())
                .registerOperation(Operation.Query, new RegieQuery(context::access, settings.queryLimits()))
                .registerOperation(Operation.GSP_R, new RegieGraphStoreRead(context::access, settings.resultLimit()))
                .addFilter("/*", new ApiKeyFilter(context::access, limits))
                .addFilter("/*", limits)
                .addFilter("/sparql", new TruncationNotice())
                .add("/", service);
        List<Feature> all = new ArrayList<>(features);
        for (Feature f : all) {
            f.install(b, context);
        }
        FusekiServer server = b.build();
        ResponseBuffers.apply(server.getJettyServer());
        Connections.apply(server.getJettyServer(), Connections.maxBody(settings.maxQueryLength()), uploads);
        // Errors Jetty answers itself (bad request lines, unknown paths) are problem+json too.
        server.getJettyServer().setErrorHandler(new ProblemErrorHandler());
        ServletContextHandler servlets = server.getJettyServer().getDescendant(ServletContextHandler.class);
        if (servlets != null) {
            servlets.setErrorHandler(new ProblemErrorHandler());
        }
        for (Feature f : all) {
            f.started(server, context);
        }
        return server;
    }
}
