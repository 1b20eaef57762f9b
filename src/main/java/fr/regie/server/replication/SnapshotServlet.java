package fr.regie.server.replication;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.DatasetSpec;
import fr.regie.replication.Entry;
import fr.regie.replication.MetaState;
import fr.regie.replication.RegistryBundle;
import fr.regie.replication.SnapshotSource;
import fr.regie.server.ServerContext;
import fr.regie.server.http.Accept;
import fr.regie.server.http.Problem;
import fr.regie.server.ops.AdminOnly;
import fr.regie.store.GraphDump;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /admin/replication/{dataset}/snapshot}, admin key only: the dataset's data graph and
 * metadata graph as N-Quads (gzipped when the client takes gzip), written from one read
 * transaction as they are read, never whole in memory, so both are the same commit. The headers
 * say which: {@code Regie-Version} (the data version), {@code Regie-Run} (the metadata graph's
 * last run, absent when none) and {@code Regie-Store} (the store's identity). What a replica
 * loads when the log cannot bring it a version; the N-Quads end with the line
 * {@code # regie-snapshot-end quads=N} (N quads written), without which a replica refuses them.
 * {@code GET /admin/replication/registry}: the registry bundle served now, with headers
 * {@code Regie-Registry-Sha256} and {@code Regie-Store}. A caller without the key gets what any
 * admin path gives it.
 */
final class SnapshotServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([^/]+)/snapshot");

    private final transient ServerContext context;

    SnapshotServlet(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!AdminOnly.check(req, resp)) {
            return;
        }
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        Matcher m = PATH.matcher(path);
        boolean registry = path.equals("/registry");
        if (!m.matches() && !registry) {
            Problem.send(resp, 404, "no admin action at " + req.getRequestURI()
                    + " (GET /admin/replication/{dataset}/snapshot, GET /admin/replication/registry)");
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            Problem.send(resp, 405, req.getMethod() + " is not allowed on " + req.getRequestURI() + ": use GET");
            return;
        }
        if (registry) {
            registry(req, resp);
            return;
        }
        Optional<DatasetSpec> spec = context.registry().dataset(m.group(1));
        if (spec.isEmpty()) {
            Problem.send(resp, 404, "no dataset '" + m.group(1) + "' in the registry");
            return;
        }
        String id = spec.get().id();
        String store = context.store().layout().identity();
        boolean gzip = Accept.takesGzip(req.getHeader("Accept-Encoding"));
        DatasetGraph dsg = context.store().dataset();
        dsg.begin(TxnType.READ);
        try {
            MetaState state = MetaState.of(dsg, context.graphs(), id);
            resp.setStatus(200);
            resp.setContentType("application/n-quads");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("Vary", "Accept-Encoding");
            resp.setHeader(Entry.VERSION, Long.toString(state.version()));
            if (!state.lastRun().isEmpty()) {
                resp.setHeader(Entry.RUN, state.lastRun());
            }
            resp.setHeader(Entry.STORE, store);
            if (gzip) {
                resp.setHeader("Content-Encoding", "gzip");
            }
            if (req.getMethod().equals("HEAD")) {
                return;
            }
            OutputStream raw = resp.getOutputStream();
            GZIPOutputStream zipped = gzip ? new GZIPOutputStream(raw, 1 << 16) : null;
            OutputStream out = new BufferedOutputStream(zipped != null ? zipped : raw, 1 << 16);
            long quads = GraphDump.writeNQuads(dsg, context.graphs().dataset(id), out);
            quads += GraphDump.writeNQuads(dsg, context.graphs().meta(id), out);
            // The replica loads only a snapshot ending with this line: a cut one is refused, not loaded in part.
            out.write((SnapshotSource.END + quads + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (zipped != null) {
                zipped.finish();
            }
        } finally {
            dsg.end();
        }
    }

    /** The registry served now, as the bundle the primary publishes: what a replica installs when the log's did not reach it. */
    private void registry(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RegistryBundle bundle = RegistryBundle.pack(context.registry());
        resp.setStatus(200);
        resp.setContentType("application/zip");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader(RegistryBundle.SHA256, bundle.sha256());
        resp.setHeader(Entry.STORE, context.store().layout().identity());
        resp.setContentLength(bundle.zip().length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(bundle.zip());
        }
    }
}
