package fr.regie.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven through its
 * {@code chromedriver} (paths from {@code REGIE_CHROMIUM} and {@code REGIE_CHROMEDRIVER}, else
 * {@code /usr/bin}). Without them a test is skipped, except in CI ({@code CI=true}), where it
 * fails: {@code .ci/run} installs them. Every host but the loopback is unresolvable, so a page
 * that reaches for a CDN shows a console error. Console errors, axe-core's accessibility report
 * and screenshots are read from here.
 */
public final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The axe-core rules the pages must pass: WCAG 2.0 and 2.1, levels A and AA. */
    private static final String AXE_TAGS = "['wcag2a','wcag2aa','wcag21a','wcag21aa']";

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new browser, its window {@code width} × {@code height} CSS pixels. */
    public static Browser start(int width, int height) {
        Path chromium = Path.of(System.getenv().getOrDefault("REGIE_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("REGIE_CHROMEDRIVER", "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        if (!present) {
            String why = "no browser: " + chromium + " and " + chromedriver + " are needed (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1", "--window-size=" + width + "," + height,
                "--lang=fr-FR");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        d.manage().window().setSize(new Dimension(width, height));
        return new Browser(d);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits until the document has loaded. */
    public void open(String url) {
        driver.get(url);
        waitFor("document loaded", () -> "complete".equals(js("return document.readyState")));
    }

    /** Runs a script in the page. */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits (at most 20 s) until {@code condition} holds, failing with {@code what}. */
    public void waitFor(String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            Assertions.fail("waited 20 s for " + what + " on " + driver.getCurrentUrl());
        }
    }

    /** The console errors (and failed loads) since the last call. */
    public List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /**
     * The serious and critical violations axe-core finds in the page (WCAG 2.1 A and AA rules),
     * each as {@code rule-id: help (n nodes: first target)}.
     */
    public List<String> seriousAccessibilityViolations() {
        String axe = axeSource();
        js(axe);
        Object r = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: " + AXE_TAGS + "}})"
                + ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id:'axe-error',impact:'critical',help:String(e),nodes:[]}])));");
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode v : JSON.readTree((String) r)) {
                String impact = v.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    JsonNode nodes = v.path("nodes");
                    String first = nodes.isEmpty() ? "" : nodes.get(0).path("target").toString() + " " + nodes.get(0).path("failureSummary").asText();
                    out.add(v.path("id").asText() + ": " + v.path("help").asText() + " (" + nodes.size() + " nodes: " + first + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Saves a screenshot of the window as PNG. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How much wider than the window the page is, in CSS pixels (0 when nothing overflows sideways). */
    public long horizontalOverflow() {
        return ((Number) js("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).longValue();
    }

    /** The Performance API's figures for the page: first contentful paint (ms) and bytes transferred (document and resources). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> performance() {
        return (Map<String, Object>) js("const nav = performance.getEntriesByType('navigation')[0];"
                + "const res = performance.getEntriesByType('resource');"
                + "const paint = performance.getEntriesByName('first-contentful-paint')[0];"
                + "const sum = (f) => res.filter(f).reduce((a, r) => a + r.transferSize, 0);"
                + "return {fcp: paint ? paint.startTime : -1, load: nav.loadEventEnd, document: nav.transferSize,"
                + " resources: sum(r => true), scripts: sum(r => r.initiatorType === 'script'),"
                + " styles: sum(r => r.initiatorType === 'link' || r.name.endsWith('.css')), count: res.length};");
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream("/vendor/axe-core/4.11.0/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not in the test resources (bin/vendor-assets)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
