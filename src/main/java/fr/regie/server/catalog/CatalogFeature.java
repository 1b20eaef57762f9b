package fr.regie.server.catalog;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.fuseki.main.FusekiServer;

import jakarta.servlet.http.HttpServletRequest;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.http.MediaFormat;

/**
 * Installs {@code /catalog} (DCAT-AP with VoID statistics, by content negotiation, and
 * {@code /catalog.ttl}, {@code .jsonld}, {@code .rdf}, {@code .nt}) and the service description on
 * {@code GET /sparql} without a query.
 */
public final class CatalogFeature implements Feature {
    private static final Pattern DISTRIBUTION = Pattern.compile("/id/dataset/[^/]+/distribution/[^/]+");
    private CatalogBuilder catalogs;

    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        catalogs = new CatalogBuilder(context.registry(), context.store());
        catalogs.dumpSizes(d -> {
            try {
                return java.util.Optional.of(fr.regie.server.ops.Dumps.size(context, d));
            } catch (java.io.IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        });
        context.onReload(catalogs::reload);
        builder.addServlet("/catalog", new CatalogServlet(context, catalogs, RdfResponse.OFFERED));
        for (MediaFormat f : RdfResponse.OFFERED) {
            builder.addServlet("/catalog" + f.suffix(), new CatalogServlet(context, catalogs, List.of(f)));
        }
        builder.addFilter("/sparql", new ServiceDescriptionFilter(context));
        // The catalog's own IRIs that the store does not hold (more specific than /id/*).
        CatalogResourceServlet described = new CatalogResourceServlet(context, catalogs);
        builder.addServlet("/id/organization/*", described);
        builder.addServlet("/id/service/*", described);
        // A dataset's IRI is the store's (its records in the metadata graph); its distributions are the catalog's.
        builder.addFilter("/id/dataset/*", (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            if (DISTRIBUTION.matcher(req.getRequestURI().substring(req.getContextPath().length())).matches()) {
                described.service(request, response);
            } else {
                chain.doFilter(request, response);
            }
        });
        builder.addServlet(CatalogResourceServlet.ENTRY + "*", described);
    }

    /** Counts the VoID statistics of every dataset in the background, so that the first request does not wait. */
    @Override
    public void started(FusekiServer server, ServerContext context) {
        CatalogBuilder b = catalogs;
        Thread t = new Thread(() -> context.registry().datasets().forEach(d -> b.voidStats(d.id())), "regie-void-statistics");
        t.setDaemon(true);
        t.start();
    }
}
