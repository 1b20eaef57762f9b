package fr.regie.territory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionBase3;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;


/**
 * GeoSPARQL {@code geof:distance(a, b, uom:metre)}: the shortest distance in metres between two
 * {@code geo:wktLiteral}s in CRS84 (0 when they touch or one contains the other). The coordinates
 * are projected on a plane tangent at the larger geometry's latitude (equirectangular), which is
 * within a few metres over the tens of kilometres a territory spans. Polygons are projected once
 * and kept, so many points against one outline stay cheap. Registered by {@link GeoFunctions#register()}.
 */
public final class GeoDistance extends FunctionBase3 {
    /** The unit of measure IRI for metres (OGC). */
    public static final String METRE = "http://www.opengis.net/def/uom/OGC/1.0/metre";
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;
    private static final Map<String, Projected> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Projected> eldest) {
            return size() > 1024;
        }
    });
    private record Projected(Geometry geometry, double cosLat) {}

    @Override
    public NodeValue exec(NodeValue a, NodeValue b, NodeValue unit) {
        if (!unit.isIRI() || !unit.asNode().getURI().equals(METRE)) {
            throw new ExprEvalException("geof:distance: the unit must be <" + METRE + ">");
        }
        String wa = wkt(a);
        String wb = wkt(b);
        // Project both on the plane of the larger geometry, which is the one worth caching.
        Projected anchor = projected(wa.length() >= wb.length() ? wa : wb);
        Geometry other = project(geometry(wa.length() >= wb.length() ? wb : wa), anchor.cosLat());
        return NodeValue.makeDouble(anchor.geometry().distance(other) * METRES_PER_DEGREE);
    }

    private static String wkt(NodeValue v) {
        if (!v.isLiteral() || !Vocab.wktLiteral.getURI().equals(v.asNode().getLiteralDatatypeURI())) {
            throw new ExprEvalException("geof:distance: not a geo:wktLiteral: " + v);
        }
        return v.asNode().getLiteralLexicalForm();
    }

    private static Geometry geometry(String wkt) {
        try {
            return Geometries.parse(wkt);
        } catch (ParseException e) {
            throw new ExprEvalException("geof:distance: bad WKT: " + e.getMessage());
        }
    }

    private static Projected projected(String wkt) {
        Projected p = CACHE.get(wkt);
        if (p == null) {
            Geometry g = geometry(wkt);
            double cos = Math.cos(Math.toRadians(g.getEnvelopeInternal().centre().y));
            p = new Projected(project(g, cos), cos);
            CACHE.put(wkt, p);
        }
        return p;
    }

    /** Longitudes scaled by the cosine of the latitude: degrees of equal length on the ground. */
    private static Geometry project(Geometry g, double cosLat) {
        Geometry copy = g.copy();
        copy.apply((CoordinateFilter) (Coordinate c) -> c.setX(c.getX() * cosLat));
        copy.geometryChanged();
        return copy;
    }
}
