package fr.regie.territory;

import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionBase2;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.io.ParseException;

/**
 * The GeoSPARQL Simple Features filter functions Régie's queries use —
 * {@code geof:sfWithin}, {@code geof:sfContains}, {@code geof:sfIntersects} — over
 * {@code geo:wktLiteral}s in CRS84, evaluated with JTS. Registered once in ARQ's function
 * registry; an argument that is not WKT makes the filter fail (evaluation error), as SPARQL wants.
 */
public final class GeoFunctions {
    private static volatile boolean registered;

    private GeoFunctions() {}

    /** Registers the functions (idempotent). */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        FunctionRegistry r = FunctionRegistry.get();
        r.put(Vocab.GEOF + "sfWithin", Within.class);
        r.put(Vocab.GEOF + "sfContains", Contains.class);
        r.put(Vocab.GEOF + "sfIntersects", Intersects.class);
        r.put(Vocab.GEOF + "distance", GeoDistance.class);
        registered = true;
    }

    private static String wkt(NodeValue v) {
        if (!v.isLiteral() || !Vocab.wktLiteral.getURI().equals(v.asNode().getLiteralDatatypeURI())) {
            throw new ExprEvalException("not a geo:wktLiteral: " + v);
        }
        return v.asNode().getLiteralLexicalForm();
    }

    private static PreparedGeometry prepared(NodeValue v) {
        try {
            return Geometries.prepared(wkt(v));
        } catch (ParseException e) {
            throw new ExprEvalException("bad WKT: " + e.getMessage());
        }
    }

    private static Geometry geometry(NodeValue v) {
        return prepared(v).getGeometry();
    }

    /** {@code geof:sfWithin(a, b)}: a lies within b. */
    public static final class Within extends FunctionBase2 {
        @Override
        public NodeValue exec(NodeValue a, NodeValue b) {
            return NodeValue.makeBoolean(prepared(b).contains(geometry(a)));
        }
    }

    /** {@code geof:sfContains(a, b)}: a contains b. */
    public static final class Contains extends FunctionBase2 {
        @Override
        public NodeValue exec(NodeValue a, NodeValue b) {
            return NodeValue.makeBoolean(prepared(a).contains(geometry(b)));
        }
    }

    /** {@code geof:sfIntersects(a, b)}. */
    public static final class Intersects extends FunctionBase2 {
        @Override
        public NodeValue exec(NodeValue a, NodeValue b) {
            return NodeValue.makeBoolean(prepared(a).intersects(geometry(b)));
        }
    }
}
