package fr.regie.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.regie.testing.Browser;
import fr.regie.testing.TestServer;

/**
 * Issue 10, point 13: time to first render and bytes transferred of the pages people land on,
 * in headless Chromium over the demo, from the Performance API. Not part of {@code mvn verify}
 * (its name is not a test's); run it with
 * {@code ./mvnw -o -q test-compile surefire:test -Dtest=PagesBenchmark} and copy the table into
 * BENCHMARKS.md. Each page is loaded {@value #RUNS} times in a fresh browser (empty cache); the
 * median is printed, with the targets: first contentful paint under 1.5 s, under 1 MB
 * transferred (compressed) per page.
 */
class PagesBenchmark {
    static final int RUNS = Integer.getInteger("regie.bench.runs", 5);
    static final String[][] PAGES = {{"home", "/"}, {"map (Vélib' docks per 1,000, communes of Île-de-France)",
            "/map?indicator=velib-docks-per-1000&scale=commune&extent=region/11"}, {"dataset page (velib-stations)", "/datasets/velib-stations"},
            {"SPARQL editor", "/sparql"}, {"API console", "/api"}, {"resource (commune 93066)", "/id/commune/93066"}};

    @Test
    void pages() {
        TestServer server = DemoWeb.server();
        List<String> lines = new ArrayList<>();
        lines.add("| page | first contentful paint, ms (median of " + RUNS + ") | load, ms | transferred, KiB | of which JS, KiB | CSS, KiB | requests |");
        lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String[] p : PAGES) {
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS + 1; i++) {
                try (Browser b = Browser.start(1280, 900)) {
                    b.open(server.base() + p[1]);
                    // Pages that draw after fetching data (the map) say so; others are ready at load.
                    b.waitFor("page ready", () -> Boolean.TRUE.equals(b.js("const m = document.querySelector('[data-ready]');"
                            + "return !m || m.getAttribute('data-ready') === 'true';")));
                    if (i > 0) { // the first run warms the server, not the browser
                        runs.add(b.performance());
                    }
                }
            }
            lines.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", p[0], median(runs, "fcp"), median(runs, "load"),
                    (median(runs, "document") + median(runs, "resources")) / 1024, median(runs, "scripts") / 1024, median(runs, "styles") / 1024,
                    median(runs, "count")));
        }
        lines.forEach(System.out::println);
    }

    static double median(List<Map<String, Object>> runs, String key) {
        double[] v = runs.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
