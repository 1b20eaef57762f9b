package fr.regie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;

/**
 * Every IRI answers (issue 10, point 9): a crawler starts at {@code /} of the demo, as the public
 * (no key), follows every link and resource of this server met in the pages ({@code href},
 * {@code src}) and every IRI under the territory's base ({@code {base}id/…}) met in a page or in
 * the catalog (namespaces ending with {@code /}, as PREFIX lines give them, aside), and meets no
 * 404 and no 5xx. Bounded: at most {@value #PER_FAMILY} URLs of each
 * family (same first two path segments, e.g. {@code /id/commune}) and {@value #MAX_URLS} in all,
 * in the order they are met; {@code -Dregie.crawl.scale=N} multiplies both.
 */
class CrawlerTest {
    static final int SCALE = Integer.getInteger("regie.crawl.scale", 1);
    static final int PER_FAMILY = 40 * SCALE;
    static final int MAX_URLS = 1_500 * SCALE;
    static final Pattern LINK = Pattern.compile("(?:href|src|action)=\"([^\"#]*)(?:#[^\"]*)?\"");

    @Test
    void noLinkOrIriOfTheSiteAnswers404Or5xx() throws Exception {
        TestServer server = DemoWeb.server();
        String local = server.base() + "/";
        String base = SharedDemo.registry().territory().baseIri();
        Pattern iri = Pattern.compile(Pattern.quote(base) + "id/[^\\s\"<>'\\\\{}|^`]+");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> families = new HashMap<>();
        List<String> broken = new ArrayList<>();
        java.util.function.Consumer<String> offer = url -> {
            if (!url.startsWith(local) || seen.size() >= MAX_URLS || seen.contains(url)) {
                return;
            }
            String fam = family(url.substring(local.length() - 1));
            if (families.merge(fam, 1, Integer::sum) > PER_FAMILY) {
                return;
            }
            seen.add(url);
            queue.add(url);
        };
        offer.accept(local);
        // The catalog names every dataset, publisher and service: their IRIs must answer too.
        HttpResponse<String> catalog = http.send(HttpRequest.newBuilder(URI.create(local + "catalog.ttl")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, catalog.statusCode());
        iris(catalog.body(), iri, base, local).forEach(offer);

        int fetched = 0;
        while (!queue.isEmpty()) {
            String url = queue.poll();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            fetched++;
            if (r.statusCode() == 404 || r.statusCode() >= 500) {
                broken.add(r.statusCode() + " " + url + " (" + r.body().substring(0, Math.min(200, r.body().length())) + ")");
                continue;
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                continue;
            }
            Matcher m = LINK.matcher(r.body());
            while (m.find()) {
                String href = m.group(1).replace("&amp;", "&");
                if (href.isEmpty() || href.startsWith("mailto:") || href.startsWith("javascript:")) {
                    continue;
                }
                offer.accept(URI.create(url).resolve(href).toString());
            }
            iris(r.body(), iri, base, local).forEach(offer);
        }
        System.out.println("crawler: " + fetched + " URLs fetched in " + families.size() + " families, " + broken.size() + " broken");
        assertTrue(fetched > 20, "the crawl reached only " + fetched + " URLs");
        assertEquals(List.of(), broken);
    }

    /** The IRIs under {@code {base}id/} a text names, as this server's URLs. */
    static List<String> iris(String text, Pattern iri, String base, String local) {
        List<String> out = new ArrayList<>();
        // The text as a reader sees it: escaped brackets around an IRI (&lt;…&gt;) are not part of it.
        String plain = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        Matcher m = iri.matcher(plain);
        while (m.find()) {
            String s = m.group();
            while (s.endsWith(".") || s.endsWith(",") || s.endsWith(")") || s.endsWith(";")) {
                s = s.substring(0, s.length() - 1);
            }
            // A namespace (…/id/ept/, in a PREFIX line) names no resource.
            if (!s.endsWith("/")) {
                out.add(local + s.substring(base.length()));
            }
        }
        return out;
    }

    /** The first two segments of a path, query left out: {@code /id/commune/93066} → {@code /id/commune}. */
    static String family(String path) {
        String p = path.split("\\?", 2)[0];
        String[] seg = p.split("/", 4);
        return seg.length >= 3 ? "/" + seg[1] + "/" + seg[2] : p;
    }
}
