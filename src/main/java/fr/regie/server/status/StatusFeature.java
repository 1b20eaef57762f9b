package fr.regie.server.status;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/** Installs {@code /status}. */
public final class StatusFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/status", new StatusServlet(context));
    }
}
