package fr.regie.server.search;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.resource.Ontology;

/**
 * Installs {@code /search}: a full-text index of labels (Lucene, in memory), kept at the live
 * versions of the datasets and searched within the graphs the caller may see.
 */
public final class SearchFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/search", new SearchServlet(context, new LabelIndex(context.graphs()), Ontology.load()));
    }
}
