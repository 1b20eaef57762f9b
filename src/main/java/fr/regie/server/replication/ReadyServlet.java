package fr.regie.server.replication;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.replication.Follower;
import fr.regie.server.ReplicaRole;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /$/ready}, for load balancers: 200 on a primary; on a replica, 200 once its registry
 * is known, each dataset has been bootstrapped and each lags within the ready bounds, else 503
 * (problem+json) naming the datasets behind that the caller may see (the others are counted).
 * Liveness stays Fuseki's {@code /$/ping}.
 */
final class ReadyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ServerContext context;

    ReadyServlet(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            Problem.send(resp, 405, req.getMethod() + " is not allowed on " + req.getRequestURI() + ": use GET");
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        Optional<ReplicaRole> role = context.replica();
        ObjectNode body = JSON.createObjectNode();
        body.put("ready", true);
        if (role.isEmpty()) {
            body.put("role", "primary");
            send(resp, body);
            return;
        }
        Follower.Status status = role.get().status().get();
        List<String> behind = status.behind(role.get().readyLagVersions(), role.get().readyLagSeconds());
        if (!status.registryKnown() || !behind.isEmpty()) {
            var caller = ApiKeyFilter.caller(req);
            List<String> shown = behind.stream().filter(d -> context.access().canSee(caller, d)).toList();
            int hidden = behind.size() - shown.size();
            String detail = !status.registryKnown() ? "read replica not ready: its registry is not known yet"
                    : "read replica not ready (" + status.state().text() + "): behind the primary by more than "
                    + role.get().readyLagVersions() + " version(s) or " + role.get().readyLagSeconds().toSeconds() + " s, or not loaded yet: "
                    + String.join(", ", shown) + (hidden == 0 ? "" : (shown.isEmpty() ? "" : " and ") + hidden + " dataset(s) your key may not see");
            Problem.send(resp, 503, detail);
            return;
        }
        body.put("role", "replica");
        send(resp, body);
    }

    private static void send(HttpServletResponse resp, ObjectNode body) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
