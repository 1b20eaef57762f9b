package fr.regie.server.ops;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.registry.RegistryException;
import fr.regie.server.ServerContext;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The operator's actions, admin key only, by POST:
 * <ul>
 * <li>{@code /admin/refresh/{id}} starts a refresh of the dataset in the background and answers
 *     202 with {@code Location: /status}; with {@code ?wait=true} it runs it and answers 200 with
 *     the result (outcome, version, triples added and removed, quality). With
 *     {@code ?allowMassDeletion=true} the refresh may delete more of the live graph than the
 *     dataset's regie:maxRemovalShare. A refresh of the dataset already running (scheduled or
 *     asked for) is 409: two never run at once.</li>
 * <li>{@code /admin/reload} reads the registry file again and swaps it in: datasets, access
 *     levels and keys. A registry with an error is 422 naming the file and line, and the one in
 *     use stays.</li>
 * </ul>
 */
final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);

    private final transient ServerContext context;
    /** Datasets whose refresh was asked for here and has not ended. */
    private final transient Set<String> pending = ConcurrentHashMap.newKeySet();

    AdminServlet(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!AdminOnly.check(req, resp)) {
            return;
        }
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        boolean known = path.equals("/reload") || path.matches("/refresh/[^/]+");
        if (!known) {
            Problem.send(resp, 404, "no admin action at " + req.getRequestURI() + " (POST /admin/refresh/{dataset} or /admin/reload)");
            return;
        }
        if (!req.getMethod().equals("POST")) {
            resp.setHeader("Allow", "POST");
            Problem.send(resp, 405, req.getMethod() + " is not allowed on " + req.getRequestURI() + ": use POST");
            return;
        }
        if (path.equals("/reload")) {
            reload(resp);
        } else {
            refresh(req, resp, path.substring("/refresh/".length()));
        }
    }

    private void refresh(HttpServletRequest req, HttpServletResponse resp, String id) throws IOException {
        String wait = Optional.ofNullable(req.getParameter("wait")).orElse("false");
        if (!wait.equals("true") && !wait.equals("false")) {
            Problem.send(resp, 400, "'wait' must be true or false, not '" + wait + "'");
            return;
        }
        String allow = Optional.ofNullable(req.getParameter("allowMassDeletion")).orElse("false");
        if (!allow.equals("true") && !allow.equals("false")) {
            Problem.send(resp, 400, "'allowMassDeletion' must be true or false, not '" + allow + "'");
            return;
        }
        Set<Refresher.Flag> flags = allow.equals("true") ? Set.of(Refresher.Flag.ALLOW_MASS_DELETION) : Set.of();
        Optional<DatasetSpec> spec = context.registry().dataset(id);
        if (spec.isEmpty()) {
            Problem.send(resp, 404, "no dataset '" + id + "' in the registry " + context.registry().file());
            return;
        }
        Refresher refresher = context.refresher();
        if (refresher == null) {
            Problem.send(resp, 503, "this server only serves: it was started without refreshes");
            return;
        }
        if (refresher.running(id) || !pending.add(id)) {
            Problem.send(resp, 409, "a refresh of '" + id + "' is already running: see " + context.publicBase(req) + "status");
            return;
        }
        if (wait.equals("true")) {
            Optional<RefreshResult> r;
            try {
                r = run(refresher, spec.get(), flags);
            } catch (RuntimeException e) {
                Problem.send(resp, 500, "the refresh of '" + id + "' crashed: " + e);
                return;
            } finally {
                pending.remove(id);
            }
            if (r.isEmpty()) {
                Problem.send(resp, 409, "a scheduled refresh of '" + id + "' started first: see " + context.publicBase(req) + "status");
            } else {
                Json.send(resp, 200, RefreshJson.of(r.get()));
            }
            return;
        }
        Thread.ofPlatform().daemon().name("regie-admin-refresh-" + id).start(() -> {
            try {
                run(refresher, spec.get(), flags);
            } catch (RuntimeException e) {
                // Logged by run(); the outcome of a background refresh is read at /status.
            } finally {
                pending.remove(id);
            }
        });
        String status = context.publicBase(req) + "status";
        resp.setHeader("Location", status);
        ObjectNode body = Json.object();
        body.put("dataset", id);
        body.put("refresh", "started");
        body.put("status", status);
        Json.send(resp, 202, body);
    }

    private static Optional<RefreshResult> run(Refresher refresher, DatasetSpec spec, Set<Refresher.Flag> flags) {
        try {
            Optional<RefreshResult> r = refresher.refresh(spec, flags);
            r.ifPresent(x -> LOG.info("admin refresh {}", x.line()));
            return r;
        } catch (RuntimeException e) {
            LOG.error("{}: refresh crashed: {}", spec.id(), e.toString(), e);
            throw e;
        }
    }

    private void reload(HttpServletResponse resp) throws IOException {
        Registry old = context.registry();
        Registry fresh;
        try {
            fresh = Registry.read(old.file());
            context.reload(fresh);
        } catch (RegistryException | IllegalArgumentException e) {
            Problem.send(resp, 422, "the registry was not reloaded, the one in use stays: " + e.getMessage());
            return;
        }
        List<String> before = old.datasets().stream().map(DatasetSpec::id).toList();
        List<String> after = fresh.datasets().stream().map(DatasetSpec::id).toList();
        ObjectNode body = Json.object();
        body.put("registry", old.file().toString());
        after.forEach(body.putArray("datasets")::add);
        after.stream().filter(d -> !before.contains(d)).forEach(body.putArray("added")::add);
        before.stream().filter(d -> !after.contains(d)).forEach(body.putArray("removed")::add);
        Json.send(resp, 200, body);
    }
}
