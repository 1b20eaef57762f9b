package fr.regie.server.status;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.registry.Registry;
import fr.regie.pipeline.Scheduler;
import fr.regie.pipeline.MetaRecords;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.replication.ReplicationStatus;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /status} (JSON): per dataset, the live version and size, the last run (from the metadata
 * graph, so it survives restarts), whether a refresh is running and when the next one is due; and
 * the node's part in replication ({@link ReplicationStatus}).
 */
final class StatusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final transient ServerContext context;
    private final Instant started = Instant.now();

    StatusServlet(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Registry registry = context.registry();
        Scheduler scheduler = context.scheduler();
        Caller caller = ApiKeyFilter.caller(req);
        ObjectNode root = JSON.createObjectNode();
        root.put("territory", registry.territory().name());
        root.put("serverStarted", started.toString());
        ArrayNode datasets = root.putArray("datasets");
        // Datasets the caller may not see are not listed at all.
        List<String> ids = context.access().visibleDatasets(caller).stream().map(d -> d.id()).toList();
        List<MetaRecords.DatasetStatus> statuses = MetaRecords.of(context.store().dataset(), context.graphs(), ids, 1);
        Map<String, Scheduler.Entry> entries = new java.util.HashMap<>();
        if (scheduler != null) {
            scheduler.entries().forEach(e -> entries.put(e.dataset(), e));
        }
        for (MetaRecords.DatasetStatus s : statuses) {
            ObjectNode d = datasets.addObject();
            d.put("id", s.id());
            d.put("version", s.version());
            s.triples().ifPresent(t -> d.put("triples", t));
            s.modified().ifPresent(m -> d.put("modified", m));
            Scheduler.Entry e = entries.get(s.id());
            if (e != null) {
                e.schedule().ifPresent(c -> d.put("schedule", c));
                e.nextRun().ifPresent(n -> d.put("nextRun", n.toOffsetDateTime().toString()));
                d.put("running", e.running());
            }
            s.lastRun().ifPresent(r -> {
                ObjectNode l = d.putObject("lastRun");
                l.put("started", r.started());
                l.put("ended", r.ended());
                l.put("outcome", r.outcome());
                if (!r.message().isEmpty()) {
                    l.put("message", r.message());
                }
                l.put("rowsRead", r.rowsRead());
                l.put("triplesAdded", r.added());
                l.put("triplesRemoved", r.removed());
                ObjectNode m = l.putObject("quality");
                r.measurements().forEach(m::put);
            });
        }
        root.set("replication", ReplicationStatus.json(context, caller));
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        JSON.writeValue(resp.getOutputStream(), root);
    }
}
