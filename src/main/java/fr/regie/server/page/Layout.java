package fr.regie.server.page;

import static fr.regie.server.http.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.server.http.MediaFormat;

/**
 * The page around every feature's content: the document head (title, viewport, the one
 * stylesheet {@code assets/regie.css}, the feature's own styles and scripts), a link to skip to
 * the content, the header with the territory and the navigation (home, datasets, map, SPARQL
 * editor, API console, catalog), the language switch, then the feature's {@code <main>} and a footer.
 */
public final class Layout {
    /** The sections of the navigation, by path. */
    public enum Section {
        HOME(""), DATASETS("datasets"), MAP("map"), SPARQL("sparql"), API("api"), CATALOG("catalog"), NONE(null);

        private final String path;

        Section(String path) {
            this.path = path;
        }
    }

    /**
     * What a feature adds to the head: stylesheets and scripts (paths on this server, e.g.
     * {@code assets/webjars/leaflet/1.9.4/dist/leaflet.css}; scripts are deferred), and
     * alternate representations of the page ({@code <link rel="alternate">}, media type → URL).
     */
    public record Head(List<String> styles, List<String> scripts, List<String[]> alternates) {
        public static final Head NONE = new Head(List.of(), List.of(), List.of());

        public Head withAlternate(String mediaType, String url) {
            List<String[]> a = new java.util.ArrayList<>(alternates);
            a.add(new String[] {mediaType, url});
            return new Head(styles, scripts, List.copyOf(a));
        }
    }

    private Layout() {}

    /** The whole page, {@code main} being the feature's content (HTML it escaped itself). */
    public static String render(PageRequest p, Section current, String title, Head head, String main) {
        Messages m = Messages.of(Layout.class, p.lang());
        StringBuilder b = new StringBuilder(main.length() + 4096);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(p.lang().code()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · ").append(esc(m.get("site.name"))).append("</title>")
                .append("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").append(esc(p.url("assets/favicon.svg"))).append("\">")
                .append("<link rel=\"stylesheet\" href=\"").append(esc(p.url("assets/regie.css"))).append("\">");
        for (String s : head.styles()) {
            b.append("<link rel=\"stylesheet\" href=\"").append(esc(p.url(s))).append("\">");
        }
        for (String[] a : head.alternates()) {
            b.append("<link rel=\"alternate\" type=\"").append(esc(a[0])).append("\" href=\"").append(esc(a[1])).append("\">");
        }
        for (String s : head.scripts()) {
            b.append("<script defer src=\"").append(esc(p.url(s))).append("\"></script>");
        }
        b.append("</head><body>\n<a class=\"skip\" href=\"#main\">").append(esc(m.get("skip"))).append("</a>")
                .append("<header class=\"site\"><a class=\"brand\" href=\"").append(esc(p.url(""))).append("\">")
                .append(esc(m.get("site.name"))).append(" · ").append(esc(p.territory())).append("</a>")
                .append("<nav aria-label=\"").append(esc(m.get("nav.label"))).append("\"><ul>");
        for (Section s : Section.values()) {
            if (s == Section.NONE) {
                continue;
            }
            b.append("<li><a href=\"").append(esc(p.url(s.path))).append('"');
            if (s == current) {
                b.append(" aria-current=\"page\"");
            }
            b.append('>').append(esc(m.get("nav." + s.name().toLowerCase(java.util.Locale.ROOT)))).append("</a></li>");
        }
        b.append("</ul></nav><a class=\"lang\" hreflang=\"").append(p.lang().other().code()).append("\" lang=\"")
                .append(p.lang().other().code()).append("\" href=\"").append(esc(p.switchUrl())).append("\">")
                .append(esc(m.get("lang.switch"))).append("</a></header>\n<main id=\"main\">\n")
                .append(main)
                .append("\n</main>\n<footer class=\"site\">").append(esc(m.get("footer"))).append("</footer></body></html>\n");
        return b.toString();
    }

    /** Sends a page: {@code 200}, HTML, not stored by shared caches when it depends on the caller. */
    public static void send(HttpServletRequest req, HttpServletResponse resp, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(MediaFormat.HTML.contentType());
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }
}
