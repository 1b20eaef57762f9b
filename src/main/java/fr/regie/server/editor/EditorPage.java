package fr.regie.server.editor;

import static fr.regie.server.http.Html.esc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.assets.Assets;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * The editor page: YASGUI ({@code #yasgui}) on this server's endpoint, the example queries as
 * links ({@code sparql?query=…}, each showing its question in the reader's language), a field
 * for an API key, and the configuration {@code assets/editor.js} reads (a JSON script element
 * {@code #editor-config}: endpoint, prefixes, examples, texts). Nothing of the request is
 * written into the page: the script reads the query from the address itself.
 */
final class EditorPage {
    static final String SCRIPT = Assets.own("editor.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The texts the script uses, by key of the bundle. */
    private static final String[] SCRIPT_TEXTS = {"js.map", "js.map.column", "js.map.alt", "js.map.none", "js.chart", "js.chart.value",
        "js.chart.label", "js.chart.alt", "js.chart.cut", "js.key.saved", "js.key.forgotten"};

    private final PageRequest page;
    private final Messages m;
    private final String endpoint;
    private final int maxQueryLength;

    EditorPage(PageRequest page, String endpoint, int maxQueryLength) {
        this.page = page;
        this.m = page.messages(EditorPage.class);
        this.endpoint = endpoint;
        this.maxQueryLength = maxQueryLength;
    }

    String render(ExampleQueries examples, Map<String, String> prefixes) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<h1>").append(esc(m.get("title"))).append("</h1>")
                .append("<p>").append(esc(m.get("intro", page.territory()))).append(" <code class=\"iri\">").append(esc(endpoint))
                .append("</code></p>\n");
        // Closed: the editor stays in view; the summary says how many examples it holds.
        b.append("<details class=\"editor-examples\" id=\"examples\"><summary>")
                .append(esc(m.get("examples", examples.examples().size()))).append("</summary><ol>\n");
        for (ExampleQueries.Example e : examples.examples()) {
            b.append("<li><a data-example=\"").append(esc(e.id())).append("\" href=\"")
                    .append(esc(page.url("sparql?query=" + URLEncoder.encode(e.query(), StandardCharsets.UTF_8))))
                    .append("\">").append(esc(e.question(page.lang()))).append("</a> <span class=\"muted\">")
                    .append(esc(e.id())).append(".rq</span></li>\n");
        }
        b.append("</ol></details>\n")
                .append("<details class=\"editor-key\"><summary>").append(esc(m.get("key.summary"))).append("</summary>")
                .append("<form id=\"api-key-form\"><p><label for=\"api-key\">").append(esc(m.get("key.label"))).append("</label> ")
                .append("<input id=\"api-key\" type=\"password\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"api-key-help\"> ")
                .append("<button type=\"button\" id=\"api-key-forget\">").append(esc(m.get("key.forget"))).append("</button> ")
                .append("<span id=\"api-key-status\" role=\"status\"></span></p></form>")
                .append("<p class=\"muted\" id=\"api-key-help\">").append(esc(m.get("key.help"))).append("</p></details>\n")
                .append("<div id=\"yasgui\"></div>\n<noscript><p>").append(esc(m.get("noscript"))).append("</p></noscript>\n")
                .append("<script type=\"application/json\" id=\"editor-config\">").append(config(examples, prefixes)).append("</script>");
        Layout.Head head = new Layout.Head(java.util.List.of(Assets.YASGUI_CSS, Assets.LEAFLET_CSS),
                java.util.List.of(Assets.LEAFLET_JS, Assets.YASGUI_JS, SCRIPT), java.util.List.of());
        return Layout.render(page, Layout.Section.SPARQL, m.get("title"), head, b.toString());
    }

    /** The script's configuration, as JSON safe inside a script element. */
    private String config(ExampleQueries examples, Map<String, String> prefixes) {
        ObjectNode c = JSON.createObjectNode();
        c.put("endpoint", endpoint);
        c.put("lang", page.lang().code());
        c.put("maxQueryLength", maxQueryLength);
        ObjectNode p = c.putObject("prefixes");
        new TreeMap<>(prefixes).forEach(p::put);
        ArrayNode list = c.putArray("examples");
        for (ExampleQueries.Example e : examples.examples()) {
            list.addObject().put("id", e.id()).put("question", e.question(page.lang())).put("query", e.query());
        }
        ObjectNode texts = c.putObject("texts");
        for (String k : SCRIPT_TEXTS) {
            texts.put(k.substring(3), m.get(k));
        }
        try {
            // "<" only occurs inside JSON strings: escaped, no "</script>" or "<!--" can end the element.
            return JSON.writeValueAsString(c).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
