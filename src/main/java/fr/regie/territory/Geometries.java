package fr.regie.territory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * WKT literals (GeoSPARQL {@code geo:wktLiteral}, WGS 84 longitude-latitude, the default CRS84)
 * parsed with JTS. Parsed and prepared geometries are cached, so testing many points against the
 * same polygons parses each polygon once.
 */
public final class Geometries {
    private static final String CRS84 = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>";
    // The reference's 1,276 commune boundaries and 2,838 IRIS contours, with room to spare.
    private static final int CACHE = 8192;
    private static final Map<String, PreparedGeometry> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparedGeometry> eldest) {
                    return size() > CACHE;
                }
            });

    private Geometries() {}

    /** The geometry of a WKT literal's lexical form; a leading CRS84 IRI is allowed. */
    public static Geometry parse(String wkt) throws ParseException {
        String text = wkt.strip();
        if (text.startsWith("<")) {
            int end = text.indexOf('>');
            String crs = text.substring(0, end + 1);
            if (!crs.equals(CRS84) && !crs.equals("<http://www.opengis.net/def/crs/EPSG/0/4326>")) {
                throw new ParseException("unsupported coordinate reference system " + crs + " (Régie reads CRS84 WKT)");
            }
            text = text.substring(end + 1).strip();
        }
        return new WKTReader(new GeometryFactory()).read(text);
    }

    /** A prepared geometry for repeated tests, from the cache when it was seen before. */
    public static PreparedGeometry prepared(String wkt) throws ParseException {
        PreparedGeometry p = cache.get(wkt);
        if (p == null) {
            p = PreparedGeometryFactory.prepare(parse(wkt));
            cache.put(wkt, p);
        }
        return p;
    }
}
