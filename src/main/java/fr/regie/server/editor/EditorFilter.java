package fr.regie.server.editor;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.server.ServerContext;
import fr.regie.server.http.Negotiation;
import fr.regie.server.page.Layout;
import fr.regie.server.page.PageRequest;

/**
 * On {@code /sparql}: a {@code GET} or {@code HEAD} whose {@code Accept} prefers HTML to every
 * format the endpoint answers in (a browser) gets the editor page, with or without a
 * {@code query} parameter (the page opens that query; it does not run it). Every other request
 * goes on untouched: queries, the service description, POSTs.
 */
final class EditorFilter implements Filter {
    /** What {@code /sparql} answers machines in: results, graphs and the service description. */
    static final List<String> ANSWERED = List.of("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
            "text/tab-separated-values", "application/json", "application/xml", "text/plain", "text/turtle", "application/ld+json",
            "application/rdf+xml", "application/n-triples", "application/trig", "application/n-quads");

    private final ServerContext context;
    private final ExampleQueries examples;
    private final Map<String, String> prefixes;

    EditorFilter(ServerContext context, ExampleQueries examples, Map<String, String> prefixes) {
        this.context = context;
        this.examples = examples;
        this.prefixes = Map.copyOf(prefixes);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (!read || !Negotiation.prefersHtml(req.getHeader("Accept"), ANSWERED)) {
            chain.doFilter(request, response);
            return;
        }
        resp.addHeader("Vary", "Accept");
        PageRequest page = PageRequest.of(context, req, resp);
        Layout.send(req, resp, new EditorPage(page, context.publicBase(req) + "sparql", context.settings().maxQueryLength())
                .render(examples, prefixes));
    }
}
