package fr.regie.server.replication;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;

/**
 * Installs replication's endpoints: the primary's snapshots ({@code /admin/replication/…}),
 * readiness ({@code /$/ready}) and, on a read replica, the 421 of its write endpoints and its lag gauges.
 */
public final class ReplicationFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        builder.addFilter("/*", new ReplicaWrites(context));
        builder.addServlet("/admin/replication/*", new SnapshotServlet(context));
        builder.addServlet("/$/ready", new ReadyServlet(context));
    }

    @Override
    public void started(FusekiServer server, ServerContext context) {
        context.replica().ifPresent(role -> {
            ReplicaMeters meters = new ReplicaMeters(role, context.meters());
            meters.register(context.registry());
            context.onReload(meters::register);
        });
    }
}
