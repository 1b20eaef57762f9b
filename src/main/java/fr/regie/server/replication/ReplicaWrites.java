package fr.regie.server.replication;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.regie.server.ReplicaRole;
import fr.regie.server.ServerContext;
import fr.regie.server.http.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * On a read replica, what would refresh or write is the primary's business: {@code /admin/…} (the
 * snapshot endpoint included: replicas do not serve each other) and a partner's check
 * ({@code POST /partners/{id}/check}) answer 421 with the primary's URL. Pages, data, queries
 * and feeds pass. On a primary, everything passes.
 */
final class ReplicaWrites implements Filter {
    private static final Pattern CHECK = Pattern.compile("/partners/[^/]+/check/?");

    private final ServerContext context;

    ReplicaWrites(ServerContext context) {
        this.context = context;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        Optional<ReplicaRole> role = context.replica();
        HttpServletRequest req = (HttpServletRequest) request;
        if (role.isPresent() && writes(req)) {
            String primary = role.get().primary();
            Problem.send((HttpServletResponse) response, 421, "read replica: send this to the primary, " + primary,
                    Map.of("primary", primary));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean writes(HttpServletRequest req) {
        // The decoded path the servlets are chosen by, not the raw URI (/%61dmin/ is /admin/ to them).
        String path = req.getServletPath() + Optional.ofNullable(req.getPathInfo()).orElse("");
        return path.equals("/admin") || path.startsWith("/admin/") || !req.getMethod().equals("OPTIONS") && CHECK.matcher(path).matches();
    }
}
