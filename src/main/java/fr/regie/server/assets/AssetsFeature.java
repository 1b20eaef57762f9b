package fr.regie.server.assets;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/** Installs {@code /assets/*} ({@link AssetServlet}). */
public final class AssetsFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/assets/*", new AssetServlet());
    }
}
