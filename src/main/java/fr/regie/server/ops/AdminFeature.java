package fr.regie.server.ops;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/** Installs the operator's actions under {@code /admin/}: refresh a dataset, reload the registry. */
public final class AdminFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/admin/*", new AdminServlet(context));
    }
}
