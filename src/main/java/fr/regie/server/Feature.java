package fr.regie.server;

import org.apache.jena.fuseki.main.FusekiServer;

/**
 * One part of the server (resources, catalog, taps, dumps…), installed on the Fuseki builder.
 * Each feature lives in its own package and adds its servlets; the assembly calls them in turn.
 */
public interface Feature {

    /** Adds the feature's servlets, filters or operations. */
    void install(FusekiServer.Builder builder, ServerContext context);

    /** The paths where the feature takes bodies larger than a query (uploads it streams to disk). */
    default java.util.List<fr.regie.server.http.Upload> uploads() {
        return java.util.List.of();
    }

    /** Called once the server is built, for what needs it (metrics registries). */
    default void started(FusekiServer server, ServerContext context) {}
}
