package fr.regie.server.http;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * First in the chain: every error answered below it, Fuseki's included (a query that does not
 * parse, a method or media type it does not take, a query it refuses or that timed out), leaves
 * as a problem document. Fuseki writes those errors itself as plain text from many places; this
 * is the one point they all pass. See {@link ProblemResponse}. It also refuses, with 405, the
 * methods no endpoint takes (TRACE among them), and says {@code X-Content-Type-Options: nosniff}.
 */
public final class ProblemFilter implements Filter {
    /** The methods any endpoint answers; the others are refused here, before anything reads the request. */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse resp = (HttpServletResponse) response;
        // Every answer is what its Content-Type says, never sniffed into something else.
        resp.setHeader("X-Content-Type-Options", "nosniff");
        String method = ((jakarta.servlet.http.HttpServletRequest) request).getMethod();
        if (!METHODS.contains(method)) {
            // TRACE would echo the API key back; WebDAV and other verbs name nothing here.
            resp.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
            Problem.send(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "the method " + method + " is not allowed here");
            return;
        }
        ProblemResponse wrapped = new ProblemResponse((HttpServletResponse) response);
        chain.doFilter(request, wrapped);
        wrapped.finish();
    }
}
