package fr.regie.queries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The IRIS facts, read with plain Java and JTS straight from the files Régie loads: INSEE's IRIS
 * table (reference/insee/data/iris.csv), the COG 2026 (through {@link SourceFiles}: today's commune
 * of a code, by its own reading of communes.csv and mouvements-communes.csv), the IGN-INSEE
 * contours (iris-grand-paris.geojson) and the demo's Vélib' and IDFM stations. No mapping, no
 * R2RML engine, no RDF, no spatial index: a point's IRIS is found by testing every contour.
 */
final class IrisFiles {
    private static final Set<String> ILE_DE_FRANCE = Set.of("75", "77", "78", "91", "92", "93", "94", "95");

    record Iris(String code, String name, String type, String depcom) {}

    /** A station of the demo: its IRI path below the base, and its point. */
    record Station(String path, double lon, double lat) {}

    /** Île-de-France IRIS of the 2023 table, by code. */
    final Map<String, Iris> iris = new LinkedHashMap<>();
    /** The contours of IRIS of the table, by code. */
    final Map<String, Geometry> contours = new LinkedHashMap<>();
    /** Contours whose code the 2023 table does not have. */
    int contoursNotInReference;
    /** TYPECOM of each code of communes.csv, COM first. */
    private final Map<String, String> typeOfCode = new HashMap<>();
    private final SourceFiles.Reference reference;
    final List<Station> velib = new ArrayList<>();
    final List<Station> idfm = new ArrayList<>();

    private IrisFiles(SourceFiles sources) {
        this.reference = sources.reference;
    }

    static IrisFiles read(Path project) throws IOException {
        SourceFiles sources = SourceFiles.get(project);
        IrisFiles f = new IrisFiles(sources);
        Path data = project.resolve("reference/insee/data");
        SourceFiles.Table t = SourceFiles.csv(data.resolve("iris.csv"));
        for (List<String> r : t.rows()) {
            if (ILE_DE_FRANCE.contains(t.get(r, "DEP"))) {
                String code = t.get(r, "CODE_IRIS");
                f.iris.put(code, new Iris(code, t.get(r, "LIB_IRIS"), t.get(r, "TYP_IRIS"), t.get(r, "DEPCOM")));
            }
        }
        SourceFiles.Table cog = SourceFiles.csv(data.resolve("communes.csv"));
        for (List<String> r : cog.rows()) {
            String type = cog.get(r, "TYPECOM");
            f.typeOfCode.merge(cog.get(r, "COM"), type, (a, b) -> a.equals("COM") ? a : b.equals("COM") ? b : a);
        }
        GeometryFactory gf = new GeometryFactory();
        for (JsonNode feature : new ObjectMapper().readTree(data.resolve("iris-grand-paris.geojson").toFile()).get("features")) {
            String code = feature.get("properties").get("CODE_IRIS").asText();
            if (!f.iris.containsKey(code)) {
                f.contoursNotInReference++;
                continue;
            }
            JsonNode g = feature.get("geometry");
            Geometry geom = switch (g.get("type").asText()) {
                case "Polygon" -> polygon(gf, g.get("coordinates"));
                case "MultiPolygon" -> {
                    List<Polygon> parts = new ArrayList<>();
                    g.get("coordinates").forEach(p -> parts.add(polygon(gf, p)));
                    yield gf.createMultiPolygon(parts.toArray(Polygon[]::new));
                }
                default -> throw new IOException("iris-grand-paris.geojson: " + code + " has a " + g.get("type"));
            };
            f.contours.put(code, geom);
        }
        Path examples = project.resolve("examples/plaine-commune");
        SourceFiles.Table v = SourceFiles.csv(examples.resolve("velib/data/velib_station.csv"));
        for (List<String> r : v.rows()) {
            String position = v.get(r, "Coordonnées géographiques");
            if (!position.isEmpty()) {
                String[] latLon = position.split(",");
                f.velib.add(new Station("id/velib-station/" + v.get(r, "Identifiant station"),
                        Double.parseDouble(latLon[1].strip()), Double.parseDouble(latLon[0].strip())));
            }
        }
        for (SourceFiles.IdfmStation s : sources.partners.idfm.values()) {
            f.idfm.add(new Station("id/idfm-station/" + s.zda(), s.lon(), s.lat()));
        }
        return f;
    }

    private static Polygon polygon(GeometryFactory gf, JsonNode rings) {
        List<LinearRing> rs = new ArrayList<>();
        for (JsonNode ring : rings) {
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                cs[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
            }
            rs.add(gf.createLinearRing(cs));
        }
        return gf.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(LinearRing[]::new));
    }

    /** Today's commune of a 2023 DEPCOM, by the COG 2026 (SourceFiles's reading of it). */
    Optional<String> todayOf(String depcom) {
        return reference.resolve(depcom);
    }

    /** COM, COMD, COMA, ARM, or "" for a code communes.csv no longer has. */
    String typeOf(String code) {
        return typeOfCode.getOrDefault(code, "");
    }

    /** The IRIS whose contour covers the point (edge included), the lowest code if several: every contour tested. */
    Optional<String> irisOf(double lon, double lat) {
        Point p = new GeometryFactory().createPoint(new Coordinate(lon, lat));
        return contours.entrySet().stream().filter(e -> e.getValue().covers(p)).map(Map.Entry::getKey).min(Comparator.naturalOrder());
    }

    /** minLon, minLat, maxLon, maxLat of the contours. */
    double[] bbox() {
        Envelope e = new Envelope();
        contours.values().forEach(g -> e.expandToInclude(g.getEnvelopeInternal()));
        return new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
    }

    /** Every vertex of every contour. */
    List<Coordinate> vertices() {
        List<Coordinate> out = new ArrayList<>();
        contours.values().forEach(g -> out.addAll(List.of(g.getCoordinates())));
        return out;
    }
}
