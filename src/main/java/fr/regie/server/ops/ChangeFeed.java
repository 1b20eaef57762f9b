package fr.regie.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.store.ChangeLog;
import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A dataset's change feed, from the change log the refreshes write (one RDF Patch per accepted
 * version). {@code GET /datasets/{id}/changes?after=V&limit=N} pages through the versions after V
 * (JSON: version, time, added, removed, url; {@code Link} rel="next"/"prev"), or, with
 * {@code Accept: application/rdf-patch}, sends the patches of the page one after the other.
 * {@code GET /datasets/{id}/changes/{V}} is the patch of version V. {@code X-Regie-Version} says
 * the version a copy reaches once it applied what it got: a consumer syncs by taking the dump,
 * then asking for the changes after the dump's version, again and again after the version each
 * answer reached. Only committed versions are listed (a refresh writes its patch just before it
 * commits).
 */
final class ChangeFeed {
    static final String PATCH = MediaFormat.RDF_PATCH.mediaType();
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ServerContext context;

    ChangeFeed(ServerContext context) {
        this.context = context;
    }

    /** {@code /changes?after=V&limit=N}. */
    void page(HttpServletRequest req, HttpServletResponse resp, DatasetSpec spec) throws IOException {
        long after;
        int limit;
        try {
            after = parameter(req, "after", 0, Long.MAX_VALUE, 0);
            limit = (int) parameter(req, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        } catch (IllegalArgumentException e) {
            Problem.send(resp, 400, e.getMessage());
            return;
        }
        DatasetGraph dsg = context.store().dataset();
        record Snapshot(long live, Map<Long, MetaRecords.Version> records) {}
        Snapshot s = Txn.calculateRead(dsg, () -> new Snapshot(LiveVersion.of(dsg, context.graphs(), spec.id()).version(),
                MetaRecords.versions(dsg, context.graphs(), spec.id())));
        if (after > s.live()) {
            Problem.send(resp, 400, "after=" + after + " is beyond the live version of '" + spec.id() + "' (" + s.live() + ")");
            return;
        }
        long last = Math.min(s.live(), after + limit);
        ChangeLog log = context.store().layout().changeLog(spec.id());
        Set<Long> logged = new HashSet<>(log.versionsUpTo(s.live()));
        for (long v = after + 1; v <= last; v++) {
            if (!logged.contains(v)) {
                Problem.send(resp, 410, "version " + v + " of '" + spec.id() + "' has no patch in the change log (loaded"
                        + " without one): start from the dump " + dumpUrl(req, spec) + " and ask for the changes after the"
                        + " version it gives (" + DatasetDump.VERSION_HEADER + ")");
                return;
            }
        }
        String base = changesUrl(req, spec);
        List<String> links = new ArrayList<>();
        if (last < s.live()) {
            links.add("<" + base + "?after=" + last + "&limit=" + limit + ">; rel=\"next\"");
        }
        if (after > 0) {
            links.add("<" + base + "?after=" + Math.max(0, after - limit) + "&limit=" + limit + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            resp.setHeader("Link", String.join(", ", links));
        }
        resp.setHeader(DatasetDump.VERSION_HEADER, Long.toString(last));
        cacheHeaders(resp, spec);
        if (wantsPatch(req)) {
            resp.setStatus(200);
            resp.setContentType(PATCH);
            resp.setCharacterEncoding("UTF-8");
            OutputStream out = resp.getOutputStream();
            for (long v = after + 1; v <= last; v++) {
                try (InputStream in = log.open(v)) {
                    in.transferTo(out);
                }
            }
            return;
        }
        ObjectNode page = Json.object();
        page.put("dataset", spec.id());
        page.put("liveVersion", s.live());
        page.put("after", after);
        page.put("limit", limit);
        page.put("dump", dumpUrl(req, spec));
        ArrayNode items = page.putArray("changes");
        for (long v = after + 1; v <= last; v++) {
            ObjectNode item = items.addObject();
            MetaRecords.Version r = s.records().get(v);
            item.put("version", v);
            if (r != null) {
                item.put("time", r.time());
                item.put("added", r.added());
                item.put("removed", r.removed());
            }
            item.put("url", base + "/" + v);
        }
        if (last < s.live()) {
            page.put("next", base + "?after=" + last + "&limit=" + limit);
        }
        Json.send(resp, 200, page);
    }

    /** {@code /changes/{V}}: one version's patch. */
    void patch(HttpServletRequest req, HttpServletResponse resp, DatasetSpec spec, String version) throws IOException {
        long v;
        try {
            v = Long.parseLong(version);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1) {
            Problem.send(resp, 400, "'" + version + "' is not a version (versions are numbered from 1)");
            return;
        }
        DatasetGraph dsg = context.store().dataset();
        long live = Txn.calculateRead(dsg, () -> LiveVersion.of(dsg, context.graphs(), spec.id()).version());
        ChangeLog log = context.store().layout().changeLog(spec.id());
        if (v > live) {
            Problem.send(resp, 404, "no version " + v + " of '" + spec.id() + "' (the live version is " + live + ")");
            return;
        }
        if (!log.versionsUpTo(live).contains(v)) {
            Problem.send(resp, 404, "version " + v + " of '" + spec.id() + "' has no patch in the change log (loaded without one)");
            return;
        }
        String base = changesUrl(req, spec);
        List<String> links = new ArrayList<>();
        if (v < live) {
            links.add("<" + base + "/" + (v + 1) + ">; rel=\"next\"");
        }
        if (v > 1) {
            links.add("<" + base + "/" + (v - 1) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            resp.setHeader("Link", String.join(", ", links));
        }
        resp.setHeader(DatasetDump.VERSION_HEADER, Long.toString(v));
        cacheHeaders(resp, spec);
        resp.setStatus(200);
        resp.setContentType(PATCH);
        resp.setCharacterEncoding("UTF-8");
        if (!req.getMethod().equals("HEAD")) {
            try (InputStream in = log.open(v)) {
                in.transferTo(resp.getOutputStream());
            }
        }
    }

    private void cacheHeaders(HttpServletResponse resp, DatasetSpec spec) {
        resp.setHeader("Cache-Control", (context.access().canSee(Caller.ANONYMOUS, spec) ? "public" : "private") + ", no-cache");
        resp.setHeader("Vary", "Accept");
    }

    private static boolean wantsPatch(HttpServletRequest req) {
        // A page of links (JSON) unless the client prefers the patches themselves.
        return Negotiation.choose(req.getHeader("Accept"), List.of(MediaFormat.JSON, MediaFormat.RDF_PATCH))
                .filter(f -> f == MediaFormat.RDF_PATCH).isPresent();
    }

    private String changesUrl(HttpServletRequest req, DatasetSpec spec) {
        return context.publicBase(req) + "datasets/" + spec.id() + "/changes";
    }

    private String dumpUrl(HttpServletRequest req, DatasetSpec spec) {
        return context.publicBase(req) + "datasets/" + spec.id() + "/dump.nq.gz";
    }

    /** An integer query parameter within bounds, or its default when absent. */
    private static long parameter(HttpServletRequest req, String name, long min, long max, long dflt) {
        String[] values = req.getParameterValues(name);
        if (values == null) {
            return dflt;
        }
        if (values.length > 1) {
            throw new IllegalArgumentException("give '" + name + "' once");
        }
        try {
            long v = Long.parseLong(values[0].strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new IllegalArgumentException("'" + name + "' must be an integer from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", not '" + values[0] + "'");
    }
}
