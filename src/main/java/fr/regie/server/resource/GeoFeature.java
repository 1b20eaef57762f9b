package fr.regie.server.resource;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.JsonLdWriter;
import fr.regie.territory.Vocab;

/**
 * A resource as a GeoJSON Feature (RFC 7946): its geometry from its GeoSPARQL WKT
 * ({@code geo:asWKT} on itself, or on its {@code geo:hasGeometry} node, in the caller's view;
 * for a commune, the union of its dated boundaries of the latest vintage; for a territory, the
 * union of its communes' outlines), else from its {@code wgs:lat} and {@code wgs:long}; its properties, its description compacted
 * as the JSON-LD answer gives it (numbers as numbers, booleans as booleans), without
 * {@code @context} and the geometry's own triples; its {@code id}, its IRI.
 */
final class GeoFeature {
    /** Boundaries joined into one outline at most. */
    private static final int MAX_PARTS = 100;
    /** Communes joined into a territory's outline at most. */
    static final int MAX_COMMUNES = 150;
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Node LAT = NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#lat");
    private static final Node VINTAGE = NodeFactory.createURI("https://w3id.org/regie#vintage");
    private static final Node LONG = NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#long");

    private GeoFeature() {}

    /** The geometry of a described resource, longitude first; empty when it has none the caller sees. Needs a read transaction. */
    static Optional<Geometry> geometry(Description d, DatasetGraph view) {
        Node s = d.subject();
        for (Triple t : d.triples()) {
            if (t.getSubject().equals(s) && t.getPredicate().equals(Vocab.asWKT) && t.getObject().isLiteral()) {
                Optional<Geometry> g = Wkt.read(t.getObject().getLiteralLexicalForm());
                if (g.isPresent()) {
                    return g;
                }
            }
        }
        for (Triple t : d.triples()) {
            if (t.getSubject().equals(s) && t.getPredicate().equals(Vocab.hasGeometry)) {
                Optional<Geometry> g = wktOf(view, t.getObject());
                if (g.isPresent()) {
                    return g;
                }
            }
        }
        Optional<Geometry> outline = outline(view, s);
        if (outline.isPresent()) {
            return outline;
        }
        Optional<Double> lat = number(d, LAT);
        Optional<Double> lon = number(d, LONG);
        if (lat.isPresent() && lon.isPresent() && Math.abs(lat.get()) <= 90 && Math.abs(lon.get()) <= 180) {
            return Optional.of(new GeometryFactory().createPoint(new Coordinate(lon.get(), lat.get())));
        }
        return territory(view, s);
    }

    /**
     * A territory's outline (an EPT, an EPCI, a département): the union of its communes'
     * ({@code igeo:subdivisionDe} it, typed {@code igeo:Commune}), when it has at most
     * {@value #MAX_COMMUNES} of them (a région's or a large département's union would take seconds
     * and megabytes: no outline then).
     */
    private static Optional<Geometry> territory(DatasetGraph view, Node s) {
        java.util.Set<Node> communes = new java.util.LinkedHashSet<>();
        Iterator<Quad> it = view.find(Node.ANY, Node.ANY, Vocab.subdivisionDe, s);
        while (it.hasNext()) {
            Node c = it.next().getSubject();
            if (view.contains(Node.ANY, c, RDF.type.asNode(), Vocab.Commune)) {
                communes.add(c);
                if (communes.size() > MAX_COMMUNES) {
                    return Optional.empty();
                }
            }
        }
        List<Geometry> parts = new java.util.ArrayList<>();
        for (Node c : communes) {
            outline(view, c).ifPresent(parts::add);
        }
        return union(parts);
    }

    private static Optional<Geometry> union(List<Geometry> parts) {
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        if (parts.size() == 1) {
            return Optional.of(parts.get(0));
        }
        try {
            return Optional.of(org.locationtech.jts.operation.union.UnaryUnionOp.union(parts));
        } catch (RuntimeException e) {
            return Optional.of(new GeometryFactory().buildGeometry(parts));
        }
    }

    /**
     * A commune's outline: the union of its dated boundaries of the latest vintage (a commune
     * nouvelle has one per former commune: Saint-Denis and Pierrefitte-sur-Seine).
     */
    private static Optional<Geometry> outline(DatasetGraph view, Node s) {
        List<Node> latest = new java.util.ArrayList<>();
        long vintage = Long.MIN_VALUE;
        Iterator<Quad> boundaries = view.find(Node.ANY, Node.ANY, Vocab.inCommune, s);
        for (int i = 0; boundaries.hasNext() && i < 10_000; i++) {
            Node b = boundaries.next().getSubject();
            if (view.contains(Node.ANY, b, RDF.type.asNode(), Vocab.Boundary)) {
                long v = longOf(view, b, VINTAGE);
                if (v > vintage) {
                    latest.clear();
                    vintage = v;
                }
                if (v == vintage && !latest.contains(b) && latest.size() < MAX_PARTS) {
                    latest.add(b);
                }
            }
        }
        List<Geometry> parts = new java.util.ArrayList<>();
        for (Node b : latest) {
            Iterator<Quad> geometries = view.find(Node.ANY, b, Vocab.hasGeometry, Node.ANY);
            while (geometries.hasNext()) {
                wktOf(view, geometries.next().getObject()).ifPresent(parts::add);
            }
        }
        return union(parts);
    }

