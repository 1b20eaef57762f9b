package fr.regie.server.datasetpage;

import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import fr.regie.territory.Vocab;
import fr.regie.territory.WktGeoJson;

/**
 * A dataset's features as GeoJSON (RFC 7946, {@code application/geo+json}): a feature per IRI
 * subject that has a geometry ({@code geo:hasGeometry}/{@code geo:asWKT}, or {@code geo:asWKT}
 * itself when it is not another subject's geometry), in the order of their IRIs, its {@code id}
 * the IRI, its geometry from the WKT literal (the first by text when there are several), its
 * properties keyed by property IRI: a value, or an array when there are several. Numbers
 * (XSD numeric types) are JSON numbers written as the store writes them, booleans are booleans,
 * everything else (IRIs, text, dates) is a string.
 */
final class GeoJson {
    static final String MEDIA_TYPE = "application/geo+json";
    private static final Set<String> NUMERIC = Set.of(XSDDatatype.XSDinteger.getURI(), XSDDatatype.XSDdecimal.getURI(),
            XSDDatatype.XSDdouble.getURI(), XSDDatatype.XSDfloat.getURI(), XSDDatatype.XSDint.getURI(), XSDDatatype.XSDlong.getURI(),
            XSDDatatype.XSDshort.getURI(), XSDDatatype.XSDbyte.getURI(), XSDDatatype.XSDnonNegativeInteger.getURI(),
            XSDDatatype.XSDpositiveInteger.getURI(), XSDDatatype.XSDnegativeInteger.getURI(), XSDDatatype.XSDnonPositiveInteger.getURI(),
            XSDDatatype.XSDunsignedInt.getURI(), XSDDatatype.XSDunsignedLong.getURI(), XSDDatatype.XSDunsignedShort.getURI(),
            XSDDatatype.XSDunsignedByte.getURI());

    private GeoJson() {}

    /** Whether the graph has a WKT literal at all. */
    static boolean hasGeometries(DatasetGraph view, Node graph) {
        return view.find(graph, Node.ANY, Vocab.asWKT, Node.ANY).hasNext();
    }

    static void write(DatasetGraph view, Node graph, Writer out) throws IOException {
        Set<Node> geometryNodes = new HashSet<>();
        view.find(graph, Node.ANY, Vocab.hasGeometry, Node.ANY).forEachRemaining(q -> geometryNodes.add(q.getObject()));
        out.write("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        for (Node s : Subjects.all(view, graph)) {
            if (geometryNodes.contains(s) && !view.find(graph, s, Vocab.hasGeometry, Node.ANY).hasNext()) {
                continue;
            }
            Optional<String> geometry = geometry(view, graph, s);
            if (geometry.isEmpty()) {
                continue;
            }
            out.write(first ? "\n" : ",\n");
            first = false;
            out.write("{\"type\":\"Feature\",\"id\":");
            out.write(string(s.getURI()));
            out.write(",\"geometry\":");
            out.write(geometry.get());
            out.write(",\"properties\":{");
            boolean firstProp = true;
            for (Map.Entry<Node, List<Node>> e : Subjects.values(view, graph, s).entrySet()) {
                out.write(firstProp ? "" : ",");
                firstProp = false;
                out.write(string(e.getKey().getURI()));
                out.write(':');
                List<Node> vs = e.getValue();
                if (vs.size() == 1) {
                    out.write(value(vs.get(0)));
                } else {
                    out.write('[');
                    for (int k = 0; k < vs.size(); k++) {
                        out.write(k > 0 ? "," : "");
                        out.write(value(vs.get(k)));
                    }
                    out.write(']');
                }
            }
            out.write("}}");
        }
        out.write("\n]}\n");
    }

    /** The GeoJSON geometry of a subject: of its geometry nodes' WKT, or of its own. */
    private static Optional<String> geometry(DatasetGraph view, Node graph, Node s) {
        java.util.TreeSet<String> wkts = new java.util.TreeSet<>();
        view.find(graph, s, Vocab.asWKT, Node.ANY).forEachRemaining(q -> wkts.add(q.getObject().getLiteralLexicalForm()));
        Iterator<Quad> geoms = view.find(graph, s, Vocab.hasGeometry, Node.ANY);
        while (geoms.hasNext()) {
            view.find(graph, geoms.next().getObject(), Vocab.asWKT, Node.ANY)
                    .forEachRemaining(q -> wkts.add(q.getObject().getLiteralLexicalForm()));
        }
        for (String w : wkts) {
            Optional<String> g = WktGeoJson.toGeoJson(w);
            if (g.isPresent()) {
                return g;
            }
        }
        return Optional.empty();
    }

    /** A value as JSON: numbers and booleans typed, the rest as text. */
    static String value(Node v) {
        if (v.isLiteral()) {
            String lex = v.getLiteralLexicalForm();
            String dt = v.getLiteralDatatypeURI();
            if (NUMERIC.contains(dt) && WktGeoJson.JSON_NUMBER.matcher(lex).matches()) {
                return lex;
            }
            if (XSDDatatype.XSDboolean.getURI().equals(dt) && (lex.equals("true") || lex.equals("false"))) {
                return lex;
            }
        }
        return string(Subjects.text(v));
    }

    static String string(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

}
