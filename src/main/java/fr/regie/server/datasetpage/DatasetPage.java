package fr.regie.server.datasetpage;

import static fr.regie.server.http.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.jena.graph.Node;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.CatalogFacts;
import fr.regie.server.http.Html;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;
import fr.regie.server.resource.Ontology;

/**
 * A dataset's page: what the registry declares, the schedule, the version history, the quality
 * of the live version, a page of its rows, its downloads with their sizes, the taps that read it
 * and a link to the SPARQL editor. Everything that comes from the registry or the store is
 * escaped; links are made only of this server's URLs and http(s) IRIs.
 */
final class DatasetPage {
    /** Values shown in one cell at most; the rest is counted. */
    static final int CELL_VALUES = 5;

    private final PageRequest page;
    private final Messages m;
    private final Ontology ontology;
    private final UnaryOperator<String> local;

    DatasetPage(PageRequest page, Ontology ontology, UnaryOperator<String> local) {
        this.page = page;
        this.m = page.messages(DatasetPage.class);
        this.ontology = ontology;
        this.local = local;
    }

    String render(DatasetView v) {
        String id = v.spec().id();
        StringBuilder b = new StringBuilder(16384);
        b.append("<h1>").append(esc(v.spec().title())).append("</h1>");
        v.spec().description().ifPresent(d -> b.append("<p class=\"lead\">").append(esc(d)).append("</p>"));
        b.append("<dl class=\"facts\">");
        fact(b, "identifier", esc(id));
        fact(b, "publisher", esc(v.spec().publisherName()));
        v.spec().license().filter(Node::isURI).ifPresent(l -> fact(b, "license", Html.link(l.getURI(), l.getURI())));
        fact(b, "access", esc(m.get("access." + v.access().name().toLowerCase(Locale.ROOT))));
        v.spec().catalog().spatial().ifPresent(s -> fact(b, "coverage", Html.link(local.apply(s.getURI()), v.coverage().orElse(s.getURI()))));
        v.spec().catalog().temporal().ifPresent(t -> fact(b, "period", esc(t.text())));
        if (!v.spec().catalog().keywords().isEmpty()) {
            fact(b, "keywords", esc(String.join(", ", v.spec().catalog().keywords().stream().map(Node::getLiteralLexicalForm).toList())));
        }
        if (!v.spec().catalog().themes().isEmpty()) {
            fact(b, "themes", String.join(", ", v.spec().catalog().themes().stream()
                    .map(t -> Html.link(t.getURI(), CatalogFacts.themeLabel(t, page.lang().code()).orElse(t.getURI()))).toList()));
        }
        v.spec().accrualPeriodicity().filter(Node::isURI).ifPresent(f -> {
            String code = f.getURI().substring(f.getURI().lastIndexOf('/') + 1);
            String label = m.get("frequency." + code);
            fact(b, "frequency", Html.link(f.getURI(), label.startsWith("⟦") ? code : label));
        });
        v.spec().cron().ifPresent(c -> fact(b, "schedule", "<code>" + esc(c) + "</code>"
                + v.nextRun().map(n -> " · " + esc(m.get("schedule.next", n))).orElse("")));
        fact(b, "version", v.status().version() == 0 ? esc(m.get("version.none"))
                : v.status().version() + v.status().modified().map(d -> " · " + esc(m.dateTime(d))).orElse(""));
        v.status().triples().ifPresent(t -> fact(b, "size", esc(m.get("size.triples", t))));
        b.append("</dl>");
        b.append("<p><a id=\"open-editor\" class=\"button\" href=\"").append(esc(page.url("sparql") + "?query="
                + java.net.URLEncoder.encode(v.editorQuery(), java.nio.charset.StandardCharsets.UTF_8))).append("\">")
                .append(esc(m.get("editor"))).append("</a></p>");
        downloads(b, v.downloads());
        table(b, v);
        history(b, v, id);
        quality(b, v.liveRun());
        taps(b, v.taps());
        Layout.Head head = Layout.Head.NONE.withAlternate("text/turtle", page.url("catalog/datasets/" + id));
        return Layout.render(page, Layout.Section.DATASETS, v.spec().title(), head, b.toString());
    }

    private void fact(StringBuilder b, String key, String html) {
        b.append("<dt>").append(esc(m.get(key))).append("</dt><dd>").append(html).append("</dd>");
    }

    private void downloads(StringBuilder b, List<DatasetView.Download> downloads) {
        b.append("<h2 id=\"downloads-title\">").append(esc(m.get("downloads"))).append("</h2><ul id=\"downloads\">");
        for (DatasetView.Download d : downloads) {
            b.append("<li><a href=\"").append(esc(d.url())).append("\" type=\"").append(esc(d.mediaType())).append('"');
            d.bytes().ifPresent(n -> b.append(" data-bytes=\"").append(n).append('"'));
            b.append('>').append(esc(d.label())).append("</a> · ")
                    .append(esc(d.bytes().map(n -> m.get("bytes", n)).orElse(m.get("bytes.unknown")))).append("</li>");
        }
        b.append("</ul>");
    }

