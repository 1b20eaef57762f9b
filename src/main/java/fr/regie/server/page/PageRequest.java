package fr.regie.server.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.server.ServerContext;

/**
 * What a page needs to know of its request: the server's public base URL (ending with a slash),
 * the reader's language, the territory's name, and the request's own path and query (for the
 * language switch, which reloads the same page in the other language).
 */
public record PageRequest(String base, Lang lang, String territory, String path, String query) {

    /** The page request of {@code req}; remembers a language chosen with {@code ?lang=} ({@link Lang#of(HttpServletRequest, HttpServletResponse)}). */
    public static PageRequest of(ServerContext context, HttpServletRequest req, HttpServletResponse resp) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return new PageRequest(context.publicBase(req), Lang.of(req, resp), context.registry().territory().name(), path,
                req.getQueryString());
    }

    /** The URL of a path of this server ({@code "map"} → {@code http://host/map}). */
    public String url(String relative) {
        return base + (relative.startsWith("/") ? relative.substring(1) : relative);
    }

    /** This page in the other language. */
    public String switchUrl() {
        StringBuilder q = new StringBuilder();
        if (query != null) {
            for (String p : query.split("&")) {
                if (!p.isEmpty() && !p.startsWith(Lang.PARAM + "=")) {
                    q.append(p).append('&');
                }
            }
        }
        q.append(Lang.PARAM).append('=').append(lang.other().code());
        return url(path) + "?" + q;
    }

    /** The texts of {@code owner}'s feature in the reader's language. */
    public Messages messages(Class<?> owner) {
        return Messages.of(owner, lang);
    }
}
