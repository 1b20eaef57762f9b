package fr.regie.server.home;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/**
 * Installs the home {@code /}: a page for people listing the datasets the caller may see, and
 * the DCAT catalog for RDF clients (by {@code Accept}).
 */
public final class HomeFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        // Fuseki's own dispatch answers "/" first (a 400): the home is a filter in front of it.
        builder.addFilter("/*", new HomeFilter(context));
    }
}
