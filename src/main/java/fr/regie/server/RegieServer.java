package fr.regie.server;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;

import fr.regie.pipeline.Registry;
import fr.regie.pipeline.Scheduler;
import fr.regie.store.Store;
import fr.regie.territory.GeoFunctions;

/**
 * Assembles the server: the store at the root, {@code /sparql} (SPARQL 1.1 Query over the union
 * of the graphs, with GeoSPARQL filter functions) and {@code /data} (Graph Store Protocol, read
 * only). No update endpoint.
 */
public final class RegieServer {
    private RegieServer() {}

    /** Builds (does not start) a server on {@code port}; {@code localOnly} binds to the loopback interface. */
    public static FusekiServer build(Store store, int port, boolean localOnly) {
        return builder(store, port, localOnly).build();
    }

    /** As {@link #build}, with {@code /status} for a registry and its scheduler (which may be null). */
    public static FusekiServer build(Store store, Registry registry, Scheduler scheduler, int port, boolean localOnly) {
        return builder(store, port, localOnly).addServlet("/status", new StatusServlet(store, registry, scheduler)).build();
    }

    private static FusekiServer.Builder builder(Store store, int port, boolean localOnly) {
        GeoFunctions.register();
        DataService service = DataService.newBuilder(store.dataset())
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.GSP_R, "data")
                .build();
        return FusekiServer.create().port(port).loopback(localOnly).enableCors(true).add("/", service);
    }
}
