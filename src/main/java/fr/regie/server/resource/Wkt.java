package fr.regie.server.resource;

import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.territory.WktGeoJson;

/**
 * GeoSPARQL WKT literals ({@code geo:wktLiteral}) read into JTS geometries in longitude/latitude
 * order, for what computes with them (unions of outlines), and JTS geometries written as GeoJSON
 * geometries (RFC 7946). A literal's CRS is read as {@link WktGeoJson#crs} says (the one rule).
 */
final class Wkt {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Wkt() {}

    /** The geometry of a WKT literal's lexical form, longitude first; empty when it cannot be read or its CRS is another. */
    static Optional<Geometry> read(String lexical) {
        Optional<WktGeoJson.Crs> crs = WktGeoJson.crs(lexical);
        if (crs.isEmpty()) {
            return Optional.empty();
        }
        String s = crs.get().body();
        boolean swap = crs.get().latitudeFirst();
        try {
            Geometry g = new WKTReader().read(s);
            if (g.isEmpty()) {
                return Optional.empty();
            }
            if (swap) {
                g.apply(SWAP);
                g.geometryChanged();
            }
            return Optional.of(g);
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final CoordinateSequenceFilter SWAP = new CoordinateSequenceFilter() {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            double x = seq.getX(i);
            seq.setOrdinate(i, 0, seq.getY(i));
            seq.setOrdinate(i, 1, x);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    };

    /** The GeoJSON geometry object of {@code g}. */
    static ObjectNode geoJson(Geometry g) {
        ObjectNode o = F.objectNode();
        switch (g) {
            case Point p -> o.put("type", "Point").set("coordinates", position(p.getCoordinate()));
            case Polygon p -> o.put("type", "Polygon").set("coordinates", rings(p));
            case LineString l -> o.put("type", "LineString").set("coordinates", positions(l.getCoordinates()));
            case GeometryCollection c when !c.getGeometryType().equals("GeometryCollection") -> {
                ArrayNode parts = F.arrayNode();
                for (int i = 0; i < c.getNumGeometries(); i++) {
                    parts.add(geoJson(c.getGeometryN(i)).get("coordinates"));
                }
                o.put("type", c.getGeometryType()).set("coordinates", parts);
            }
            case GeometryCollection c -> {
                ArrayNode parts = F.arrayNode();
                for (int i = 0; i < c.getNumGeometries(); i++) {
                    parts.add(geoJson(c.getGeometryN(i)));
                }
                o.put("type", "GeometryCollection").set("geometries", parts);
            }
            default -> throw new IllegalArgumentException("no GeoJSON for " + g.getGeometryType());
        }
        return o;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode a = F.arrayNode();
        a.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            a.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return a;
    }

    private static ArrayNode positions(Coordinate[] cs) {
        ArrayNode a = F.arrayNode();
        for (Coordinate c : cs) {
            a.add(position(c));
        }
        return a;
    }

    private static ArrayNode position(Coordinate c) {
        return F.arrayNode().add(c.getX()).add(c.getY());
    }
}
