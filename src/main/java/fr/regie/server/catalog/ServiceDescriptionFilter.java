package fr.regie.server.catalog;

import java.io.IOException;
import java.util.Optional;

import org.apache.jena.riot.Lang;

import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * On {@code /sparql}: a GET or HEAD with no {@code query} parameter gets the service description
 * (Turtle by default, or JSON-LD, RDF/XML, N-Triples by {@code Accept}); every other request goes
 * on to the SPARQL endpoint untouched.
 */
final class ServiceDescriptionFilter implements Filter {
    private final ServerContext context;

    ServiceDescriptionFilter(ServerContext context) {
        this.context = context;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (!read || req.getParameter("query") != null) {
            chain.doFilter(request, response);
            return;
        }
        RdfResponse.varyByCaller(resp);
        Optional<Lang> lang = RdfResponse.negotiate(req, resp, RdfResponse.OFFERED);
        if (lang.isEmpty()) {
            return;
        }
        String endpoint = context.publicBase(req) + "sparql";
        var graphs = context.access().visibleGraphs(ApiKeyFilter.caller(req));
        RdfResponse.send(req, resp, ServiceDescription.of(endpoint, graphs, context.settings().allowService()), lang.get());
    }
}
