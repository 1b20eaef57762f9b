package fr.regie.server.home;

import static fr.regie.server.http.Html.esc;

import java.util.List;
import java.util.Optional;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.AccessLevel;
import fr.regie.server.assets.Assets;
import fr.regie.server.http.Html;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * The home page, for people: the territory's name, links to the catalog, the SPARQL endpoint
 * and the taps, and a card per dataset the caller may see (title, description, publisher,
 * licence, live version and when it was published, size, who may read it, its dump). Everything
 * from the registry is escaped.
 */
final class HomePage {
    /** One dataset as the page shows it. */
    record Card(String id, String title, Optional<String> description, String publisher, Optional<String> license, long version,
                Optional<String> modified, Optional<Long> triples, AccessLevel access, Optional<MetaRecords.Run> lastRun) {}

    private final PageRequest page;
    private final Messages m;

    HomePage(PageRequest page) {
        this.page = page;
        this.m = page.messages(HomePage.class);
    }

    /** A commune of the territory, for the list beside the map. */
    record Commune(String name, String url) {}

    /**
     * The page: {@code withMap} when the server answers the map's data (the map feature is
     * installed); otherwise only the list of communes is shown.
     */
    /**
     * The quality of a dataset as its last run left it: refused or failed (the previous version
     * still served), or accepted with its SHACL warnings and records not placed in a commune.
     */
    private String quality(MetaRecords.Run r) {
        if (r.outcome().equals("rejected") || r.outcome().equals("failed")) {
            return "<span class=\"badge bad\">" + esc(m.get("quality." + r.outcome())) + "</span>";
        }
        long warnings = number(r.measurements().get("shaclWarnings"));
        long unmatched = number(r.measurements().get("unmatchedRecords"));
        if (warnings == 0 && unmatched == 0) {
            return "<span class=\"badge ok\">" + esc(m.get("quality.ok")) + "</span>";
        }
        return "<span class=\"badge warn\">" + esc(m.get("quality.warnings", warnings, unmatched)) + "</span>";
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String render(List<Card> cards, List<Commune> communes, boolean withMap, String searchForm) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<h1>").append(esc(m.get("title", page.territory()))).append("</h1>\n")
                .append(searchForm).append('\n')
                .append("<nav aria-labelledby=\"explore\"><h2 id=\"explore\">").append(esc(m.get("explore"))).append("</h2><ul class=\"links\">")
                .append("<li>").append(Html.link(page.url("map?indicator=velib-docks-per-1000&scale=commune&extent=region/11"), m.get("link.velib")))
                .append("</li><li>").append(Html.link(page.url("map"), m.get("link.map")))
                .append("</li><li>").append(Html.link(page.url("sparql"), m.get("link.sparql")))
                .append("</li><li>").append(Html.link(page.url("api"), m.get("link.api")))
                .append("</li><li>").append(Html.link(page.url("catalog"), m.get("link.catalog")))
                .append("</li></ul></nav>\n");
        territory(b, communes, withMap);
        b.append("<h2>").append(esc(m.get("datasets"))).append("</h2>\n")
                .append("<p>").append(esc(m.get("datasets.count", cards.size()))).append("</p>")
                .append("<ul class=\"cards\">\n");
        for (Card c : cards) {
            b.append("<li><h3>").append(Html.link(page.url("datasets/" + c.id()), c.title())).append("</h3>");
            c.description().ifPresent(d -> b.append("<p>").append(esc(d)).append("</p>"));
            b.append("<dl class=\"facts\"><dt>").append(esc(m.get("publisher"))).append("</dt><dd>").append(esc(c.publisher())).append("</dd>");
            c.license().ifPresent(l -> b.append("<dt>").append(esc(m.get("license"))).append("</dt><dd>").append(Html.link(l, l)).append("</dd>"));
            b.append("<dt>").append(esc(m.get("version"))).append("</dt><dd>")
                    .append(c.version() == 0 ? esc(m.get("version.none")) : Long.toString(c.version()));
            c.modified().ifPresent(d -> b.append(" · ").append(esc(m.dateTime(d))));
            b.append("</dd>");
            c.triples().ifPresent(t -> b.append("<dt>").append(esc(m.get("size"))).append("</dt><dd>")
                    .append(esc(m.get("size.triples", t))).append("</dd>"));
            b.append("<dt>").append(esc(m.get("access"))).append("</dt><dd>")
                    .append(esc(m.get("access." + c.access().name().toLowerCase(java.util.Locale.ROOT)))).append("</dd>");
            c.lastRun().ifPresent(r -> b.append("<dt>").append(esc(m.get("quality"))).append("</dt><dd>").append(quality(r)).append("</dd>"));
            b.append("</dl>");
            if (c.version() > 0) {
                b.append("<a href=\"").append(esc(page.url("datasets/" + c.id() + "/dump.nq.gz"))).append("\">")
                        .append(esc(m.get("download.nquads"))).append("</a>");
            }
            b.append("</li>\n");
        }
        b.append("</ul>");
        List<String> scripts = withMap ? List.of(Assets.LEAFLET_JS, "assets/search.js", "assets/home.js") : List.of("assets/search.js");
        Layout.Head head = new Layout.Head(withMap ? List.of(Assets.LEAFLET_CSS) : List.of(), scripts, List.of())
                .withAlternate("text/turtle", page.url("catalog.ttl"));
        return Layout.render(page, Layout.Section.HOME, m.get("title", page.territory()), head, b.toString());
    }

    /** The territory's communes: a map (no tiles) and, as its text alternative, their list linked to their pages. */
    private void territory(StringBuilder b, List<Commune> communes, boolean withMap) {
        if (communes.isEmpty() && !withMap) {
            return;
        }
        b.append("<section aria-labelledby=\"territory\"><h2 id=\"territory\">").append(esc(m.get("communes", page.territory()))).append("</h2>\n");
        if (withMap) {
            b.append("<div id=\"home-map\" class=\"map small\" role=\"region\" aria-label=\"").append(esc(m.get("map.label", page.territory())))
                    .append("\" aria-describedby=\"home-communes-title\" data-src=\"")
                    .append(esc(page.url("map/data?indicator=population-2023&scale=commune&extent=territory&zoom=11"))).append("\"></div>\n");
        }
        b.append("<p id=\"home-communes-title\">").append(esc(m.get("communes.count", communes.size()))).append("</p>")
                .append("<ul id=\"home-communes\" class=\"links\">");
        for (Commune c : communes) {
            b.append("<li>").append(Html.link(c.url(), c.name())).append("</li>");
        }
        b.append("</ul></section>\n");
    }
}
