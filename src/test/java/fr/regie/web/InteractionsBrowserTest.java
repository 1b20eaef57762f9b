package fr.regie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.testing.Browser;
import fr.regie.testing.TestServer;

/**
 * What people do on the pages, in a real headless Chromium over the demo: from the home, a person
 * reaches the map of Vélib' docks per 1,000 inhabitants by commune across Île-de-France without
 * typing a URL, sees every commune drawn, switches the scale and sees the units of that scale, and
 * clicks a commune to reach its page; a query typed in the editor shows as many rows as the
 * endpoint answers; the API console's form calls a tap and shows its rows and the equivalent curl.
 * Expected counts come from SPARQL over the store, not from the pages.
 */
class InteractionsBrowserTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.start(1280, 900);
        server = DemoWeb.server();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void fromTheHomeToTheVelibMapAcrossIleDeFranceThenToACommune() throws Exception {
        browser.open(server.base() + "/");
        WebElement link = browser.driver().findElement(By.cssSelector("a[href*=\"indicator=velib-docks-per-1000\"][href*=\"extent=region/11\"]"));
        link.click();
        int communes = count("?u a igeo:Commune ; igeo:subdivisionDe <https://regie.plaine-commune.example/id/region/11>");
        assertEquals(communes, rendered(), "every commune of Île-de-France is drawn");
        assertEquals(communes, ((Number) browser.js("return document.querySelectorAll('#map-table tbody tr').length")).intValue(),
                "the figures as a table");
        assertTrue(browser.driver().findElement(By.id("map-legend")).getText().length() > 10, "a legend");
        assertEquals(List.of(), browser.consoleErrors(), "console errors on the map");

        for (String[] scale : new String[][] {{"ept", "?u a regie:EtablissementPublicTerritorial"}, {"departement",
                "?u a igeo:Departement ; igeo:subdivisionDe <https://regie.plaine-commune.example/id/region/11>"}}) {
            browser.js("document.getElementById('map').setAttribute('data-ready', 'false')");
            new Select(browser.driver().findElement(By.id("scale"))).selectByValue(scale[0]);
            assertEquals(count(scale[1]), rendered(), "units drawn at the scale " + scale[0]);
            assertTrue(browser.driver().getCurrentUrl().contains("scale=" + scale[0]), "the scale is in the address");
        }
        browser.js("document.getElementById('map').setAttribute('data-ready', 'false')");
        new Select(browser.driver().findElement(By.id("scale"))).selectByValue("commune");
        rendered();
        // A click on Saint-Denis's outline (dispatched to it: at the scale of the région, neighbours are a few pixels apart).
        browser.js("document.querySelector('#map path.regie-unit[data-code=\"93066\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        browser.waitFor("the commune's page", () -> browser.driver().getCurrentUrl().endsWith("/id/commune/93066"));
        assertTrue(browser.driver().findElement(By.tagName("h1")).getText().contains("Saint-Denis"));
        assertEquals(List.of(), browser.consoleErrors(), "console errors on the commune's page");
    }

    /** Waits for the map to be drawn; the number of units drawn. */
    static int rendered() {
        browser.waitFor("the map drawn", () -> "true".equals(browser.driver().findElement(By.id("map")).getAttribute("data-ready")));
        int units = Integer.parseInt(browser.driver().findElement(By.id("map")).getAttribute("data-units"));
        assertEquals(units, ((Number) browser.js("return document.querySelectorAll('#map path.regie-unit').length")).intValue(), "paths drawn");
        return units;
    }

    /** The number of distinct {@code ?u} matching a pattern, from the endpoint. */
    static int count(String pattern) throws Exception {
        String q = "PREFIX igeo: <http://rdf.insee.fr/def/geo#> PREFIX regie: <https://w3id.org/regie#> SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { "
                + pattern + " }";
        JsonNode r = JSON.readTree(server.get("/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept",
                "application/sparql-results+json").body());
        return r.path("results").path("bindings").get(0).path("n").path("value").asInt();
    }

    @Test
    void aQueryTypedInTheEditorShowsItsRows() throws Exception {
        String query = "PREFIX igeo: <http://rdf.insee.fr/def/geo#>\nSELECT ?c ?name WHERE { ?c a igeo:Commune ; igeo:codeDepartement ?d ; igeo:nom ?name "
                + "FILTER (STRSTARTS(STR(?c), 'https')) } ORDER BY ?name LIMIT 40";
        // The endpoint's own answer, for a browser-free count.
        JsonNode answer = JSON.readTree(server.get("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "Accept",
                "application/sparql-results+json").body());
        int expected = answer.path("results").path("bindings").size();
        browser.open(server.base() + "/sparql");
        browser.waitFor("the editor", () -> Boolean.TRUE.equals(browser.js("return !!document.querySelector('#yasgui[data-ready=\"true\"]')")));
        browser.js("const t = window.regieYasgui.getTab(); t.getYasqe().setValue(arguments[0]); t.getYasqe().query();", query);
        browser.waitFor("rows in the table", () -> ((Number) browser.js("return document.querySelectorAll('#yasgui .yasr table tbody tr').length")).intValue() > 0
                || expected == 0);
        int shown = ((Number) browser.js("return document.querySelectorAll('#yasgui .yasr table tbody tr').length")).intValue();
        assertEquals(expected, shown, "rows shown by the editor");
        browser.waitFor("the query kept in the address", () -> String.valueOf(browser.js("return location.href")).contains("query="));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void theApiConsoleCallsATapAndShowsItsRowsAndCurl() throws Exception {
        browser.open(server.base() + "/api");
        browser.waitFor("Swagger UI", () -> Boolean.TRUE.equals(browser.js("return !!document.querySelector('#swagger-ui[data-ready=\"true\"]')")));
        WebElement op = browser.driver().findElement(By.id("operations-default-indicators"));
        op.findElement(By.cssSelector(".opblock-summary-control")).click();
        browser.waitFor("try it out", () -> !op.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        op.findElement(By.cssSelector(".try-out__btn")).click();
        WebElement territory = op.findElement(By.cssSelector("tr[data-param-name=\"territory\"] input"));
        territory.clear();
        territory.sendKeys("commune/93066");
        op.findElement(By.cssSelector(".execute")).click();
        browser.waitFor("the answer", () -> !op.findElements(By.cssSelector(".live-responses-table .response-col_description .highlight-code pre")).isEmpty());
        String body = op.findElement(By.cssSelector(".live-responses-table .response-col_description .highlight-code pre")).getText();
        JsonNode expected = JSON.readTree(server.get("/api/indicators?territory=commune/93066", "Accept", "application/json").body());
        JsonNode shown = JSON.readTree(body);
        assertEquals(expected, shown, "the console shows what the tap answers");
        String curl = op.findElement(By.cssSelector(".curl")).getText();
        assertTrue(curl.contains("curl") && curl.contains("territory=commune%2F93066"), curl);
        assertEquals(List.of(), browser.consoleErrors());
    }
}
