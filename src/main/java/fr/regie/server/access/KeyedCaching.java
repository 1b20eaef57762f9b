package fr.regie.server.access;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * What a shared cache (a proxy, a CDN) may keep of an answer, decided where the caller is known
 * rather than by each endpoint: every answer varies with the key headers, so that no cache gives
 * a keyed answer to anyone else; and an answer to a caller with a key is {@code private} (never
 * {@code public}, and private too where the endpoint said nothing, which a cache could otherwise
 * keep on its own heuristics). Answers to anonymous callers hold only public data and keep what
 * their endpoint says.
 */
final class KeyedCaching extends HttpServletResponseWrapper {
    /** The request headers an answer depends on, besides those its endpoint names. */
    static final String KEY_HEADERS = ApiKeyFilter.HEADER + ", Authorization";

    private final boolean keyed;

    KeyedCaching(HttpServletResponse response, boolean keyed) {
        super(response);
        this.keyed = keyed;
        super.setHeader("Vary", KEY_HEADERS);
        if (keyed) {
            super.setHeader("Cache-Control", "private");
        }
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, rewrite(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Vary".equalsIgnoreCase(name) || "Cache-Control".equalsIgnoreCase(name)) {
            String before = getHeader(name);
            super.setHeader(name, rewrite(name, before == null ? value : before + ", " + value));
            return;
        }
        super.addHeader(name, value);
    }

    private String rewrite(String name, String value) {
        if (value == null) {
            return null;
        }
        if ("Vary".equalsIgnoreCase(name)) {
            Set<String> names = new LinkedHashSet<>();
            for (String v : (value + ", " + KEY_HEADERS).split(",")) {
                if (!v.isBlank()) {
                    names.add(v.strip());
                }
            }
            return String.join(", ", names);
        }
        if ("Cache-Control".equalsIgnoreCase(name) && keyed) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.contains("no-store") || lower.contains("private")) {
                return value.replaceAll("(?i)\\bpublic\\b,?\\s*", "");
            }
            return "private" + (value.isBlank() ? "" : ", " + value.replaceAll("(?i)\\bpublic\\b,?\\s*", "")).replaceAll(",\\s*$", "");
        }
        return value;
    }
}
