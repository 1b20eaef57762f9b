package fr.regie.server.resource;

import static fr.regie.server.http.Html.esc;
import static fr.regie.server.http.Html.link;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.assets.Assets;
import fr.regie.server.http.JsonLdContext;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;
import fr.regie.territory.Vocab;

/**
 * The HTML page of a resource, for people, in the shared {@link Layout} (French or English): its
 * label as title, its types, the chain of territories it lies in up to the région (each with its
 * type, so that homonyms are told apart), a small map when it has a geometry ({@code #resource-map},
 * fed by its own GeoJSON), a table of its properties (resources linked with their labels; the
 * values of its own nested nodes, such as a commune's population of a year, shown inline, numbers
 * as numbers), the resources that link to it in sections by property and type (capped, each with
 * the query that lists them all), the datasets its triples come from, and links to the other
 * formats. Everything from the store is escaped.
 */
final class HtmlPage {
    /** A dataset that contributed triples, with its live version. */
    record Source(DatasetSpec dataset, Datasets.Version version) {}

    /** What the page shows besides the description. */
    /**
     * What the page shows besides the description; {@code commune}, for a resource without a
     * geometry placed in a commune that has one, the commune's URL (its outline is then mapped).
     */
    record Extras(List<Source> sources, boolean hasGeometry, List<Incoming.Section> incoming, java.util.Optional<String> commune) {}

