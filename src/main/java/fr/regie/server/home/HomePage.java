package fr.regie.server.home;

import static fr.regie.server.http.Html.esc;

import java.util.List;
import java.util.Optional;

import fr.regie.registry.AccessLevel;
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
                Optional<String> modified, Optional<Long> triples, AccessLevel access) {}

    private final PageRequest page;
    private final Messages m;

    HomePage(PageRequest page) {
        this.page = page;
        this.m = page.messages(HomePage.class);
    }

    String render(List<Card> cards) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<h1>").append(esc(m.get("title", page.territory()))).append("</h1>")
                .append("<p>").append(esc(m.get("datasets.count", cards.size()))).append("</p>")
                .append("<ul class=\"cards\">\n");
        for (Card c : cards) {
            b.append("<li><h2>").append(esc(c.title())).append("</h2>");
            c.description().ifPresent(d -> b.append("<p>").append(esc(d)).append("</p>"));
            b.append("<dl class=\"facts\"><dt>").append(esc(m.get("publisher"))).append("</dt><dd>").append(esc(c.publisher())).append("</dd>");
            c.license().ifPresent(l -> b.append("<dt>").append(esc(m.get("license"))).append("</dt><dd>").append(Html.link(l, l)).append("</dd>"));
            b.append("<dt>").append(esc(m.get("version"))).append("</dt><dd>")
                    .append(c.version() == 0 ? esc(m.get("version.none")) : Long.toString(c.version()));
            c.modified().ifPresent(d -> b.append(" · ").append(esc(d)));
            b.append("</dd>");
            c.triples().ifPresent(t -> b.append("<dt>").append(esc(m.get("size"))).append("</dt><dd>")
                    .append(esc(m.get("size.triples", t))).append("</dd>"));
            b.append("<dt>").append(esc(m.get("access"))).append("</dt><dd>")
                    .append(esc(m.get("access." + c.access().name().toLowerCase(java.util.Locale.ROOT)))).append("</dd></dl>");
            if (c.version() > 0) {
                b.append("<a href=\"").append(esc(page.url("datasets/" + c.id() + "/dump.nq.gz"))).append("\">")
                        .append(esc(m.get("download.nquads"))).append("</a>");
            }
            b.append("</li>\n");
        }
        b.append("</ul>");
        Layout.Head head = Layout.Head.NONE.withAlternate("text/turtle", page.url("catalog.ttl"));
        return Layout.render(page, Layout.Section.HOME, m.get("title", page.territory()), head, b.toString());
    }
}
