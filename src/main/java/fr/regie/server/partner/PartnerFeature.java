package fr.regie.server.partner;

import java.util.Optional;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/** Installs the partners' own pages and their check endpoint under {@code /partners/}. */
public final class PartnerFeature implements Feature {
    /** Versions per dataset on one page of a partner's page. */
    public static final int VERSIONS_PER_PAGE = 50;

    private final int perPage;

    public PartnerFeature() {
        this(VERSIONS_PER_PAGE);
    }

    /** Pages of {@code perPage} versions per dataset (tests page with few versions). */
    public PartnerFeature(int perPage) {
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage must be at least 1");
        }
        this.perPage = perPage;
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/partners/*", new PartnerServlet(context, perPage, CheckHistory.NONE, Optional.empty()));
    }
}
