package fr.regie.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The IRIS-scale facts of queries 12 to 14, read from the raw files with plain Java, apart from
 * {@link SourceFiles} (whose files exist on every branch): INSEE's IRIS reference of 2023
 * (reference/insee/data/iris.csv), the IGN-INSEE contours of the Grand Paris
 * (iris-grand-paris.geojson, JTS point-in-polygon here) and Filosofi 2021
 * (examples/plaine-commune/filosofi/data, decimal commas and markers read here).
 */
final class IrisSources {
    /** INSEE's markers for a withheld or missing figure. */
    static final Set<String> MARKERS = Set.of("s", "nd", "ns", "so");

    private static volatile IrisSources instance;

    record Iris(String code, String name, String depcom) {}

    record Contour(String code, Geometry geometry) {}

    /** IRIS code → its row of the 2023 reference. */
    final Map<String, Iris> iris = new HashMap<>();
    final List<Contour> contours = new ArrayList<>();
    private final STRtree index = new STRtree();
    /** Filosofi IRIS file: IRIS code → column → cell as written. */
    final Map<String, Map<String, String>> filosofiIris = new HashMap<>();
    /** Filosofi commune file: CODGEO → column → cell as written. */
    final Map<String, Map<String, String>> filosofiCommune = new HashMap<>();

    private IrisSources(Path root) throws IOException {
        SourceFiles.Table ref = SourceFiles.csv(root.resolve("reference/insee/data/iris.csv"));
        for (List<String> r : ref.rows()) {
            Iris i = new Iris(ref.get(r, "CODE_IRIS"), ref.get(r, "LIB_IRIS"), ref.get(r, "DEPCOM"));
            iris.put(i.code(), i);
        }
        GeometryFactory gf = new GeometryFactory();
        JsonNode fc = new ObjectMapper().readTree(root.resolve("reference/insee/data/iris-grand-paris.geojson").toFile());
        for (JsonNode f : fc.get("features")) {
            JsonNode g = f.get("geometry");
            Geometry geom;
            if (g.get("type").asText().equals("Polygon")) {
                geom = SourceFiles.Reference.polygon(gf, g.get("coordinates"));
            } else {
                List<Polygon> parts = new ArrayList<>();
                for (JsonNode p : g.get("coordinates")) {
                    parts.add(SourceFiles.Reference.polygon(gf, p));
                }
                geom = gf.createMultiPolygon(parts.toArray(Polygon[]::new));
            }
            Contour c = new Contour(f.get("properties").get("CODE_IRIS").asText(), geom);
            contours.add(c);
            index.insert(geom.getEnvelopeInternal(), c);
        }
        index.build();
        read(root.resolve("examples/plaine-commune/filosofi/data/filosofi_iris.csv"), filosofiIris);
        read(root.resolve("examples/plaine-commune/filosofi/data/filosofi_commune.csv"), filosofiCommune);
    }

    private static void read(Path file, Map<String, Map<String, String>> into) throws IOException {
        SourceFiles.Table t = SourceFiles.csv(file);
        for (List<String> r : t.rows()) {
            Map<String, String> cells = new HashMap<>();
            t.columns().keySet().forEach(c -> cells.put(c, t.get(r, c)));
            into.put(r.get(0), cells);
        }
    }

    static IrisSources get(Path projectDir) {
        IrisSources s = instance;
        if (s == null) {
            synchronized (IrisSources.class) {
                s = instance;
                if (s == null) {
                    try {
                        s = new IrisSources(projectDir);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    instance = s;
                }
            }
        }
        return s;
    }

    /**
     * The IRIS of the 2023 reference whose contour holds a point (edge included), the lowest
     * code when two share an edge; a contour whose code the reference no longer has (three old
     * codes of Choisy-le-Roi) places nothing.
     */
    Optional<String> irisOf(double lon, double lat) {
        Point p = new GeometryFactory().createPoint(new Coordinate(lon, lat));
        @SuppressWarnings("unchecked")
        List<Contour> candidates = index.query(p.getEnvelopeInternal());
        return candidates.stream().filter(c -> iris.containsKey(c.code()) && c.geometry().covers(p))
                .map(Contour::code).min(Comparator.naturalOrder());
    }

    /** A Filosofi cell as a number: decimal comma read, a marker (or an absent row) is null. */
    static BigDecimal number(Map<String, String> row, String column) {
        if (row == null) {
            return null;
        }
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return v.isEmpty() || MARKERS.contains(v) ? null : new BigDecimal(v.replace(',', '.'));
    }
}
