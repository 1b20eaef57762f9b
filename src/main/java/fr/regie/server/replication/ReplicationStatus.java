package fr.regie.server.replication;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.replication.Follower;
import fr.regie.server.ReplicaRole;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;

/**
 * The {@code replication} block of {@code /status}: the node's role and, on a replica, the primary
 * it follows, the log, its state, the position reached, whether it is ready, and per dataset the
 * caller may see its version, the primary's, and the lag in versions and seconds. The last error
 * is the operator's only (it may name any dataset).
 */
public final class ReplicationStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplicationStatus() {}

    public static ObjectNode json(ServerContext context, Caller caller) {
        ObjectNode out = JSON.createObjectNode();
        Optional<ReplicaRole> role = context.replica();
        if (role.isEmpty()) {
            out.put("role", "primary");
            context.publishing().ifPresent(p -> {
                out.put("stream", p.stream());
                out.put("connected", p.connected());
                out.put("pending", p.pending());
                ArrayNode datasets = out.putArray("datasets");
                p.datasets().forEach((id, published) -> {
                    if (context.access().canSee(caller, id)) {
                        ObjectNode n = datasets.addObject();
                        n.put("id", id);
                        n.put("publishedVersion", published.version());
                        n.put("position", published.position());
                        n.put("publishedAt", published.at().toString());
                    }
                });
                if (caller.admin()) {
                    p.lastError().ifPresent(e -> out.put("lastError", e));
                }
            });
            return out;
        }
        Follower.Status s = role.get().status().get();
        out.put("role", "replica");
        out.put("primary", role.get().primary());
        out.put("stream", s.stream());
        out.put("state", s.state().text());
        out.put("position", s.position());
        out.put("forgedMessages", s.forgedMessages());
        out.put("ready", s.registryKnown() && s.behind(role.get().readyLagVersions(), role.get().readyLagSeconds()).isEmpty());
        ArrayNode datasets = out.putArray("datasets");
        for (Follower.DatasetStatus d : s.datasets()) {
            if (!context.access().canSee(caller, d.dataset())) {
                continue;
            }
            ObjectNode n = datasets.addObject();
            n.put("id", d.dataset());
            n.put("version", d.version());
            n.put("primaryVersion", d.primaryVersion());
            n.put("lagVersions", d.lagVersions());
            n.put("lagSeconds", Math.round(d.lagSeconds() * 1000) / 1000.0);
            n.put("bootstrapped", d.bootstrapped());
        }
        if (caller.admin()) {
            s.lastError().ifPresent(e -> out.put("lastError", e));
            s.lastErrorAt().ifPresent(t -> out.put("lastErrorAt", t.toString()));
        }
        return out;
    }
}
