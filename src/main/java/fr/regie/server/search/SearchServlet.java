package fr.regie.server.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.jena.system.Txn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.http.Problem;
import fr.regie.server.page.Layout;
import fr.regie.server.page.PageRequest;
import fr.regie.server.resource.Ontology;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /search?q=…&limit=…}: the labels the caller may see that match {@code q} (every
 * word of it beginning a word of the label, accents and case aside), as a page for people
 * ({@link SearchPage}) or as JSON ({@code Accept: application/json}):
 * {@code {"query", "total", "limit", "hits": [{"iri", "url", "label", "type", "typeLabel", "dataset", "datasetTitle"}]}}.
 * {@code q} is at most {@value #MAX_QUERY} characters; {@code limit} 1 to {@value #MAX_LIMIT}
 * (default {@value #DEFAULT_LIMIT}); anything else is a 400 naming the parameter.
 */
final class SearchServlet extends HttpServlet {
    static final int MAX_QUERY = 200;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;
    private static final List<MediaFormat> OFFERED = List.of(MediaFormat.HTML, MediaFormat.JSON);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ServerContext ctx;
    private final transient LabelIndex index;
    private final transient Ontology ontology;

    SearchServlet(ServerContext ctx, LabelIndex index, Ontology ontology) {
        this.ctx = ctx;
        this.index = index;
        this.ontology = ontology;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<MediaFormat> format = Negotiation.negotiate(req, resp, OFFERED);
        if (format.isEmpty()) {
            return;
        }
        String q = req.getParameter("q");
        if (q != null && q.length() > MAX_QUERY) {
            Problem.send(resp, HttpServletResponse.SC_BAD_REQUEST, "parameter q: at most " + MAX_QUERY + " characters");
            return;
        }
        int limit = DEFAULT_LIMIT;
        String l = req.getParameter("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                Problem.send(resp, HttpServletResponse.SC_BAD_REQUEST, "parameter limit: a whole number from 1 to " + MAX_LIMIT);
                return;
            }
        }
        if (format.get() == MediaFormat.JSON && (q == null || q.isBlank())) {
            Problem.send(resp, HttpServletResponse.SC_BAD_REQUEST, "parameter q: required (the words to look for)");
            return;
        }
        Caller caller = ApiKeyFilter.caller(req);
        Registry registry = ctx.registry();
        int max = limit;
        LabelIndex.Result result = q == null || q.isBlank() ? new LabelIndex.Result(List.of(), 0)
                : Txn.calculateRead(ctx.store().dataset(), () -> {
                    index.sync(ctx.store().dataset(), registry);
                    return index.search(q, ctx.access().visibleGraphs(caller), max);
                });
        if (format.get() == MediaFormat.HTML) {
            PageRequest page = PageRequest.of(ctx, req, resp);
            Layout.send(req, resp, new SearchPage(page, ontology, registry, iri -> ctx.localUrl(iri, req)).render(q, result, limit));
            return;
        }
        String lang = fr.regie.server.page.Lang.of(req).code();
        ObjectNode root = JSON.createObjectNode();
        root.put("query", q);
        root.put("total", result.total());
        root.put("limit", limit);
        ArrayNode hits = root.putArray("hits");
        for (LabelIndex.Hit h : result.hits()) {
            ObjectNode o = hits.addObject();
            o.put("iri", h.iri());
            o.put("url", SearchPage.url(h, ctx.publicBase(req), iri -> ctx.localUrl(iri, req)));
            o.put("label", h.label());
            o.put("type", h.isDataset() ? "http://www.w3.org/ns/dcat#Dataset" : h.type());
            o.put("typeLabel", SearchPage.typeLabel(h, ontology, lang));
            o.put("dataset", h.dataset());
            o.put("datasetTitle", registry.dataset(h.dataset()).map(d -> d.title()).orElse(h.dataset()));
        }
        byte[] body = JSON.writeValueAsBytes(root);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(MediaFormat.JSON.contentType());
        resp.setHeader("Cache-Control", "private, no-cache");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
