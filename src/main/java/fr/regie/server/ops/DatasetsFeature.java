package fr.regie.server.ops;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/** Installs {@code /datasets/{id}/dump.nq.gz} and {@code /datasets/{id}/changes[/{version}]}. */
public final class DatasetsFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/datasets/*", new DatasetsServlet(context));
    }
}