    private void table(StringBuilder b, DatasetView v) {
        DatasetView.Table t = v.table();
        b.append("<h2 id=\"rows-title\">").append(esc(m.get("rows"))).append("</h2>");
        b.append("<p>").append(esc(m.get("rows.count", t.subjects(), t.page(), Math.max(1, t.pages())))).append("</p>");
        b.append("<div class=\"scroll\"><table id=\"dataset-table\" data-page=\"").append(t.page()).append("\" data-subjects=\"")
                .append(t.subjects()).append("\"><caption>").append(esc(m.get("rows.caption", v.spec().title()))).append("</caption><thead><tr><th scope=\"col\">")
                .append(esc(m.get("rows.subject"))).append("</th>");
        for (Node p : t.columns()) {
            b.append("<th scope=\"col\" title=\"").append(esc(p.getURI())).append("\">").append(esc(label(p))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (Map.Entry<Node, Map<Node, List<Node>>> row : t.rows().entrySet()) {
            b.append("<tr><th scope=\"row\">").append(iri(row.getKey())).append("</th>");
            for (Node p : t.columns()) {
                b.append("<td>");
                List<Node> vs = row.getValue().getOrDefault(p, List.of());
                for (int i = 0; i < Math.min(vs.size(), CELL_VALUES); i++) {
                    b.append(i > 0 ? "<br>" : "").append(value(vs.get(i)));
                }
                if (vs.size() > CELL_VALUES) {
                    b.append("<br>").append(esc(m.get("rows.more", vs.size() - CELL_VALUES)));
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
        if (t.pages() > 1) {
            b.append("<nav class=\"pager\" aria-label=\"").append(esc(m.get("pager"))).append("\">");
            if (t.page() > 1) {
                b.append("<a rel=\"prev\" href=\"?page=").append(t.page() - 1).append("\">").append(esc(m.get("pager.prev"))).append("</a> ");
            }
            if (t.page() < t.pages()) {
                b.append("<a rel=\"next\" href=\"?page=").append(t.page() + 1).append("\">").append(esc(m.get("pager.next"))).append("</a>");
            }
            b.append("</nav>");
        }
    }

    private void history(StringBuilder b, DatasetView v, String id) {
        b.append("<h2 id=\"history-title\">").append(esc(m.get("history"))).append("</h2>");
        b.append("<div class=\"scroll\"><table id=\"history\"><thead><tr><th scope=\"col\">").append(esc(m.get("history.version")))
                .append("</th><th scope=\"col\">").append(esc(m.get("history.date"))).append("</th><th scope=\"col\">")
                .append(esc(m.get("history.added"))).append("</th><th scope=\"col\">").append(esc(m.get("history.removed")))
                .append("</th></tr></thead><tbody>");
        for (MetaRecords.Version h : v.history()) {
            b.append("<tr><td>").append(h.version()).append("</td><td>").append(esc(m.dateTime(h.time()))).append("</td><td>+")
                    .append(h.added()).append("</td><td>−").append(h.removed()).append("</td></tr>");
        }
        b.append("</tbody></table></div><p>").append(esc(m.get("history.shown", v.history().size(), v.versions())))
                .append(" <a href=\"").append(esc(page.url("datasets/" + id + "/changes"))).append("\">")
                .append(esc(m.get("history.feed"))).append("</a> · <a href=\"").append(esc(page.url("datasets/" + id + "/ldes")))
                .append("\">").append(esc(m.get("history.ldes"))).append("</a></p>");
    }

    private void quality(StringBuilder b, java.util.Optional<MetaRecords.Run> run) {
        b.append("<section id=\"quality\"><h2>").append(esc(m.get("quality"))).append("</h2>");
        if (run.isEmpty()) {
            b.append("<p>").append(esc(m.get("quality.none"))).append("</p></section>");
            return;
        }
        b.append("<p>").append(esc(m.get("quality.run", m.dateTime(run.get().ended()), run.get().rowsRead()))).append("</p>");
        b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">").append(esc(m.get("quality.measure")))
                .append("</th><th scope=\"col\">").append(esc(m.get("quality.value"))).append("</th></tr></thead><tbody>");
        for (Map.Entry<String, String> e : run.get().measurements().entrySet()) {
            String key = e.getKey();
            int sp = key.indexOf(' ');
            String metric = sp < 0 ? key : key.substring(0, sp);
            String what = sp < 0 ? "" : key.substring(sp + 1);
            b.append("<tr><th scope=\"row\">").append(esc(m.get("quality." + metric)));
            if (!what.isEmpty()) {
                b.append(" · <code>").append(esc(what)).append("</code>");
            }
            b.append("</th><td>").append(esc(e.getValue())).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        if (!run.get().examples().isEmpty()) {
            b.append("<h3>").append(esc(m.get("quality.examples"))).append("</h3><ul id=\"quality-examples\">");
            run.get().examples().forEach(x -> b.append("<li><code>").append(esc(x)).append("</code></li>"));
            b.append("</ul>");
        }
        b.append("</section>");
    }

    private void taps(StringBuilder b, List<DatasetView.TapLink> taps) {
        b.append("<h2 id=\"taps-title\">").append(esc(m.get("taps"))).append("</h2>");
        if (taps.isEmpty()) {
            b.append("<p>").append(esc(m.get("taps.none"))).append("</p>");
            return;
        }
        b.append("<ul id=\"taps\">");
        for (DatasetView.TapLink t : taps) {
            b.append("<li><a href=\"").append(esc(page.url("api/" + t.name()))).append("\"><code>").append(esc(t.name()))
                    .append("</code></a> · ").append(esc(t.title())).append("</li>");
        }
        b.append("</ul>");
    }

    /** A property's label from the ontology in the page's language, else its local name. */
    String label(Node p) {
        String iri = p.getURI();
        return ontology.label(iri, page.lang().code())
                .orElse(iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1));
    }

    private String value(Node v) {
        if (v.isURI()) {
            return iri(v);
        }
        if (v.isLiteral()) {
            String lang = v.getLiteralLanguage();
            return lang.isEmpty() ? esc(v.getLiteralLexicalForm())
                    : "<span lang=\"" + esc(lang) + "\">" + esc(v.getLiteralLexicalForm()) + "</span>";
        }
        return "[…]";
    }

    private String iri(Node n) {
        String url = local.apply(n.getURI());
        return Html.link(url, n.getURI());
    }
}
