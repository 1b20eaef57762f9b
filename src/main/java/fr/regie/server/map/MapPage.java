package fr.regie.server.map;

import static fr.regie.server.http.Html.esc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.vocabulary.DCTerms;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.assets.Assets;
import fr.regie.server.map.Declarations.Indicator;
import fr.regie.server.map.Declarations.Layer;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * The page {@code /map}: a form (indicator, scale, extent, classes, point layers) whose state is
 * the URL's query, the map drawn by {@code assets/map.js} from {@code /map/data}, its legend, and
 * the same figures as a table under it. Unknown values in the URL fall back to the defaults (the
 * first indicator, communes, the territory, quantiles); everything shown is escaped.
 */
final class MapPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServerContext context;
    private final Declarations declarations;
    private final HttpServletRequest req;
    private final HttpServletResponse resp;

    MapPage(ServerContext context, Declarations declarations, HttpServletRequest req, HttpServletResponse resp) {
        this.context = context;
        this.declarations = declarations;
        this.req = req;
        this.resp = resp;
    }

    void send() throws IOException {
        PageRequest page = PageRequest.of(context, req, resp);
        Messages m = page.messages(MapPage.class);
        String lang = page.lang().code();
        Caller caller = ApiKeyFilter.caller(req);
        Map<String, String> extents = extents(caller, m, req.getParameter("extent"));
        String indicator = pick(req.getParameter("indicator"), new ArrayList<>(declarations.indicators().keySet()), null);
        String scale = pick(req.getParameter("scale"), java.util.Arrays.stream(Scale.values()).map(Scale::id).toList(), "commune");
        String extent = req.getParameter("extent");
        if (extent == null || !extents.containsKey(extent)) {
            extent = "territory";
        }
        String classes = pick(req.getParameter("classes"), List.of("quantiles", "jenks"), "quantiles");
        Values values = new Values(context);

        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>").append(esc(m.get("title"))).append("</h1>");
        if (indicator == null) {
            b.append("<p>").append(esc(m.get("none"))).append("</p>");
            Layout.send(req, resp, Layout.render(page, Layout.Section.MAP, m.get("title"), Layout.Head.NONE, b.toString()));
            return;
        }
        b.append("<form id=\"map-form\" class=\"inline\" method=\"get\" action=\"").append(esc(page.url("map"))).append("\">");
        Map<String, String> indicators = new LinkedHashMap<>();
        for (Indicator i : declarations.indicators().values()) {
            indicators.put(i.id(), i.label().in(lang) + (values.available(caller, i) ? "" : " (" + m.get("unavailable.short") + ")"));
        }
        select(b, "indicator", m.get("indicator"), indicators, indicator);
        Map<String, String> scales = new LinkedHashMap<>();
        for (Scale s : Scale.values()) {
            scales.put(s.id(), m.get("scale." + s.id()));
        }
        select(b, "scale", m.get("scale"), scales, scale);
        select(b, "extent", m.get("extent"), extents, extent);
        select(b, "classes", m.get("classes"), Map.of("quantiles", m.get("classes.quantiles"), "jenks", m.get("classes.jenks")), classes);
        b.append("<input type=\"hidden\" name=\"lang\" value=\"").append(lang).append("\">");
        b.append("<button type=\"submit\">").append(esc(m.get("show"))).append("</button></form>");
        b.append("<fieldset id=\"map-layers\" class=\"inline\"><legend>").append(esc(m.get("layers"))).append("</legend>");
        for (Layer l : declarations.layers().values()) {
            b.append("<label><input type=\"checkbox\" name=\"layer\" value=\"").append(esc(l.id())).append("\" id=\"layer-")
                    .append(esc(l.id())).append("\"> ").append(esc(l.label().in(lang))).append("</label> ");
        }
        b.append("</fieldset>");
        b.append("<p id=\"map-status\" role=\"status\" aria-live=\"polite\"></p>");
        b.append("<div id=\"map\" class=\"map\" role=\"region\" aria-label=\"").append(esc(m.get("map.label")))
                .append("\" aria-describedby=\"map-table-caption\"></div>");
        b.append("<div id=\"map-legend\" class=\"legend\" aria-live=\"polite\"></div>");
        b.append("<h2 id=\"map-table-caption\">").append(esc(m.get("table"))).append("</h2>");
        b.append("<div class=\"scroll\"><table id=\"map-table\"><thead><tr><th scope=\"col\">").append(esc(m.get("col.name")))
                .append("</th><th scope=\"col\">").append(esc(m.get("col.code"))).append("</th><th scope=\"col\" class=\"num\">")
                .append(esc(m.get("col.value"))).append("</th><th scope=\"col\" class=\"num\">").append(esc(m.get("col.numerator")))
                .append("</th><th scope=\"col\" class=\"num\">").append(esc(m.get("col.denominator")))
                .append("</th></tr></thead><tbody></tbody></table></div>");
        b.append("<p class=\"muted\">").append(esc(m.get("method"))).append(" <a href=\"").append(esc(page.url("map/indicators")))
                .append("\">/map/indicators</a></p>");
        b.append("<script type=\"application/json\" id=\"map-config\">").append(config(page, m, caller, values)).append("</script>");
        Layout.Head head = new Layout.Head(List.of(Assets.LEAFLET_CSS), List.of(Assets.LEAFLET_JS, Assets.own("map.js")), List.of());
        Layout.send(req, resp, Layout.render(page, Layout.Section.MAP, m.get("title"), head, b.toString()));
    }

    private static String pick(String asked, List<String> allowed, String fallback) {
        if (asked != null && allowed.contains(asked)) {
            return asked;
        }
        return allowed.isEmpty() ? null : fallback == null ? allowed.get(0) : fallback;
    }

    private static void select(StringBuilder b, String id, String label, Map<String, String> options, String selected) {
        b.append("<div><label for=\"").append(id).append("\">").append(esc(label)).append("</label><br><select id=\"").append(id)
                .append("\" name=\"").append(id).append("\">");
        options.forEach((v, text) -> b.append("<option value=\"").append(esc(v)).append('"').append(v.equals(selected) ? " selected" : "")
                .append('>').append(esc(text)).append("</option>"));
        b.append("</select></div>");
    }

    /**
     * The extents offered: the territory, then the départements and régions its communes lie in,
     * and the one the URL asks for when the reference knows it (a link to another extent keeps it).
     */
    private Map<String, String> extents(Caller caller, Messages m, String asked) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Node> territory = context.registry().graph().find(context.registry().territory().iri(), DCTerms.spatial.asNode(), Node.ANY)
                .nextOptional().map(Triple::getObject).filter(Node::isURI);
        if (territory.isEmpty()) {
            return out;
        }
        out.put("territory", m.get("extent.territory", context.registry().territory().name()));
        String prefix = context.graphs().base() + "id/";
        context.store().read(() -> {
            var q = QueryFactory.create(Declarations.PREFIXES + """
                    SELECT DISTINCT ?u ?name ?level WHERE { GRAPH ?g {
                      ?c a igeo:Commune ; igeo:subdivisionDe ?t , ?u . ?u igeo:nom ?name .
                      { ?u a igeo:Departement BIND (1 AS ?level) } UNION { ?u a igeo:Region BIND (2 AS ?level) }
                    } } ORDER BY ?level ?name""");
            try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), context.graphs().dataset(context.registry().territory().referenceDataset()),
                    Var.alloc("t"), territory.get()))) {
                qe.select().forEachRemaining(r -> {
                    String iri = r.get("u").getURI();
                    if (iri.startsWith(prefix)) {
                        out.put(iri.substring(prefix.length()), r.get("name").getLiteralLexicalForm());
                    }
                });
            }
            return null;
        });
        if (asked != null && !out.containsKey(asked) && MapServlet.EXTENT.matcher(asked).matches()) {
            context.store().read(() -> {
                var q = QueryFactory.create(Declarations.PREFIXES + "SELECT ?name WHERE { GRAPH ?g { ?t igeo:codeINSEE ?code ; igeo:nom ?name } } LIMIT 1");
                try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), context.graphs().dataset(context.registry().territory().referenceDataset()),
                        Var.alloc("t"), org.apache.jena.graph.NodeFactory.createURI(prefix + asked)))) {
                    qe.select().forEachRemaining(r -> out.put(asked, r.get("name").getLiteralLexicalForm()));
                }
                return null;
            });
        }
        return out;
    }

    /** What map.js needs: endpoints, texts in the page's language, optional tiles. No HTML: {@code <} is escaped in JSON. */
    private String config(PageRequest page, Messages m, Caller caller, Values values) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("lang", page.lang().code());
        c.put("data", page.url("map/data"));
        c.put("points", page.url("map/points"));
        Map<String, Object> indicators = new LinkedHashMap<>();
        for (Indicator i : declarations.indicators().values()) {
            indicators.put(i.id(), Map.of("label", i.label().in(page.lang().code()), "unit", i.unit().in(page.lang().code()),
                    "ratio", i.denominator().isPresent(), "available", values.available(caller, i),
                    "numerator", i.numerator().label().in(page.lang().code()),
                    "denominator", i.denominator().map(d -> d.label().in(page.lang().code())).orElse("")));
        }
        c.put("indicators", indicators);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String k : List.of("loading", "drawn", "nodata", "unavailable", "notpublished", "error", "legend", "points.truncated")) {
            texts.put(k, m.get("js." + k));
        }
        c.put("texts", texts);
        var g = context.registry().graph();
        Node t = context.registry().territory().iri();
        g.find(t, org.apache.jena.graph.NodeFactory.createURI(Declarations.REGIE + "mapTiles"), Node.ANY).nextOptional()
                .map(Triple::getObject).filter(Node::isLiteral).map(Node::getLiteralLexicalForm).filter(u -> u.startsWith("https://"))
                .ifPresent(u -> {
                    c.put("tiles", u);
                    c.put("tilesAttribution", g.find(t, org.apache.jena.graph.NodeFactory.createURI(Declarations.REGIE + "mapTilesAttribution"), Node.ANY)
                            .nextOptional().map(Triple::getObject).filter(Node::isLiteral).map(Node::getLiteralLexicalForm).orElse(""));
                });
        return JSON.writeValueAsString(c).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
