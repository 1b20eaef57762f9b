package fr.regie.server.catalog;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;

import fr.regie.territory.Geometries;
import fr.regie.territory.Vocab;

/**
 * A place of the territory reference as a catalog's spatial coverage: its name and the bounding
 * box of the communes in it (their boundaries, in the reference graph), as a GeoJSON polygon, the
 * literal GeoDCAT-AP and data.gouv.fr's harvester read, and the centre of that box as a GeoJSON
 * point (DCAT's centroid).
 */
record Coverage(Optional<String> name, Optional<String> bboxGeoJson, Optional<String> centroidGeoJson) {
    /** The datatype of a GeoJSON literal (GeoDCAT-AP). */
    static final String GEOJSON = Terms.IANA + "application/vnd.geo+json";

    /** What the reference graph says of {@code place}; run inside a read transaction. */
    static Coverage of(DatasetGraph dsg, Node referenceGraph, Node place) {
        Optional<String> name = Optional.empty();
        Iterator<Quad> labels = dsg.find(referenceGraph, place, RDFS.label.asNode(), Node.ANY);
        if (labels.hasNext()) {
            name = Optional.of(labels.next().getObject().getLiteralLexicalForm());
        }
        Envelope box = new Envelope();
        // The place itself when it is a commune, else the communes subdivising it.
        addBoundaries(dsg, referenceGraph, place, box);
        dsg.find(referenceGraph, Node.ANY, Vocab.subdivisionDe, place)
                .forEachRemaining(q -> addBoundaries(dsg, referenceGraph, q.getSubject(), box));
        return new Coverage(name, box.isNull() ? Optional.empty() : Optional.of(polygon(box)),
                box.isNull() ? Optional.empty() : Optional.of("{\"type\":\"Point\",\"coordinates\":[" + num(box.centre().getX()) + ","
                        + num(box.centre().getY()) + "]}"));
    }

    private static void addBoundaries(DatasetGraph dsg, Node g, Node commune, Envelope box) {
        dsg.find(g, Node.ANY, Vocab.inCommune, commune).forEachRemaining(b ->
                dsg.find(g, b.getSubject(), Vocab.hasGeometry, Node.ANY).forEachRemaining(h ->
                        dsg.find(g, h.getObject(), Vocab.asWKT, Node.ANY).forEachRemaining(w -> {
                            try {
                                box.expandToInclude(Geometries.parse(w.getObject().getLiteralLexicalForm()).getEnvelopeInternal());
                            } catch (ParseException e) {
                                // A boundary that does not parse has no extent to add; the reference's own shapes report it.
                            }
                        })));
    }

    private static String polygon(Envelope e) {
        String w = num(e.getMinX());
        String s = num(e.getMinY());
        String east = num(e.getMaxX());
        String n = num(e.getMaxY());
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + w + "," + s + "],[" + east + "," + s + "],[" + east + "," + n + "],["
                + w + "," + n + "],[" + w + "," + s + "]]]}";
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
