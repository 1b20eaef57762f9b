package fr.regie.territory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GeoSPARQL WKT literal ({@code geo:wktLiteral}) as a GeoJSON geometry (RFC 7946: WGS 84,
 * longitude first), its coordinates written as the literal writes them: no number goes through a
 * {@code double}, so not a decimal is lost. The one reading of a literal's CRS ({@link #crs}): none
 * or OGC's CRS84 is longitude first; EPSG:4326 is latitude first and is swapped; any other CRS has
 * no GeoJSON. Points, line strings, polygons and their multi- forms; anything else (a geometry
 * collection, an empty geometry, bad text) has no GeoJSON here.
 */
public final class WktGeoJson {
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final String EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";

    /** A literal's geometry text without its CRS, and whether its positions are latitude first. */
    public record Crs(String body, boolean latitudeFirst) {}

    /** The CRS of a literal's lexical form; empty when it names one GeoJSON cannot carry, or is malformed. */
    public static Optional<Crs> crs(String lexical) {
        String t = lexical.strip();
        if (!t.startsWith("<")) {
            return Optional.of(new Crs(t, false));
        }
        int end = t.indexOf('>');
        if (end < 0) {
            return Optional.empty();
        }
        String iri = t.substring(1, end);
        String body = t.substring(end + 1).strip();
        if (iri.equals(CRS84)) {
            return Optional.of(new Crs(body, false));
        }
        return iri.equals(EPSG4326) ? Optional.of(new Crs(body, true)) : Optional.empty();
    }
    /** A JSON number (RFC 8259). */
    public static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String s;
    private int i;

    private WktGeoJson(String s) {
        this.s = s;
    }

    /** The GeoJSON geometry object of a WKT literal's lexical form. */
    public static Optional<String> toGeoJson(String wkt) {
        Optional<Crs> crs = crs(wkt);
        if (crs.isEmpty()) {
            return Optional.empty();
        }
        String t = crs.get().body();
        boolean swap = crs.get().latitudeFirst();
        int open = t.indexOf('(');
        if (open < 0) {
            return Optional.empty();
        }
        String[] head = t.substring(0, open).strip().toUpperCase(Locale.ROOT).split("\\s+");
        String type = switch (head[0]) {
            case "POINT" -> "Point";
            case "LINESTRING" -> "LineString";
            case "POLYGON" -> "Polygon";
            case "MULTIPOINT" -> "MultiPoint";
            case "MULTILINESTRING" -> "MultiLineString";
            case "MULTIPOLYGON" -> "MultiPolygon";
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        try {
            WktGeoJson p = new WktGeoJson(t.substring(open));
            Object tree = p.list();
            p.skipSpace();
            if (p.i != p.s.length()) {
                return Optional.empty();
            }
            if (type.equals("Point")) {
                tree = ((List<?>) tree).size() == 1 ? ((List<?>) tree).get(0) : null;
            } else if (type.equals("MultiPoint")) {
                List<Object> pts = new ArrayList<>();
                for (Object o : (List<?>) tree) {
                    pts.add(o instanceof List<?> l && l.size() == 1 ? l.get(0) : o);
                }
                tree = pts;
            }
            if (!(tree instanceof Coordinate) && !(tree instanceof List<?>)) {
                return Optional.empty();
            }
            StringBuilder b = new StringBuilder("{\"type\":\"").append(type).append("\",\"coordinates\":");
            write(tree, b, swap);
            return Optional.of(b.append('}').toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One position: its numbers as written. */
    private record Coordinate(List<String> numbers) {}

    private static void write(Object o, StringBuilder b, boolean swap) {
        if (o instanceof Coordinate c) {
            List<String> n = new ArrayList<>(c.numbers());
            if (swap) {
                java.util.Collections.swap(n, 0, 1);
            }
            b.append('[').append(String.join(",", n)).append(']');
            return;
        }
        b.append('[');
        List<?> l = (List<?>) o;
        for (int k = 0; k < l.size(); k++) {
            if (k > 0) {
                b.append(',');
            }
            write(l.get(k), b, swap);
        }
        b.append(']');
    }

    /** {@code ( item, item… )}: an item is a nested list or a position. */
    private List<Object> list() {
        skipSpace();
        expect('(');
        List<Object> out = new ArrayList<>();
        while (true) {
            skipSpace();
            out.add(peek() == '(' ? list() : coordinate());
            skipSpace();
            char c = next();
            if (c == ')') {
                return out;
            }
            if (c != ',') {
                throw new IllegalArgumentException("bad WKT");
            }
        }
    }

    private Coordinate coordinate() {
        List<String> nums = new ArrayList<>();
        while (true) {
            skipSpace();
            int start = i;
            while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                break;
            }
            nums.add(number(s.substring(start, i)));
        }
        if (nums.size() < 2 || nums.size() > 3) {
            throw new IllegalArgumentException("bad position");
        }
        return new Coordinate(nums);
    }

    /** A number as JSON: as written when JSON allows it, else the same value in JSON's form. */
    static String number(String token) {
        if (JSON_NUMBER.matcher(token).matches()) {
            return token;
        }
        try {
            return new BigDecimal(token).toString();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number " + token, e);
        }
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("truncated WKT");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }
}
