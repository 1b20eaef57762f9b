package fr.regie.server.tap;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;


import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.JsonLdContext;
import fr.regie.territory.WktGeoJson;
import fr.regie.server.http.JsonLdWriter;
import fr.regie.server.http.MediaFormat;

/**
 * The formats a tap answers in. Rows (SELECT): JSON, a JSON-LD document whose {@code @graph} is
 * one plain object per row (IRIs as {@code {"@id": …}}, numbers and booleans as JSON numbers and
 * booleans, other literals as strings, unbound values left out), or CSV. A graph (CONSTRUCT):
 * JSON-LD compacted with the territory's context (its nodes always in {@code @graph}), or Turtle;
 * rows also as GeoJSON, a feature per row with its first WKT value as geometry.
 */
final class TapOutput {

    /** The types a SELECT tap offers, the first by default. */
    static final List<MediaFormat> ROWS = List.of(MediaFormat.JSON, MediaFormat.JSONLD, MediaFormat.CSV, MediaFormat.GEOJSON);
    /** The types a CONSTRUCT tap offers, the first by default. */
    static final List<MediaFormat> GRAPH = List.of(MediaFormat.JSONLD, MediaFormat.JSON, MediaFormat.TURTLE);

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY = new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private TapOutput() {}

    /**
     * Writes rows as JSON(-LD) or CSV.
     *
     * @param vocab the vocabulary the JSON keys (the query's variables) expand to in JSON-LD
     */
    static void rows(OutputStream out, MediaFormat type, String vocab, List<Var> vars, List<Binding> rows) throws IOException {
        if (type == MediaFormat.CSV) {
            ResultSetFormatter.outputAsCSV(out, ResultSet.adapt(RowSetStream.create(vars, rows.iterator())));
            return;
        }
        if (type == MediaFormat.GEOJSON) {
            features(out, vars, rows);
            return;
        }
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("@context");
            g.writeStringField("@vocab", vocab);
            g.writeEndObject();
            g.writeArrayFieldStart("@graph");
            for (Binding row : rows) {
                g.writeStartObject();
                for (Var v : vars) {
                    Node n = row.get(v);
                    if (n != null) {
                        g.writeFieldName(v.getVarName());
                        value(g, n);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * Rows as a GeoJSON FeatureCollection (RFC 7946): a feature per row, its geometry the first
     * value of the row that is a WKT literal GeoJSON can carry (null when none), its properties
     * the other values as in JSON.
     */
    private static void features(OutputStream out, List<Var> vars, List<Binding> rows) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Binding row : rows) {
                Var geometryVar = null;
                String geometry = null;
                for (Var v : vars) {
                    Node n = row.get(v);
                    if (n != null && n.isLiteral() && WKT.equals(n.getLiteralDatatypeURI())) {
                        java.util.Optional<String> gj = WktGeoJson.toGeoJson(n.getLiteralLexicalForm());
                        if (gj.isPresent()) {
                            geometryVar = v;
                            geometry = gj.get();
                            break;
                        }
                    }
                }
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeFieldName("geometry");
                if (geometry == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(geometry);
                }
                g.writeObjectFieldStart("properties");
                for (Var v : vars) {
                    Node n = row.get(v);
                    if (n != null && !v.equals(geometryVar)) {
                        g.writeFieldName(v.getVarName());
                        value(g, n);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static final String WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";

    /** One RDF term as the simplest JSON value that keeps its meaning. */
    static void value(JsonGenerator g, Node n) throws IOException {
        if (n.isURI()) {
            g.writeStartObject();
            g.writeStringField("@id", n.getURI());
            g.writeEndObject();
            return;
        }
        if (n.isBlank()) {
            g.writeStartObject();
            g.writeStringField("@id", "_:" + n.getBlankNodeLabel());
            g.writeEndObject();
            return;
        }
        if (n.isLiteral() && n.getLiteralDatatype() instanceof XSDDatatype dt && dt.isValid(n.getLiteralLexicalForm())) {
            Object v = n.getLiteralValue();
            if (v instanceof Boolean b) {
                g.writeBoolean(b);
                return;
            }
            if (v instanceof BigDecimal d) {
                g.writeNumber(d);
                return;
            }
            if (v instanceof BigInteger i) {
                g.writeNumber(i);
                return;
            }
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                g.writeNumber(((Number) v).longValue());
                return;
            }
            if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
                g.writeNumber(num.doubleValue());
                return;
            }
        }
        g.writeString(n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
    }

    /**
     * Writes a graph as compacted JSON-LD with {@code context} (inlined, the nodes always in
     * {@code @graph}, indented: a document people read too), through Régie's one JSON-LD writer,
     * or as Turtle.
     */
    static void graph(OutputStream out, MediaFormat type, Graph graph, JsonLdContext context) throws IOException {
        if (type == MediaFormat.TURTLE) {
            RDFDataMgr.write(out, graph, RDFFormat.TURTLE_PRETTY);
            return;
        }
        ObjectNode doc = new JsonLdWriter(context).document(graph.find().toList(), context.contextValue(), true);
        PRETTY.writeValue(out, doc);
    }
}
