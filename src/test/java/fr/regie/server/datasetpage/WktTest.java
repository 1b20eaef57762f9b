package fr.regie.server.datasetpage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** WKT to GeoJSON keeps every number as written, and refuses what it cannot say. */
class WktTest {
    @Test
    void numbersAreCopiedNotRounded() {
        assertEquals(Optional.of("{\"type\":\"Point\",\"coordinates\":[2.3522219000000001,48.856614]}"),
                Wkt.toGeoJson("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(2.3522219000000001 48.856614)"));
        assertEquals(Optional.of("{\"type\":\"Point\",\"coordinates\":[2.50,-0.5,1e3]}"), Wkt.toGeoJson("POINT Z (2.50 -.5 1e3)"));
        assertEquals(Optional.of("{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}"), Wkt.toGeoJson("linestring (1 2, 3 4)"));
        assertEquals(Optional.of("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"),
                Wkt.toGeoJson("POLYGON((0 0,1 0,1 1,0 0))"));
        assertEquals(Optional.of("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"),
                Wkt.toGeoJson("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"));
        assertEquals(Wkt.toGeoJson("MULTIPOINT ((1 2), (3 4))"), Wkt.toGeoJson("MULTIPOINT (1 2, 3 4)"));
    }

    @Test
    void whatItCannotSayIsNoGeometry() {
        for (String bad : new String[] {"", "POINT EMPTY", "GEOMETRYCOLLECTION(POINT(1 2))", "POINT(1)", "POINT(1 2", "POINT(1 2))",
                "POINT(a b)", "<unterminated POINT(1 2)", "POINT(1 2 3 4 5)", "POINT(1-2 3)"}) {
            assertEquals(Optional.empty(), Wkt.toGeoJson(bad), bad);
        }
    }
}
