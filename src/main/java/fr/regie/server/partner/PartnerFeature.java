package fr.regie.server.partner;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.pipeline.Check;
import fr.regie.pipeline.CheckRequest;
import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.http.Upload;

/** Installs the partners' own pages and their check endpoint ({@link Check}) under {@code /partners/}. */
public final class PartnerFeature implements Feature {
    /** Versions per dataset on one page of a partner's page. */
    public static final int VERSIONS_PER_PAGE = 50;
    static final Pattern CHECK_PATH = Pattern.compile("/partners/[^/]+/check");

    private final int perPage;
    private final Optional<Checker> checker;
    private final CheckLimits limits;

    /** The page and the check endpoint, running the pipeline's {@link Check}. */
    public PartnerFeature() {
        this(VERSIONS_PER_PAGE, Optional.empty(), CheckLimits.DEFAULT);
    }

    /** Pages of {@code perPage} versions per dataset (tests page with few versions). */
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
        StoreChecks kept = new StoreChecks(context.store().layout());
        // The registry is read at each check: a reload takes effect for the next one.
        Checker c = checker.orElse((spec, mappings, sample, work, timeout) -> new Check(context.registry(), context.store(), work)
                .run(new CheckRequest(spec, Optional.of(mappings), sample, OptionalLong.empty(), false, timeout)
                        // Uploaded: no SQL of the partner's own, no file read outside the uploads.
                        .uploadedInto(mappings.get(0).toAbsolutePath().getParent())));
        builder.addServlet("/partners/*", new PartnerServlet(context, perPage, kept, Optional.of(new CheckService(context, c, limits, kept))));
    }
}
