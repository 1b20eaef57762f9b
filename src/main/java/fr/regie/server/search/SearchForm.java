package fr.regie.server.search;

import static fr.regie.server.http.Html.esc;

import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * The search form, on the home page and the results page: {@code form#search} with its labelled
 * input {@code #q}, submitting to {@code /search}; {@code assets/search.js} (to put in the
 * page's scripts) adds suggestions as one types.
 */
public final class SearchForm {
    /** The script that adds suggestions. */
    public static final String SCRIPT = "assets/search.js";

    private SearchForm() {}

    /** The form, {@code q} (may be null) filled in. */
    public static String html(PageRequest page, String q) {
        Messages m = page.messages(SearchForm.class);
        return "<form id=\"search\" role=\"search\" class=\"search\" method=\"get\" action=\"" + esc(page.url("search")) + "\">"
                + "<label for=\"q\">" + esc(m.get("label")) + "</label> "
                + "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" maxlength=\"" + SearchServlet.MAX_QUERY
                + "\" placeholder=\"" + esc(m.get("placeholder")) + "\" value=\"" + esc(q == null ? "" : q) + "\"> "
                + "<button type=\"submit\">" + esc(m.get("submit")) + "</button></form>";
    }
}
