package fr.regie.server.ops;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/**
 * Installs {@code /datasets/{id}/dump.nq.gz}, {@code /datasets/{id}/changes[/{version}]} and
 * {@code /datasets/{id}/ldes[/{page}]}.
 */
public final class DatasetsFeature implements Feature {
    private final int ldesPageSize;

    /** The event stream with pages of 250 members. */
    public DatasetsFeature() {
        this(LdesFeed.DEFAULT_PAGE_SIZE);
    }

    /** The event stream with pages of at most {@code ldesPageSize} members. */
    public DatasetsFeature(int ldesPageSize) {
        if (ldesPageSize < 1) {
            throw new IllegalArgumentException("an event stream page holds at least one member, not " + ldesPageSize);
        }
        this.ldesPageSize = ldesPageSize;
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/datasets/*", new DatasetsServlet(context, ldesPageSize));
    }
}