    private static Optional<Geometry> wktOf(DatasetGraph view, Node geometry) {
        Iterator<Quad> it = view.find(Node.ANY, geometry, Vocab.asWKT, Node.ANY);
        while (it.hasNext()) {
            Node wkt = it.next().getObject();
            if (wkt.isLiteral()) {
                Optional<Geometry> g = Wkt.read(wkt.getLiteralLexicalForm());
                if (g.isPresent()) {
                    return g;
                }
            }
        }
        return Optional.empty();
    }

    private static long longOf(DatasetGraph view, Node s, Node p) {
        Iterator<Quad> it = view.find(Node.ANY, s, p, Node.ANY);
        try {
            return it.hasNext() ? Long.parseLong(it.next().getObject().getLiteralLexicalForm()) : Long.MIN_VALUE;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static Optional<Double> number(Description d, Node p) {
        for (Triple t : d.triples()) {
            if (t.getSubject().equals(d.subject()) && t.getPredicate().equals(p) && t.getObject().isLiteral()) {
                try {
                    return Optional.of(Double.parseDouble(t.getObject().getLiteralLexicalForm()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The Feature: {@code id}, {@code geometry}, {@code properties}. */
    static ObjectNode of(Description d, Geometry geometry, JsonLdWriter jsonLd, Set<String> decimals) {
        // The WKT literals are the geometry already: left out of the properties.
        java.util.Set<Node> geometryNodes = new java.util.HashSet<>();
        d.triples().stream().filter(t -> t.getPredicate().equals(Vocab.hasGeometry) && t.getObject().isBlank())
                .forEach(t -> geometryNodes.add(t.getObject()));
        List<Triple> rest = d.triples().stream().filter(t -> !t.getPredicate().equals(Vocab.asWKT)
                && !(t.getPredicate().equals(Vocab.hasGeometry) && geometryNodes.contains(t.getObject()))
                && !geometryNodes.contains(t.getSubject())).toList();
        ObjectNode doc = jsonLd.document(rest, "");
        JsonNode node = doc.has("@graph") ? firstOf(doc.get("@graph"), d.subject().getURI()) : doc;
        ObjectNode properties = F.objectNode();
        node.properties().forEach(e -> {
            if (!e.getKey().equals("@context")) {
                properties.set(e.getKey(), plain(e.getValue(), decimals.contains(e.getKey())));
            }
        });
        ObjectNode f = F.objectNode();
        f.put("type", "Feature");
        f.put("id", d.subject().getURI());
        f.set("geometry", Wkt.geoJson(geometry));
        f.set("properties", properties);
        return f;
    }

    /**
     * A value as plain JSON: a text in a language as its text, a decimal term's string as a
     * number (a GeoJSON property is not JSON-LD: no double's form to keep apart), arrays
     * element by element.
     */
    private static JsonNode plain(JsonNode v, boolean decimal) {
        if (v.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = F.arrayNode();
            v.forEach(x -> a.add(plain(x, decimal)));
            return a;
        }
        if (v.isObject() && v.has("@value") && v.has("@language") && v.size() == 2) {
            return v.get("@value");
        }
        if (decimal && v.isTextual()) {
            try {
                return F.numberNode(new java.math.BigDecimal(v.asText()));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }

    /** The terms of a context coerced to xsd:decimal, xsd:double or xsd:float. */
    static Set<String> decimalTerms(fr.regie.server.http.JsonLdContext context) {
        Set<String> out = new java.util.HashSet<>();
        Set<String> numeric = Set.of(XSD + "decimal", XSD + "double", XSD + "float");
        context.contextValue().properties().forEach(e -> {
            JsonNode def = e.getValue();
            if (def.isObject() && def.has("@type") && numeric.contains(context.expand(def.get("@type").asText()))) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    private static JsonNode firstOf(JsonNode graph, String iri) {
        for (JsonNode n : graph) {
            for (String key : List.of("id", "@id")) {
                if (n.has(key) && n.get(key).asText().equals(iri)) {
                    return n;
                }
            }
        }
        return graph.size() > 0 ? graph.get(0) : F.objectNode();
    }
}
