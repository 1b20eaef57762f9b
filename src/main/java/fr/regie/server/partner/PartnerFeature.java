package fr.regie.server.partner;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.http.Upload;

/** Installs the partners' own pages and their check endpoint under {@code /partners/}. */
public final class PartnerFeature implements Feature {
    /** Versions per dataset on one page of a partner's page. */
    public static final int VERSIONS_PER_PAGE = 50;
    static final Pattern CHECK_PATH = Pattern.compile("/partners/[^/]+/check");

    private final int perPage;
    private final Optional<Checker> checker;
    private final CheckLimits limits;

    public PartnerFeature() {
        this(VERSIONS_PER_PAGE, Optional.empty(), CheckLimits.DEFAULT);
    }

    /** Pages of {@code perPage} versions per dataset (tests page with few versions), and no checks. */
    public PartnerFeature(int perPage) {
        this(perPage, Optional.empty(), CheckLimits.DEFAULT);
    }

    PartnerFeature(int perPage, Optional<Checker> checker, CheckLimits limits) {
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage must be at least 1");
        }
        this.perPage = perPage;
        this.checker = checker;
        this.limits = limits;
    }

    @Override
    public List<Upload> uploads() {
        return List.of(new Upload(CHECK_PATH, limits.requestBytes()));
    }

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        MemoryChecks kept = new MemoryChecks();
        Optional<CheckEndpoint> check = checker.map(c -> new CheckService(context, c, limits, kept));
        builder.addServlet("/partners/*", new PartnerServlet(context, perPage, kept, check));
    }
}
