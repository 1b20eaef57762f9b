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
 * is the one point they all pass. See {@link ProblemResponse}.
 */
public final class ProblemFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        ProblemResponse wrapped = new ProblemResponse((HttpServletResponse) response);
        chain.doFilter(request, wrapped);
        wrapped.finish();
    }
}
