package fr.regie.server.assets;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/** Installs {@code /assets/*} ({@link AssetServlet}) and {@code /favicon.ico} (a redirect to the icon). */
public final class AssetsFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addServlet("/assets/*", new AssetServlet());
        // Browsers ask for /favicon.ico by themselves when a document (JSON, a problem) names no icon.
        builder.addServlet("/favicon.ico", new jakarta.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
                resp.setStatus(jakarta.servlet.http.HttpServletResponse.SC_MOVED_PERMANENTLY);
                resp.setHeader("Location", context.publicBase(req) + Assets.own("favicon.svg"));
            }
        });
    }
}
