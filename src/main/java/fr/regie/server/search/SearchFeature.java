package fr.regie.server.search;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.system.Txn;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.resource.Ontology;

/**
 * Installs {@code /search}: a full-text index of labels (Lucene, in memory), kept at the live
 * versions of the datasets and searched within the graphs the caller may see.
 */
public final class SearchFeature implements Feature {
    private LabelIndex index;

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        index = new LabelIndex(context.graphs());
        builder.addServlet("/search", new SearchServlet(context, index, Ontology.of(context)));
    }

    /** Builds the index in the background, so that the first search does not wait for it. */
    @Override
    public void started(FusekiServer server, ServerContext context) {
        LabelIndex i = index;
        Thread t = new Thread(() -> Txn.executeRead(context.store().dataset(), () -> i.sync(context.store().dataset(), context.registry())),
                "regie-search-index");
        t.setDaemon(true);
        t.start();
    }
}
