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
import fr.regie.server.http.Downloads;
import fr.regie.store.GraphDump;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /datasets/{id}/dump.nq.gz}: the dataset's graph at its live version, as gzipped
 * N-Quads, written from one read transaction to the dump cache on disk (never whole in memory)
 * when the version has no dump yet, then sent from there: every answer, HEAD and the first one
 * included, has its real {@code Content-Length}. The dump holds the data graph only, not the metadata graph: it is
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

    /**
     * The cached dump of the live version, written first when absent (from {@code dsg}, inside
     * its read transaction). A disk that refuses the file is an {@link IOException}.
     */
    private Path build(DatasetGraph dsg, LiveVersion v, DatasetSpec spec) throws IOException {
        Optional<Path> cached = cache.get(v);
        if (cached.isPresent()) {
            return cached.get();
        }
        try (DumpCache.Tee out = cache.open(v, OutputStream.nullOutputStream())) {
            GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
            OutputStream buffered = new BufferedOutputStream(gz, 1 << 16);
            GraphDump.writeNQuads(dsg, context.graphs().dataset(spec.id()), buffered);
            buffered.flush();
            gz.finish();
            out.commit();
        }
        return cache.get(v).orElseThrow(() -> new IOException("the dump of " + spec.id() + " could not be kept on disk"));
    }

    /** The size in bytes of the dataset's dump at its live version (built and cached when absent). */
    long size(DatasetSpec spec) throws IOException {
        DatasetGraph dsg = context.store().dataset();
        // Inside a read transaction of the caller's (the catalog's), or in one of its own.
        boolean own = !dsg.isInTransaction();
        if (own) {
            dsg.begin(TxnType.READ);
        }
        try {
            return Files.size(build(dsg, LiveVersion.of(dsg, context.graphs(), spec.id()), spec));
        } finally {
            if (own) {
                dsg.end();
            }
        }
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
            // Built into the cache before answering when absent, so that even the first HEAD gives the real length.
            Path file = build(dsg, v, spec);
            resp.setContentLengthLong(Files.size(file));
            if (req.getMethod().equals("HEAD")) {
                return;
            }
            Downloads.send(req, resp, file);
        } finally {
            dsg.end();
        }
    }
}