    /** Characters of a literal shown (a boundary's WKT runs to megabytes); values of one nested node shown. */
    static final int MAX_LITERAL = 300;
    static final int MAX_NESTED = 30;

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
    String render(PageRequest page, Description d, VisibleLookup lookup, Extras extras, UnaryOperator<String> local, String self) {
        Messages m = page.messages(HtmlPage.class);
        String lang = page.lang().code();
        Node s = d.subject();
        String title = lookup.label(s).orElse(s.getURI());
        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"iri\">").append(esc(s.getURI())).append("</p><p class=\"types\">");
        for (Node t : lookup.types(s)) {
            b.append("<span class=\"badge\">").append(t.isURI() ? link(local.apply(t.getURI()), className(t.getURI(), lang)) : esc(t.toString()))
                    .append("</span> ");
        }
        b.append("</p>\n");
        chain(b, s, lookup, local, m, lang);
        java.util.Optional<String> mapped = extras.hasGeometry() ? java.util.Optional.of(self) : extras.commune();
        if (mapped.isPresent()) {
            String geojson = mapped.get() + MediaFormat.GEOJSON.suffix();
            b.append("<figure class=\"resource-map\"><div id=\"resource-map\" class=\"map small\" role=\"region\" aria-label=\"")
                    .append(esc(m.get("map.label", title))).append("\" data-src=\"").append(esc(geojson)).append("\"></div><figcaption>")
                    .append(esc(m.get(extras.hasGeometry() ? "map.caption" : "map.caption.commune", title))).append(' ')
                    .append(link(geojson, "GeoJSON")).append("</figcaption></figure>\n");
        }
        properties(b, d, lookup, local, m, page);
        incoming(b, s, extras.incoming(), lookup, local, m, page);
        sources(b, extras.sources(), m, page);
        b.append("<p class=\"formats\">").append(esc(m.get("formats"))).append(' ');
        List<String> links = new ArrayList<>();
        Layout.Head head = Layout.Head.NONE;
        for (MediaFormat f : ResourceServlet.OFFERED) {
            if (f != MediaFormat.HTML && (f != MediaFormat.GEOJSON || extras.hasGeometry())) {
                links.add(link(self + f.suffix(), f.title()));
                head = head.withAlternate(f.mediaType(), self + f.suffix());
            }
        }
        b.append(String.join(" · ", links)).append("</p>\n");
        if (mapped.isPresent()) {
            head = new Layout.Head(List.of(Assets.LEAFLET_CSS), List.of(Assets.LEAFLET_JS, Assets.own("resource.js")), head.alternates());
        }
        return Layout.render(page, Layout.Section.NONE, title, head, b.toString());
    }

    private void chain(StringBuilder b, Node s, VisibleLookup lookup, UnaryOperator<String> local, Messages m, String lang) {
        List<Node> chain = TerritoryChain.of(s, lookup);
        if (chain.isEmpty()) {
            return;
        }
        b.append("<nav class=\"chain\" aria-label=\"").append(esc(m.get("chain"))).append("\"><ol>");
        for (Node t : chain) {
            b.append("<li>").append(link(local.apply(t.getURI()), lookup.label(t).orElse(t.getURI())));
            // The type tells homonyms apart: Saint-Denis · arrondissement, Saint-Denis · commune.
            TerritoryChain.typeOf(t, lookup)
                    .ifPresent(type -> b.append(" <small>· ").append(esc(className(type, lang))).append("</small>"));
            b.append("</li>");
        }
        b.append("</ol></nav>\n");
    }

    private void properties(StringBuilder b, Description d, VisibleLookup lookup, UnaryOperator<String> local, Messages m, PageRequest page) {
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
        b.append("<h2>").append(esc(m.get("properties"))).append("</h2>\n<div class=\"scroll\"><table class=\"properties\">\n");
        byProperty.forEach((p, values) -> {
            b.append("<tr><th scope=\"row\">").append(link(p.getURI(), propertyName(p.getURI(), page.lang().code())))
                    .append(" <small>").append(esc(name(p.getURI()))).append("</small></th><td>");
            List<String> cells = new ArrayList<>();
            for (Node v : values) {
                cells.add(value(d.subject(), p, v, lookup, local, blanks, page));
            }
            b.append(String.join("<br>", cells)).append("</td></tr>\n");
        });
        b.append("</table></div>\n");
    }

    /** Whether a linked IRI is one of the subject's own nodes ({@code …/93066/population/2023}), shown inline. */
    static boolean nested(Node subject, Node v) {
        return v.isURI() && v.getURI().startsWith(subject.getURI() + "/");
    }

    private String value(Node subject, Node p, Node v, VisibleLookup lookup, UnaryOperator<String> local, Map<Node, List<Triple>> blanks,
                         PageRequest page) {
        if (v.isURI() && nested(subject, v) && !p.equals(Vocab.hasGeometry)) {
            List<Node[]> pairs = new ArrayList<>();
            for (Node[] pv : lookup.all(v, MAX_NESTED)) {
                if (!pv[0].equals(RDF.type.asNode()) && !pv[1].isBlank()) {
                    pairs.add(pv);
                }
            }
            return nestedValues(v, pairs, lookup, local, page);
        }
        if (v.isURI()) {
            String url = local.apply(v.getURI());
            return lookup.label(v).map(l -> link(url, l) + " <small>" + esc(v.getURI()) + "</small>").orElse(link(url, v.getURI()));
        }
        if (v.isBlank()) {
            List<Node[]> pairs = new ArrayList<>();
            for (Triple t : blanks.getOrDefault(v, List.of())) {
                if (!t.getObject().isBlank()) {
                    pairs.add(new Node[] {t.getPredicate(), t.getObject()});
                }
            }
            return nestedValues(null, pairs, lookup, local, page);
        }
        return literal(v, page);
    }

    /** A nested node's values as a small list inside the cell, with a link to the node itself when it has an IRI. */
    private String nestedValues(Node node, List<Node[]> pairs, VisibleLookup lookup, UnaryOperator<String> local, PageRequest page) {
        StringBuilder b = new StringBuilder("<dl class=\"facts nested\">");
        for (Node[] pv : pairs) {
            String shown = pv[1].isURI() ? lookup.label(pv[1]).map(l -> link(local.apply(pv[1].getURI()), l))
                    .orElse(link(local.apply(pv[1].getURI()), pv[1].getURI())) : literal(pv[1], page);
            b.append("<dt>").append(esc(propertyName(pv[0].getURI(), page.lang().code()))).append("</dt><dd>").append(shown).append("</dd>");
        }
        b.append("</dl>");
        if (node != null) {
            b.append("<small>").append(link(local.apply(node.getURI()), node.getURI())).append("</small>");
        }
        return b.toString();
    }

    private static final Set<String> NUMBERS = Set.of(XSDDatatype.XSDinteger.getURI(), XSDDatatype.XSDdecimal.getURI(),
            XSDDatatype.XSDdouble.getURI(), XSDDatatype.XSDint.getURI(), XSDDatatype.XSDlong.getURI(),
            XSDDatatype.XSDnonNegativeInteger.getURI(), XSDDatatype.XSDfloat.getURI());

    /**
     * A literal as people read it: numbers in the reader's language (grouped from five digits on,
     * so years stay 2023), booleans as yes/no, long texts cut, the language or datatype noted.
     */
    private String literal(Node v, PageRequest page) {
        String lex = v.getLiteralLexicalForm();
        String dt = v.getLiteralDatatypeURI();
        Messages m = page.messages(HtmlPage.class);
        if (NUMBERS.contains(dt)) {
            try {
                BigDecimal n = new BigDecimal(lex.strip());
                NumberFormat f = NumberFormat.getNumberInstance(page.lang().locale());
                f.setMaximumFractionDigits(6);
                f.setGroupingUsed(n.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0);
                return "<span class=\"num\" data-value=\"" + esc(lex) + "\">" + esc(f.format(n)) + "</span>";
            } catch (NumberFormatException e) {
                // shown as written
            }
        }
        if (XSDDatatype.XSDboolean.getURI().equals(dt) && (lex.equals("true") || lex.equals("false"))) {
            return esc(m.get(lex.equals("true") ? "yes" : "no"));
        }
        String shown = lex.length() > MAX_LITERAL ? lex.substring(0, MAX_LITERAL) + "…" : lex;
        String lang = v.getLiteralLanguage();
        String note = !lang.isEmpty() ? "@" + lang : dt.endsWith("#string") ? "" : name(dt);
        return esc(shown) + (note.isEmpty() ? "" : " <small>" + esc(note) + "</small>");
    }

    private void incoming(StringBuilder b, Node s, List<Incoming.Section> sections, VisibleLookup lookup, UnaryOperator<String> local,
                          Messages m, PageRequest page) {
        if (sections.isEmpty()) {
            return;
        }
        String lang = page.lang().code();
        b.append("<h2>").append(esc(m.get("incoming"))).append("</h2>\n");
        for (Incoming.Section sec : sections) {
            String type = sec.type() == null ? m.get("incoming.untyped") : className(sec.type().getURI(), lang);
            String property = propertyName(sec.property().getURI(), lang);
            b.append("<section class=\"incoming\" data-property=\"").append(esc(sec.property().getURI())).append("\" data-type=\"")
                    .append(sec.type() == null ? "" : esc(sec.type().getURI())).append("\" data-count=\"").append(sec.count()).append("\">")
                    .append("<h3>").append(esc(m.get("incoming.section", type, property, sec.count(), sec.capped() ? 1 : 0))).append("</h3><ul>");
            for (Node n : sec.members()) {
                b.append("<li>").append(link(local.apply(n.getURI()), lookup.label(n).orElse(n.getURI()))).append("</li>");
            }
            b.append("</ul>");
            if (sec.count() > sec.members().size() || sec.capped()) {
                String query = "SELECT ?s ?label WHERE {\n  ?s <" + sec.property().getURI() + "> <" + s.getURI() + "> .\n"
                        + (sec.type() == null ? "" : "  ?s a <" + sec.type().getURI() + "> .\n")
                        + "  OPTIONAL { ?s <http://www.w3.org/2000/01/rdf-schema#label>|<https://schema.org/name> ?label }\n} ORDER BY ?s";
                b.append("<p>").append(link(page.url("sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)),
                        m.get("incoming.all", sec.count()))).append("</p>");
            }
            b.append("</section>\n");
        }
    }

    private void sources(StringBuilder b, List<Source> sources, Messages m, PageRequest page) {
        if (sources.isEmpty()) {
            return;
        }
        b.append("<section class=\"sources\"><h2>").append(esc(m.get("sources"))).append("</h2><ul>\n");
        for (Source src : sources) {
            DatasetSpec ds = src.dataset();
            b.append("<li>").append(link(page.url("datasets/" + ds.id()), ds.title())).append(", ")
                    .append(esc(m.get("published.by", ds.publisherName())));
            ds.license().filter(Node::isURI).ifPresent(l -> b.append(" — ").append(esc(m.get("license"))).append(' ')
                    .append(link(l.getURI(), l.getURI())));
            b.append(" — ").append(esc(m.get("version", src.version().number())));
            src.version().modified().ifPresent(t -> b.append(' ').append(esc(m.get("version.of", t.toString()))));
            b.append("</li>\n");
        }
        b.append("</ul></section>\n");
    }

    private final Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    private String name(String iri) {
        return names.computeIfAbsent(iri, context::compactVocab);
    }

    private String className(String iri, String lang) {
        return ontology.label(iri, lang).orElseGet(() -> name(iri));
    }

    private String propertyName(String iri, String lang) {
        return ontology.label(iri, lang).orElseGet(() -> name(iri));
    }
}
