package fr.regie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.regie.testing.Browser;
import fr.regie.testing.TestServer;

/**
 * Every type of page, in a real headless Chromium over the demo: it loads with no console error
 * (no failed load, no request to another host), axe-core finds no serious or critical WCAG 2.1
 * A/AA violation, it fits a 375 px wide screen without scrolling sideways, and its screenshot
 * lands in {@code target/screenshots/}.
 */
class PagesBrowserTest {
    static final Path SHOTS = Path.of("target/screenshots");
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

    /** Waits until what the page draws after loading (a map, the editor, the console) says it is ready. */
    static void ready() {
        browser.waitFor("the page ready", () -> Boolean.TRUE.equals(browser.js(
                "return Array.from(document.querySelectorAll('[data-ready]')).every(e => e.getAttribute('data-ready') === 'true')")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"home|/", "home-en|/?lang=en", "sparql-editor|/sparql", "api-console|/api", "dataset|/datasets/velib-stations", "datasets|/datasets", "map|/map?indicator=velib-docks-per-1000&scale=commune&extent=region/11", "search|/search?q=saint", "commune|/id/commune/93066", "commune-en|/id/commune/93066?lang=en", "ept|/id/ept/200057867"})
    void thePageLoadsCleanlyIsAccessibleAndFitsAPhone(String spec) {
        String name = spec.substring(0, spec.indexOf('|'));
        String path = spec.substring(spec.indexOf('|') + 1);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.open(server.base() + path);
        ready();
        browser.screenshot(SHOTS.resolve(name + ".png"));
        assertEquals(List.of(), browser.consoleErrors(), "console errors on " + path);
        List<String> violations = browser.seriousAccessibilityViolations();
        assertEquals(List.of(), violations, "axe-core on " + path);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
        browser.open(server.base() + path);
        ready();
        browser.screenshot(SHOTS.resolve(name + "-375.png"));
        long overflow = browser.horizontalOverflow();
        assertTrue(overflow <= 2, path + " is " + overflow + " px wider than a 375 px screen");
    }
}
