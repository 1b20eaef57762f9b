package fr.regie.server.ops;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;
import fr.regie.store.GraphDump;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /datasets/{id}/dump.nq.gz}: the dataset's graph at its live version, as gzipped
 * N-Quads, written from one read transaction straight to the client (and to the dump cache),
 * never whole in memory. The dump holds the data graph only, not the metadata graph: it is
 * exactly version N, on which the patches of the change feed after N apply. The entity tag names
 * the version; {@code If-None-Match} with it answers 304.
 */
final class DatasetDump {
    /** The response header giving the version a dump, a patch or a page of patches brings a copy to. */
    static final String VERSION_HEADER = "X-Regie-Version";

    private final ServerContext context;
    private final DumpCache cache;

    DatasetDump(ServerContext context) {
        this.context = context;
        this.cache = new DumpCache(context.store().layout().dumps());
    }

    void send(HttpServletRequest req, HttpServletResponse resp, DatasetSpec spec) throws IOException {
        DatasetGraph dsg = context.store().dataset();
        dsg.begin(TxnType.READ);
        try {
            LiveVersion v = LiveVersion.of(dsg, context.graphs(), spec.id());
            resp.setHeader("ETag", v.etag());
            resp.setHeader(VERSION_HEADER, Long.toString(v.version()));
            // A dump that not everyone may see must not sit in a shared cache.
            boolean open = context.access().canSee(Caller.ANONYMOUS, spec);
            resp.setHeader("Cache-Control", (open ? "public" : "private") + ", no-cache");
            if (v.matches(req.getHeader("If-None-Match"))) {
                resp.setStatus(304);
                return;
            }
            resp.setStatus(200);
            resp.setContentType("application/gzip");
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + spec.id() + "-v" + v.version() + ".nq.gz\"");
            Optional<Path> cached = cache.get(v);
            if (cached.isPresent()) {
                resp.setContentLengthLong(Files.size(cached.get()));
            }
            if (req.getMethod().equals("HEAD")) {
                return;
            }
            if (cached.isPresent()) {
                Files.copy(cached.get(), resp.getOutputStream());
                return;
            }
            try (DumpCache.Tee out = cache.open(v, resp.getOutputStream())) {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                OutputStream buffered = new BufferedOutputStream(gz, 1 << 16);
                GraphDump.writeNQuads(dsg, context.graphs().dataset(spec.id()), buffered);
                buffered.flush();
                gz.finish();
                out.commit();
            }
        } finally {
            dsg.end();
        }
    }
}
