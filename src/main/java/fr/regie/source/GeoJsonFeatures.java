package fr.regie.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The features of a GeoJSON file (a FeatureCollection or a single Feature) as records: the named
 * properties in order, then the geometry as WKT (Polygon and MultiPolygon, longitude first as
 * both GeoJSON and WKT write it).
 */
public final class GeoJsonFeatures implements RecordSource {
    private final Iterator<JsonNode> features;
    private final List<String> properties;
    private final Path file;
    private int index;

    public static GeoJsonFeatures open(Path file, List<String> properties) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<JsonNode> list = new ArrayList<>();
        if ("FeatureCollection".equals(root.path("type").asText())) {
            root.path("features").forEach(list::add);
        } else {
            list.add(root);
        }
        return new GeoJsonFeatures(list.iterator(), properties, file);
    }

    private GeoJsonFeatures(Iterator<JsonNode> features, List<String> properties, Path file) {
        this.features = features;
        this.properties = List.copyOf(properties);
        this.file = file;
    }

    @Override
    public List<String> next() throws IOException {
        if (!features.hasNext()) {
            return null;
        }
        JsonNode f = features.next();
        index++;
        List<String> rec = new ArrayList<>();
        for (String p : properties) {
            JsonNode v = f.path("properties").path(p);
            rec.add(v.isMissingNode() || v.isNull() ? "" : v.asText());
        }
        rec.add(wkt(f.path("geometry")));
        return rec;
    }

    private String wkt(JsonNode g) throws IOException {
        String type = g.path("type").asText();
        JsonNode coords = g.path("coordinates");
        StringBuilder sb = new StringBuilder();
        switch (type) {
            case "Point" -> sb.append("POINT (").append(coords.get(0).asText()).append(' ').append(coords.get(1).asText()).append(')');
            case "Polygon" -> polygon(sb.append("POLYGON "), coords);
            case "MultiPolygon" -> {
                sb.append("MULTIPOLYGON (");
                for (int i = 0; i < coords.size(); i++) {
                    polygon(sb.append(i == 0 ? "" : ", "), coords.get(i));
                }
                sb.append(')');
            }
            default -> throw new IOException(file + ": feature " + index + ": geometry type '" + type + "' is not supported");
        }
        return sb.toString();
    }

    private static void polygon(StringBuilder sb, JsonNode rings) {
        sb.append('(');
        for (int r = 0; r < rings.size(); r++) {
            sb.append(r == 0 ? "(" : ", (");
            JsonNode ring = rings.get(r);
            for (int i = 0; i < ring.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(ring.get(i).get(0).asText()).append(' ').append(ring.get(i).get(1).asText());
            }
            sb.append(')');
        }
        sb.append(')');
    }

    @Override
    public String where() {
        return "feature " + index;
    }

    @Override
    public void close() {
        // The file was read whole when opened.
    }
}
