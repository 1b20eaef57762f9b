package fr.regie.server.ops;

import java.io.IOException;
import java.util.Optional;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /datasets/{id}/…}: finds the dataset (one the caller may not see does not exist for
 * them: 404, the same answer as for an unknown one) and hands the request to the dump, the
 * change feed or its event stream. Read-only: GET and HEAD.
 */
final class DatasetsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ServerContext context;
    private final transient DatasetDump dump;
    private final transient ChangeFeed changes;
    private final transient LdesFeed ldes;

    DatasetsServlet(ServerContext context, int ldesPageSize) {
        this.context = context;
        this.dump = new DatasetDump(context);
        this.changes = new ChangeFeed(context);
        this.ldes = new LdesFeed(context, ldesPageSize);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            Problem.send(resp, 405, method + " is not allowed on " + req.getRequestURI() + " (read-only: GET or HEAD)");
            return;
        }
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String[] parts = path.substring(1).split("/", -1);
        Optional<DatasetSpec> spec = parts[0].isEmpty() ? Optional.empty()
                : context.registry().dataset(parts[0]).filter(d -> context.access().canSee(ApiKeyFilter.caller(req), d));
        if (spec.isEmpty()) {
            Problem.send(resp, 404, parts[0].isEmpty() ? "name a dataset: /datasets/{id}/dump.nq.gz or /datasets/{id}/changes"
                    : "no dataset '" + parts[0] + "' (or not one your key may see)");
            return;
        }
        if (parts.length == 2 && parts[1].equals("dump.nq.gz")) {
            dump.send(req, resp, spec.get());
        } else if (parts.length == 2 && parts[1].equals("changes")) {
            changes.page(req, resp, spec.get());
        } else if (parts.length == 3 && parts[1].equals("changes")) {
            changes.patch(req, resp, spec.get(), parts[2]);
        } else if (parts.length == 2 && parts[1].equals("ldes")) {
            ldes.stream(req, resp, spec.get());
        } else if (parts.length == 3 && parts[1].equals("ldes")) {
            ldes.page(req, resp, spec.get(), parts[2]);
        } else {
            Problem.send(resp, 404, "nothing at " + req.getRequestURI() + ": a dataset has /dump.nq.gz, /changes, /changes/{version},"
                    + " /ldes and /ldes/{page}");
        }
    }
}
