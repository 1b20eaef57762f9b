package fr.regie.server.resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.graph.GraphFactory;

import fr.regie.server.http.JsonLdContext;
import fr.regie.server.http.JsonLdWriter;
import fr.regie.server.http.MediaFormat;

/**
 * Writes triples in one of the RDF formats: JSON-LD through {@link JsonLdWriter} (context by
 * URL), Turtle and RDF/XML with the context's prefixes, N-Triples. HTML is {@link HtmlPage}'s.
 */
final class Renderer {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final JsonLdWriter jsonLd;
    private final java.util.Set<String> decimals;
    private final PrefixMapping prefixes;

    Renderer(JsonLdContext context) {
        this.jsonLd = new JsonLdWriter(context);
        this.decimals = GeoFeature.decimalTerms(context);
        this.prefixes = context.prefixMapping();
    }

    /** The triples in {@code format} (not HTML), as UTF-8 bytes. */
    byte[] render(MediaFormat format, List<Triple> triples, String contextUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            switch (format) {
                case JSONLD -> jsonLd.write(triples, contextUrl, out);
                case TURTLE -> RDFWriter.source(graph(triples, true)).format(RDFFormat.TURTLE_PRETTY).output(out);
                case NTRIPLES -> RDFWriter.source(graph(triples, false)).format(RDFFormat.NTRIPLES_UTF8).output(out);
                case RDFXML -> RDFWriter.source(graph(triples, true)).format(RDFFormat.RDFXML_PLAIN).output(out);
                default -> throw new IllegalArgumentException(format + " is not an RDF syntax of resources");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A resource with a geometry as a GeoJSON Feature ({@link GeoFeature}), as UTF-8 bytes. */
    byte[] geoJson(Description d, org.locationtech.jts.geom.Geometry geometry) {
        try {
            return JSON.writeValueAsBytes(GeoFeature.of(d, geometry, jsonLd, decimals));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Graph graph(List<Triple> triples, boolean withPrefixes) {
        Graph g = GraphFactory.createDefaultGraph();
        if (withPrefixes) {
            g.getPrefixMapping().setNsPrefixes(prefixes);
        }
        triples.forEach(g::add);
        return g;
    }
}
