package fr.regie.server.search;

import static fr.regie.server.http.Html.esc;

import java.util.function.UnaryOperator;

import fr.regie.registry.Registry;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;
import fr.regie.server.resource.Ontology;

/**
 * The results page: the search form ({@code #search}, input {@code #q}) filled with the query,
 * how many labels matched, and the list {@code #results}: each hit's label linked to its page,
 * its type and the dataset it comes from.
 */
final class SearchPage {
    private final PageRequest page;
    private final Messages m;
    private final Ontology ontology;
    private final Registry registry;
    private final UnaryOperator<String> local;

    SearchPage(PageRequest page, Ontology ontology, Registry registry, UnaryOperator<String> local) {
        this.page = page;
        this.m = page.messages(SearchPage.class);
        this.ontology = ontology;
        this.registry = registry;
        this.local = local;
    }

    /** Where a hit is read: a dataset's page, else the resource itself (on this server when it is one of its IRIs). */
    static String url(LabelIndex.Hit h, String base, UnaryOperator<String> local) {
        return h.isDataset() ? base + "datasets/" + h.dataset() : local.apply(h.iri());
    }

    /** A hit's type for people: "dataset", else the ontology's label of its class, else the class's local name. */
    static String typeLabel(LabelIndex.Hit h, Ontology ontology, String lang) {
        if (h.isDataset()) {
            return lang.equals("en") ? "dataset" : "jeu de données";
        }
        if (h.type() == null) {
            return "";
        }
        return ontology.label(h.type(), lang).orElseGet(() -> h.type().replaceFirst(".*[#/]", ""));
    }

    String render(String q, LabelIndex.Result result, int limit) {
        StringBuilder b = new StringBuilder(4096);
        boolean asked = q != null && !q.isBlank();
        b.append("<h1>").append(esc(asked ? m.get("title.query", q) : m.get("title"))).append("</h1>\n")
                .append(SearchForm.html(page, q)).append('\n');
        if (asked) {
            b.append("<p class=\"count\" role=\"status\">").append(esc(m.get("count", result.total())));
            if (result.total() > result.hits().size()) {
                b.append(' ').append(esc(m.get("shown", result.hits().size())));
            }
            b.append("</p>\n");
        }
        b.append("<ol id=\"results\" class=\"results\">\n");
        for (LabelIndex.Hit h : result.hits()) {
            String type = typeLabel(h, ontology, page.lang().code());
            String dataset = registry.dataset(h.dataset()).map(d -> d.title()).orElse(h.dataset());
            b.append("<li><a href=\"").append(esc(url(h, page.base(), local))).append("\">").append(esc(h.label())).append("</a>");
            if (!type.isEmpty()) {
                b.append(" <span class=\"type\">").append(esc(type)).append("</span>");
            }
            b.append(" <small>").append(esc(m.get("from", dataset))).append("</small></li>\n");
        }
        b.append("</ol>\n");
        if (asked && result.total() > result.hits().size() && limit < SearchServlet.MAX_LIMIT) {
            b.append("<p><a href=\"").append(esc(page.url("search") + "?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
                    + "&limit=" + SearchServlet.MAX_LIMIT)).append("\">").append(esc(m.get("more", SearchServlet.MAX_LIMIT))).append("</a></p>\n");
        }
        String title = asked ? m.get("title.query", q) : m.get("title");
        Layout.Head head = new Layout.Head(java.util.List.of(), java.util.List.of(SearchForm.SCRIPT), java.util.List.of());
        return Layout.render(page, Layout.Section.NONE, title, head, b.toString());
    }
}
