package fr.regie.server.http;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cross-origin access for browser apps, on every path. Any origin may read (keys travel in a
 * header, never in cookies, so no credentials are involved); a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered here, before any key is asked for, and
 * allows the headers Régie's clients send: {@code X-API-Key}, {@code Authorization},
 * {@code If-None-Match}, {@code If-Modified-Since}, {@code Accept}, {@code Content-Type}. The
 * headers apps need to read (ETag, Link for pages, Retry-After after a 429, Location,
 * X-Regie-Truncated on a cut SPARQL answer) are exposed.
 */
public final class CorsFilter implements Filter {
    static final String ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Accept, Accept-Language, Authorization, Cache-Control, Content-Type, "
            + "If-Modified-Since, If-None-Match, X-API-Key";
    static final String EXPOSED_HEADERS = "Content-Location, ETag, Last-Modified, Link, Location, Retry-After, X-Regie-Truncated";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String origin = req.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
            resp.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            resp.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            resp.setHeader("Access-Control-Max-Age", "86400");
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        resp.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        chain.doFilter(request, response);
    }
}
