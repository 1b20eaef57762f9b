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
 * Refuses, with 400, a request whose {@code Host} is not one of the server's names, when links
 * are built from the request (no public URL configured). Answering it would put that host in the
 * links of pages, the catalog, OpenAPI and {@code Link} headers, and a shared cache could keep
 * such an answer (resources and the catalog are {@code Cache-Control: public}) and give it to
 * everyone else. Refusing is simpler to reason about than answering with other links: a
 * foreign name never reaches any answer.
 */
public final class HostFilter implements Filter {
    private final HostNames names;

    public HostFilter(HostNames names) {
        this.names = names;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (!names.allows(req)) {
            HttpServletResponse resp = (HttpServletResponse) response;
            resp.setHeader("Cache-Control", "no-store");
            String host = req.getHeader("Host");
            host = host == null ? req.getServerName() : HostNames.hostOf(host);
            // Echoed in JSON (escaped), and cut short: a header may be long.
            Problem.send(resp, 400, "this server does not answer to the host "
                    + (host.length() > 80 ? host.substring(0, 80) + "…" : host)
                    + ": its operator names the hosts it serves (regie serve --public-url URL, or --allowed-host NAME)");
            return;
        }
        chain.doFilter(request, response);
    }
}
