package fr.regie.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.assets.AssetsFeature;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;

/**
 * {@code /map} in headless Chromium on the demo: the choropleth draws every commune of
 * Île-de-France, switching the scale redraws (the hooks {@code data-ready}, {@code data-units},
 * {@code path.regie-unit}, {@code #map-table}), a click on a unit opens its page, no console
 * error, and axe-core finds no serious or critical violation. Skipped without Debian's chromium
 * and chromium-driver (the lead's browser suite decides what CI does without them).
 */
class MapBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no chromium / chromedriver");
        Registry registry = SharedDemo.registry();
        ServerContext ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, Map.of()), ServerSettings.defaults(0), null, null);
        server = TestServer.start(ctx, List.of(new MapFeature(), new AssetsFeature()));
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000", "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), o);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    static String base() {
        return server.base().replaceAll("/$", "");
    }

    static int waitForRender(int previousRequest) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true".equals(d.findElement(By.id("map")).getAttribute("data-ready")));
        return Integer.parseInt(driver.findElement(By.id("map")).getAttribute("data-units"));
    }

    @Test
    void switchingTheScaleRedrawsAndAClickOpensTheUnitsPage() throws Exception {
        driver.get(base() + "/map?indicator=velib-docks-per-1000&scale=commune&extent=region/11&lang=en");
        int communes = waitForRender(0);
        assertEquals(1266, communes, "every commune of Île-de-France");
        assertEquals(communes, driver.findElements(By.cssSelector("#map path.regie-unit")).size());
        assertEquals(communes, driver.findElements(By.cssSelector("#map-table tbody tr")).size());
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel() == Level.SEVERE && !e.getMessage().contains("favicon.ico"))
                .map(LogEntry::getMessage).toList();
        // The favicon is the layout's (a 404 until the site has one).
        assertEquals(List.of(), severe, "console errors");
        assertTrue(axe().isEmpty(), "axe-core: " + axe());

        ((JavascriptExecutor) driver).executeScript("document.getElementById('map').setAttribute('data-ready', 'false')");
        new Select(driver.findElement(By.id("scale"))).selectByValue("ept");
        int epts = waitForRender(1);
        assertEquals(11, epts, "the 11 EPT of the Métropole du Grand Paris");
        assertTrue(driver.getCurrentUrl().contains("scale=ept"), "the state is in the URL: " + driver.getCurrentUrl());

        WebElement unit = driver.findElements(By.cssSelector("#map path.regie-unit")).get(0);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}))", unit);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/id/ept/"));
    }

    /** Serious or critical violations axe-core finds on the page, as "id: nodes" strings. */
    @SuppressWarnings("unchecked")
    static List<String> axe() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(Files.readString(Path.of("src/test/resources/vendor/axe-core/4.11.0/axe.min.js")));
        List<Map<String, Object>> v = (List<Map<String, Object>>) js.executeAsyncScript(
                "var done = arguments[arguments.length - 1]; axe.run(document).then(r => done(r.violations.filter(x => x.impact === 'serious' || x.impact === 'critical')"
                        + ".map(x => ({id: x.id, nodes: x.nodes.slice(0, 3).map(n => n.html)}))));");
        return v.stream().map(x -> x.get("id") + ": " + x.get("nodes")).toList();
    }
}
