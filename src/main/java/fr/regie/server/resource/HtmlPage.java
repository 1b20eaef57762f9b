package fr.regie.server.resource;

import static fr.regie.server.http.Html.esc;
import static fr.regie.server.http.Html.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

import fr.regie.server.http.JsonLdContext;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.http.MediaFormat;

/**
 * The HTML page of a resource, for people: its label as title, its types, the chain of
 * territories it lies in up to the région, a table of its properties (resources linked, with
 * their labels; those under the territory's base IRI linked to this server), the datasets its
 * triples come from with publisher and licence, and links to the other formats. Everything from
 * the store is escaped.
 */
final class HtmlPage {
    /** A dataset that contributed triples, with its live version. */
    record Source(DatasetSpec dataset, Datasets.Version version) {}

    private static final String CSS = """
            body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            h1{margin-bottom:.2rem}.iri{color:#666;font-family:monospace;word-break:break-all;margin-top:0}
            .types span{background:#eef;border-radius:.3rem;padding:.1rem .5rem;margin-right:.3rem}
            nav.chain ol{list-style:none;padding:0;display:flex;flex-wrap:wrap}
            nav.chain li+li:before{content:"›";padding:0 .5rem;color:#888}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}
            th{width:30%;font-weight:600}th small,td small{color:#777;font-weight:normal}a{color:#0645ad}
            footer{margin-top:2rem;color:#555}
            """;

    private final JsonLdContext context;
    private final Ontology ontology;

    HtmlPage(JsonLdContext context, Ontology ontology) {
        this.context = context;
        this.ontology = ontology;
    }

    /**
     * The page. {@code local} maps an IRI to the URL it is fetched at; {@code self} is the
     * resource's own URL, without suffix.
     */
    String render(Description d, VisibleLookup lookup, List<Source> sources, UnaryOperator<String> local, String self) {
        Node s = d.subject();
        String title = lookup.label(s).orElse(s.getURI());
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style>");
        for (MediaFormat f : ResourceServlet.OFFERED) {
            if (f != MediaFormat.HTML) {
                b.append("<link rel=\"alternate\" type=\"").append(f.mediaType()).append("\" href=\"")
                        .append(esc(self + f.suffix())).append("\" title=\"").append(f.title()).append("\">");
            }
        }
        b.append("</head><body>\n<header><h1>").append(esc(title)).append("</h1><p class=\"iri\">")
                .append(esc(s.getURI())).append("</p><p class=\"types\">");
        for (Node t : lookup.types(s)) {
            b.append("<span>").append(t.isURI() ? link(local.apply(t.getURI()), ontology.label(t.getURI()).orElse(name(t.getURI()))) : esc(t.toString())).append("</span>");
        }
        b.append("</p></header>\n");
        chain(b, s, lookup, local);
        properties(b, d, lookup, local);
        sources(b, sources);
        b.append("<footer>Formats : ");
        List<String> links = new ArrayList<>();
        for (MediaFormat f : ResourceServlet.OFFERED) {
            if (f != MediaFormat.HTML) {
                links.add(link(self + f.suffix(), f.title()));
            }
        }
        b.append(String.join(" · ", links)).append("</footer>\n</body></html>\n");
        return b.toString();
    }

    private void chain(StringBuilder b, Node s, VisibleLookup lookup, UnaryOperator<String> local) {
        List<Node> chain = TerritoryChain.of(s, lookup);
        if (chain.isEmpty()) {
            return;
        }
        b.append("<nav class=\"chain\" aria-label=\"Territoires\"><ol>");
        for (Node t : chain) {
            b.append("<li>").append(link(local.apply(t.getURI()), lookup.label(t).orElse(t.getURI()))).append("</li>");
        }
        b.append("</ol></nav>\n");
    }

    private void properties(StringBuilder b, Description d, VisibleLookup lookup, UnaryOperator<String> local) {
        Map<Node, List<Node>> byProperty = new LinkedHashMap<>();
        Map<Node, List<Triple>> blanks = new LinkedHashMap<>();
        for (Triple t : d.triples()) {
            if (t.getSubject().equals(d.subject())) {
                if (!t.getPredicate().equals(RDF.type.asNode())) {
                    byProperty.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
                }
            } else {
                blanks.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t);
            }
        }
        b.append("<table class=\"properties\">\n");
        byProperty.forEach((p, values) -> {
            b.append("<tr><th>").append(link(p.getURI(), ontology.label(p.getURI()).orElse(name(p.getURI()))))
                    .append(" <small>").append(esc(name(p.getURI()))).append("</small></th><td>");
            List<String> cells = new ArrayList<>();
            for (Node v : values) {
                cells.add(value(v, lookup, local, blanks));
            }
            b.append(String.join("<br>", cells)).append("</td></tr>\n");
        });
        b.append("</table>\n");
    }

    private String value(Node v, VisibleLookup lookup, UnaryOperator<String> local, Map<Node, List<Triple>> blanks) {
        if (v.isURI()) {
            String url = local.apply(v.getURI());
            return lookup.label(v).map(l -> link(url, l) + " <small>" + esc(v.getURI()) + "</small>").orElse(link(url, v.getURI()));
        }
        if (v.isBlank()) {
            List<String> parts = new ArrayList<>();
            for (Triple t : blanks.getOrDefault(v, List.of())) {
                parts.add(esc(name(t.getPredicate().getURI())) + " : "
                        + (t.getObject().isBlank() ? "[…]" : value(t.getObject(), lookup, local, Map.of())));
            }
            return "[ " + String.join(" ; ", parts) + " ]";
        }
        String lang = v.getLiteralLanguage();
        String dt = v.getLiteralDatatypeURI();
        String note = !lang.isEmpty() ? "@" + lang : dt.endsWith("#string") ? "" : name(dt);
        return esc(v.getLiteralLexicalForm()) + (note.isEmpty() ? "" : " <small>" + esc(note) + "</small>");
    }

    private void sources(StringBuilder b, List<Source> sources) {
        if (sources.isEmpty()) {
            return;
        }
        b.append("<section class=\"sources\"><h2>Jeux de données</h2><ul>\n");
        for (Source src : sources) {
            DatasetSpec ds = src.dataset();
            b.append("<li><strong>").append(esc(ds.title())).append("</strong>, publié par ").append(esc(ds.publisherName()));
            ds.license().filter(Node::isURI).ifPresent(l -> b.append(" — licence ").append(link(l.getURI(), l.getURI())));
            b.append(" — version ").append(src.version().number());
            src.version().modified().ifPresent(m -> b.append(" du ").append(esc(m.toString())));
            b.append("</li>\n");
        }
        b.append("</ul></section>\n");
    }

    private String name(String iri) {
        return context.compactVocab(iri);
    }
}
