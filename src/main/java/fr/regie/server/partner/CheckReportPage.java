package fr.regie.server.partner;

import fr.regie.pipeline.CheckReport;
import static fr.regie.server.http.Html.esc;

import java.util.List;
import java.util.Map;

import fr.regie.registry.Partner;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * A check report for people: the verdict, the mapping and source errors, what was read and mapped,
 * how records were placed (directly, through the COG history, by geometry, not at all, with the
 * records not placed), the SHACL results, the terms no ontology declares, and the difference a
 * refresh would apply. As a page of its own, or as a section of the partner's page.
 */
final class CheckReportPage {
    /** Items of a list shown at most (the JSON has what the report holds). */
    static final int SHOWN = 50;

    private CheckReportPage() {}

    static String page(PageRequest p, Partner partner, CheckReport r) {
        Messages m = p.messages(CheckReportPage.class);
        String title = m.get("check.title", r.dataset());
        String main = "<h1>" + esc(title) + "</h1>" + section(p, r, "h2")
                + "<p><a href=\"" + esc(p.url("partners/" + partner.id())) + "\">" + esc(m.get("check.back", partner.name())) + "</a></p>";
        return Layout.render(p, Layout.Section.NONE, title, Layout.Head.NONE, main);
    }

    /** The report as a section, its headings at {@code level} ({@code h2}, {@code h3}). */
    static String section(PageRequest p, CheckReport r, String level) {
        Messages m = p.messages(CheckReportPage.class);
        String sub = level.equals("h2") ? "h3" : "h4";
        StringBuilder b = new StringBuilder(4096);
        b.append("<section class=\"check-report\" data-dataset=\"").append(esc(r.dataset())).append("\" data-ok=\"").append(r.ok())
                .append("\"><").append(level).append('>').append(esc(m.get("check.heading", r.dataset(), m.dateTime(r.at().toString()))))
                .append("</").append(level).append('>');
        b.append("<p class=\"verdict ").append(r.ok() ? "ok" : "failed").append("\">")
                .append(esc(m.get(r.ok() ? "check.ok" : "check.failed", r.took().toMillis()))).append("</p>");
        list(b, m, sub, "check.errors", r.errors());
        b.append("<dl class=\"facts\">");
        fact(b, m, "check.rows", r.rows());
        fact(b, m, "check.triples", r.triples());
        fact(b, m, "check.linkedDirect", r.linkedDirect());
        fact(b, m, "check.linkedThroughHistory", r.linkedThroughHistory());
        fact(b, m, "check.linkedByGeometry", r.linkedByGeometry());
        fact(b, m, "check.notPlaced", r.notPlaced());
        fact(b, m, "check.violations", r.violations());
        fact(b, m, "check.warnings", r.warnings());
        fact(b, m, "check.added", r.added());
        fact(b, m, "check.removed", r.removed());
        fact(b, m, "check.unchanged", r.unchanged());
        b.append("</dl>");
        list(b, m, sub, "check.notPlacedRecords", r.notPlacedRecords());
        list(b, m, sub, "check.shaclExamples", r.shaclExamples());
        list(b, m, sub, "check.undeclaredTerms", r.undeclaredTerms());
        list(b, m, sub, "check.removedExamples", r.removedExamples());
        if (!r.sourceNotes().isEmpty()) {
            b.append('<').append(sub).append('>').append(esc(m.get("check.sourceNotes"))).append("</").append(sub).append("><dl class=\"facts\">");
            for (Map.Entry<String, String> e : r.sourceNotes().entrySet()) {
                b.append("<dt>").append(esc(e.getKey())).append("</dt><dd>").append(esc(e.getValue())).append("</dd>");
            }
            b.append("</dl>");
        }
        return b.append("</section>").toString();
    }

    private static void fact(StringBuilder b, Messages m, String key, long n) {
        b.append("<dt>").append(esc(m.get(key))).append("</dt><dd data-key=\"").append(key.substring("check.".length())).append("\">")
                .append(n).append("</dd>");
    }

    private static void list(StringBuilder b, Messages m, String level, String key, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append('<').append(level).append('>').append(esc(m.get(key, items.size()))).append("</").append(level).append("><ul class=\"")
                .append(key.substring("check.".length())).append("\">");
        items.stream().limit(SHOWN).forEach(x -> b.append("<li><code>").append(esc(x)).append("</code></li>"));
        if (items.size() > SHOWN) {
            b.append("<li>").append(esc(m.get("check.more", items.size() - SHOWN))).append("</li>");
        }
        b.append("</ul>");
    }
}
