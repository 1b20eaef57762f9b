package fr.regie.server.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** WKT literals as GeoSPARQL writes them, read longitude first, and their GeoJSON geometries. */
class WktTest {
    @Test
    void crsPrefixesAreReadAndGeoJsonIsLongitudeFirst() throws Exception {
        Geometry plain = Wkt.read("POINT(2.3138961727427 48.871499100264)").orElseThrow();
        Geometry crs84 = Wkt.read("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(2.3138961727427 48.871499100264)").orElseThrow();
        Geometry epsg = Wkt.read("<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(48.871499100264 2.3138961727427)").orElseThrow();
        for (Geometry g : new Geometry[] {plain, crs84, epsg}) {
            assertEquals(2.3138961727427, g.getCoordinate().x);
            assertEquals(48.871499100264, g.getCoordinate().y);
            assertEquals("{\"type\":\"Point\",\"coordinates\":[2.3138961727427,48.871499100264]}", Wkt.geoJson(g).toString());
        }
        assertTrue(Wkt.read("<http://www.opengis.net/def/crs/EPSG/0/2154> POINT(652000 6862000)").isEmpty(), "Lambert 93 is not GeoJSON");
        assertTrue(Wkt.read("POINT(").isEmpty());
        assertTrue(Wkt.read("POINT EMPTY").isEmpty());
        assertTrue(Wkt.read("<unclosed POINT(1 2)").isEmpty());
    }

    @Test
    void everyKindOfGeometryComesBackTheSame() throws Exception {
        for (String wkt : new String[] {"LINESTRING (1 2, 3 4)", "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.3 0.1, 0.3 0.2, 0.2 0.1))",
                "MULTIPOINT ((1 2), (3 4))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
                "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))"}) {
            Geometry g = Wkt.read(wkt).orElseThrow();
            String json = Wkt.geoJson(g).toString();
            assertTrue(json.contains("\"type\":\"" + g.getGeometryType() + "\""), json);
            assertTrue(new WKTReader().read(wkt).equalsExact(g), wkt);
        }
    }
}
