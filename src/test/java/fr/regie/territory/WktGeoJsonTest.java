package fr.regie.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** WKT to GeoJSON keeps every number as written, and refuses what it cannot say. */
class WktGeoJsonTest {
    @Test
    void numbersAreCopiedNotRounded() {
        assertEquals(Optional.of("{\"type\":\"Point\",\"coordinates\":[2.3522219000000001,48.856614]}"),
                WktGeoJson.toGeoJson("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(2.3522219000000001 48.856614)"));
        assertEquals(Optional.of("{\"type\":\"Point\",\"coordinates\":[2.50,-0.5,1e3]}"), WktGeoJson.toGeoJson("POINT Z (2.50 -.5 1e3)"));
        assertEquals(Optional.of("{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}"), WktGeoJson.toGeoJson("linestring (1 2, 3 4)"));
        assertEquals(Optional.of("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"),
                WktGeoJson.toGeoJson("POLYGON((0 0,1 0,1 1,0 0))"));
        assertEquals(Optional.of("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"),
                WktGeoJson.toGeoJson("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"));
        assertEquals(WktGeoJson.toGeoJson("MULTIPOINT ((1 2), (3 4))"), WktGeoJson.toGeoJson("MULTIPOINT (1 2, 3 4)"));
    }

    @Test
    void whatItCannotSayIsNoGeometry() {
        for (String bad : new String[] {"", "POINT EMPTY", "GEOMETRYCOLLECTION(POINT(1 2))", "POINT(1)", "POINT(1 2", "POINT(1 2))",
                "POINT(a b)", "<unterminated POINT(1 2)", "POINT(1 2 3 4 5)", "POINT(1-2 3)"}) {
            assertEquals(Optional.empty(), WktGeoJson.toGeoJson(bad), bad);
        }
    }

    @Test
    void theCrsIsReadOnceLatitudeFirstSwappedOthersRefused() {
        assertEquals(Optional.of("{\"type\":\"Point\",\"coordinates\":[2.3138961727427,48.871499100264]}"),
                WktGeoJson.toGeoJson("<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(48.871499100264 2.3138961727427)"));
        assertEquals(Optional.of("{\"type\":\"LineString\",\"coordinates\":[[2,48],[3,49]]}"),
                WktGeoJson.toGeoJson("<http://www.opengis.net/def/crs/EPSG/0/4326> LINESTRING(48 2, 49 3)"));
        assertEquals(Optional.empty(), WktGeoJson.toGeoJson("<http://www.opengis.net/def/crs/EPSG/0/2154> POINT(652000 6862000)"),
                "Lambert 93 is not GeoJSON");
        assertEquals(Optional.of(new WktGeoJson.Crs("POINT(1 2)", false)), WktGeoJson.crs("  POINT(1 2) "));
    }
}
