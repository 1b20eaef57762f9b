package fr.regie.server.datasetpage;

import static fr.regie.server.http.Html.esc;

import java.util.List;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;

/** {@code /datasets}: the datasets the caller may see, each a link to its page. */
final class DatasetList {
    private DatasetList() {}

    static String render(PageRequest p, List<DatasetSpec> visible) {
        Messages m = p.messages(DatasetList.class);
        StringBuilder b = new StringBuilder(2048);
        b.append("<h1>").append(esc(m.get("list.title"))).append("</h1><ul id=\"datasets\">");
        for (DatasetSpec d : visible) {
            b.append("<li><a href=\"").append(esc(p.url("datasets/" + d.id()))).append("\">").append(esc(d.title())).append("</a> · ")
                    .append(esc(d.publisherName()));
            d.description().ifPresent(x -> b.append("<br>").append(esc(x)));
            b.append("</li>");
        }
        b.append("</ul>");
        return Layout.render(p, Layout.Section.DATASETS, m.get("list.title"), Layout.Head.NONE.withAlternate("text/turtle", p.url("catalog.ttl")),
                b.toString());
    }
}
