package fr.regie.server.partner;

import static fr.regie.server.http.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/**
 * A partner's page for people: per dataset, its live version, one page of its versions with the
 * quality each run recorded (SHACL counts, records placed by path, records not placed, mapping
 * files and their SHA-256), the runs that made no version, then the partner's last check reports.
 * Everything from the registry or the store is escaped.
 */
final class PartnerPage {
    private final PageRequest page;
    private final Messages m;

    PartnerPage(PageRequest page) {
        this.page = page;
        this.m = page.messages(PartnerPage.class);
    }

    String render(PartnerView v, List<String> checks) {
        StringBuilder b = new StringBuilder(16384);
        b.append("<h1>").append(esc(m.get("title", v.name()))).append("</h1>");
        b.append("<p class=\"lead\">").append(esc(m.get("lead"))).append("</p>");
        if (v.datasets().isEmpty()) {
            b.append("<p id=\"no-datasets\">").append(esc(m.get("datasets.none"))).append("</p>");
        }
        long pages = 1;
        for (PartnerView.Dataset d : v.datasets()) {
            dataset(b, d);
            pages = Math.max(pages, (d.versionCount() + v.perPage() - 1) / v.perPage());
        }
        pager(b, v.page(), pages);
        b.append("<section id=\"checks\"><h2>").append(esc(m.get("checks"))).append("</h2>");
        b.append(checks.isEmpty() ? "<p>" + esc(m.get("checks.none")) + "</p>" : String.join("\n", checks));
        b.append("</section>");
        Layout.Head head = Layout.Head.NONE.withAlternate("application/json", page.url("partners/" + v.id() + ".json"));
        return Layout.render(page, Layout.Section.NONE, m.get("title", v.name()), head, b.toString());
    }

    private void dataset(StringBuilder b, PartnerView.Dataset d) {
        b.append("<section class=\"partner-dataset\" id=\"dataset-").append(esc(d.id())).append("\" data-dataset=\"").append(esc(d.id()))
                .append("\"><h2><a href=\"").append(esc(page.url("datasets/" + d.id()))).append("\">").append(esc(d.title()))
                .append("</a></h2><dl class=\"facts\">");
        fact(b, "identifier", "<code>" + esc(d.id()) + "</code>");
        fact(b, "access", esc(m.get("access." + d.access().name().toLowerCase(Locale.ROOT))));
        fact(b, "version", d.liveVersion() == 0 ? esc(m.get("version.none"))
                : d.liveVersion() + d.modified().map(t -> " · " + esc(m.dateTime(t))).orElse(""));
        d.triples().ifPresent(t -> fact(b, "size", esc(m.get("size.triples", t))));
        b.append("</dl>");
        b.append("<h3>").append(esc(m.get("versions"))).append("</h3><div class=\"scroll\"><table class=\"versions\"><thead><tr>");
        for (String h : new String[] {"versions.version", "versions.date", "versions.added", "versions.removed", "versions.rows",
                "quality.violations", "quality.warnings", "quality.notPlaced", "quality.placed", "mappings"}) {
            b.append("<th scope=\"col\">").append(esc(m.get(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (PartnerView.Version v : d.versions()) {
            b.append("<tr data-version=\"").append(v.version()).append("\"><th scope=\"row\">").append(v.version()).append("</th><td>")
                    .append(esc(m.dateTime(v.time()))).append("</td><td>+").append(v.added()).append("</td><td>−").append(v.removed())
                    .append("</td>");
            if (v.run().isPresent()) {
                runCells(b, v.run().get());
            } else {
                b.append("<td colspan=\"6\">").append(esc(m.get("versions.norun"))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div><p>").append(esc(m.get("versions.shown", d.versions().size(), d.versionCount()))).append("</p>");
        d.versions().stream().flatMap(v -> v.run().stream()).findFirst().ifPresent(r -> examples(b, r));
        // The newest version shown whose run left records out (an incremental run counts only the records it read).
        d.versions().stream().filter(v -> v.run().map(r -> r.quality().notPlaced() > 0).orElse(false)).findFirst().ifPresent(v ->
                b.append("<p class=\"not-placed\">").append(esc(m.get("quality.notPlaced.note", v.run().get().quality().notPlaced(), v.version())))
                        .append("</p>"));
        if (!d.otherRuns().isEmpty()) {
            b.append("<h3>").append(esc(m.get("runs.other"))).append("</h3><ul class=\"other-runs\">");
            for (PartnerView.Run r : d.otherRuns()) {
                b.append("<li>").append(esc(m.dateTime(r.ended()))).append(" · <strong>").append(esc(r.outcome())).append("</strong>");
                if (!r.message().isEmpty()) {
                    b.append(" · ").append(esc(r.message()));
                }
                b.append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</section>");
    }

    private void runCells(StringBuilder b, PartnerView.Run r) {
        PartnerView.Quality q = r.quality();
        b.append("<td>").append(r.rowsRead()).append("</td><td>").append(q.violations()).append("</td><td>").append(q.warnings())
                .append("</td><td>").append(q.notPlaced()).append("</td><td>");
        for (Map.Entry<String, Long> e : q.placedByPath().entrySet()) {
            b.append("<code>").append(esc(e.getKey())).append("</code> ").append(e.getValue()).append("<br>");
        }
        b.append("</td><td>");
        for (PartnerView.MappingFile f : r.mappings()) {
            b.append("<code>").append(esc(f.file())).append("</code><br><code class=\"sha256\">").append(esc(f.sha256())).append("</code><br>");
        }
        b.append("</td>");
    }

    private void examples(StringBuilder b, PartnerView.Run r) {
        if (!r.examples().isEmpty()) {
            b.append("<h3>").append(esc(m.get("quality.latest"))).append("</h3><ul class=\"shacl-examples\">");
            r.examples().forEach(x -> b.append("<li><code>").append(esc(x)).append("</code></li>"));
            b.append("</ul>");
        }
        if (!r.notPlaced().isEmpty()) {
            b.append("<h3>").append(esc(m.get("notPlaced.latest", r.quality().notPlaced()))).append("</h3><ul class=\"not-placed\">");
            r.notPlaced().forEach(x -> b.append("<li><code>").append(esc(x)).append("</code></li>"));
            b.append("</ul>");
        }
    }

    private void pager(StringBuilder b, int at, long pages) {
        if (pages <= 1) {
            return;
        }
        b.append("<nav class=\"pager\" aria-label=\"").append(esc(m.get("pager"))).append("\">");
        if (at > 1) {
            b.append("<a rel=\"prev\" href=\"?page=").append(at - 1).append("\">").append(esc(m.get("pager.prev"))).append("</a> ");
        }
        if (at < pages) {
            b.append("<a rel=\"next\" href=\"?page=").append(at + 1).append("\">").append(esc(m.get("pager.next"))).append("</a>");
        }
        b.append("</nav>");
    }

    private void fact(StringBuilder b, String key, String html) {
        b.append("<dt>").append(esc(m.get(key))).append("</dt><dd>").append(html).append("</dd>");
    }
}
