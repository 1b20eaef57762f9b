package fr.regie.server.home;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.AccessServer;
import fr.regie.server.Feature;
import fr.regie.server.ServerSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The home's map appears when the server answers {@code /map/…} (the map feature, here a stand-in
 * serving the contract's GeoJSON), with Leaflet and its script, and the list of communes stays
 * as its text alternative.
 */
class HomeMapTest {
    /** A stand-in for the map feature: {@code /map/data} answers an empty FeatureCollection. */
    static final Feature MAP = (builder, context) -> builder.addServlet("/map/*", new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/geo+json");
            resp.getWriter().write("{\"type\":\"FeatureCollection\",\"features\":[]}");
        }
    });

    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new HomeFeature(), MAP));

    @Test
    void withTheMapFeatureTheHomeDrawsTheTerritorysCommunes() throws Exception {
        String page = server.get("/", "Accept", "text/html").body();
        assertTrue(page.contains("id=\"home-map\""), page);
        assertTrue(page.contains("data-src=\"" + server.base() + "/map/data?indicator=population-2023&amp;scale=commune&amp;extent=territory&amp;zoom=11\""), page);
        assertTrue(page.contains("leaflet.js") && page.contains("assets/home.js"), page);
        assertTrue(page.contains("id=\"home-communes\""), "the list stays, as the map's text alternative");
    }
}
