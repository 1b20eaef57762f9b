package fr.regie.server.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.pipeline.RefreshResult;

/** A refresh's result as JSON, for {@code POST /admin/refresh/{id}?wait=true}. */
final class RefreshJson {
    private RefreshJson() {}

    static ObjectNode of(RefreshResult r) {
        ObjectNode o = Json.object();
        o.put("dataset", r.dataset());
        o.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        o.put("version", r.version());
        o.put("rowsRead", r.rowsRead());
        o.put("triplesAdded", r.added());
        o.put("triplesRemoved", r.removed());
        o.put("incremental", r.incremental());
        if (r.quality() != null) {
            ObjectNode q = o.putObject("quality");
            q.put("conforms", r.quality().conforms());
            q.put("violations", r.quality().violations());
            q.put("warnings", r.quality().warnings());
        }
        o.put("linked", r.linked());
        o.put("unmatched", r.unmatched());
        o.put("iris", r.irisPlaced());
        if (r.message() != null && !r.message().isEmpty()) {
            o.put("message", r.message());
        }
        o.put("attempts", r.attempts());
        o.put("started", r.start().toString());
        o.put("ended", r.end().toString());
        return o;
    }
}
