package fr.regie.server.home;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import fr.regie.registry.AccessLevel;
import fr.regie.server.http.Html;

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

    private static final String CSS = """
            body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            nav a{margin-right:1rem}ul.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
            ul.cards li{border:1px solid #ccc;border-radius:.4rem;padding:.8rem}ul.cards h2{font-size:1.1rem;margin:0 0 .3rem}
            dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:.5rem 0}dt{color:#555}dd{margin:0}a{color:#0645ad}
            """;

    private final String territory;
    private final String base;

    HomePage(String territory, String base) {
        this.territory = territory;
        this.base = base;
    }

    String render(List<Card> cards) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Régie de données · ").append(Html.esc(territory)).append("</title><style>").append(CSS).append("</style>")
                .append("<link rel=\"alternate\" type=\"text/turtle\" href=\"").append(Html.esc(base)).append("catalog.ttl\">")
                .append("</head><body>\n<header><h1>Régie de données · ").append(Html.esc(territory)).append("</h1>")
                .append("<nav aria-label=\"Accès\"><a href=\"").append(Html.esc(base)).append("catalog\">Catalogue (DCAT)</a>")
                .append("<a href=\"").append(Html.esc(base)).append("sparql\">SPARQL</a>")
                .append("<a href=\"").append(Html.esc(base)).append("api/openapi.json\">API (OpenAPI)</a></nav></header>\n<main>")
                .append("<p>").append(cards.size()).append(cards.size() > 1 ? " jeux de données" : " jeu de données").append("</p>")
                .append("<ul class=\"cards\">\n");
        for (Card c : cards) {
            b.append("<li><h2>").append(Html.esc(c.title())).append("</h2>");
            c.description().ifPresent(d -> b.append("<p>").append(Html.esc(d)).append("</p>"));
            b.append("<dl><dt>Producteur</dt><dd>").append(Html.esc(c.publisher())).append("</dd>");
            c.license().ifPresent(l -> b.append("<dt>Licence</dt><dd>").append(Html.link(l, l)).append("</dd>"));
            b.append("<dt>Version</dt><dd>").append(c.version() == 0 ? "pas encore chargé" : Long.toString(c.version()));
            c.modified().ifPresent(m -> b.append(" · ").append(Html.esc(m)));
            b.append("</dd>");
            c.triples().ifPresent(t -> b.append("<dt>Taille</dt><dd>").append(String.format(Locale.FRANCE, "%,d", t)).append(" triplets</dd>"));
            b.append("<dt>Accès</dt><dd>").append(switch (c.access()) {
                case PUBLIC -> "public";
                case PARTNERS -> "partenaires";
                case RESTRICTED -> "restreint";
            }).append("</dd></dl>");
            if (c.version() > 0) {
                b.append("<a href=\"").append(Html.esc(base)).append("datasets/").append(Html.esc(c.id())).append("/dump.nq.gz\">Télécharger (N-Quads)</a>");
            }
            b.append("</li>\n");
        }
        return b.append("</ul></main></body></html>\n").toString();
    }

}
