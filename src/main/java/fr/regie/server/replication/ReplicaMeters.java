package fr.regie.server.replication;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.replication.Follower;
import fr.regie.server.ReplicaRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A replica's lag per dataset, for Prometheus: {@code regie_replica_lag_versions{dataset}} and
 * {@code regie_replica_lag_seconds{dataset}}. The follower's status is read once per scrape (kept
 * half a second), not once per gauge.
 */
final class ReplicaMeters {
    static final String VERSIONS = "regie.replica.lag.versions";
    static final String SECONDS = "regie.replica.lag.seconds";
    private static final long FRESH_MILLIS = 500;

    private record Snapshot(long at, Map<String, Follower.DatasetStatus> datasets) {}

    private final ReplicaRole role;
    private final MeterRegistry meters;
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Snapshot last = new Snapshot(0, Map.of());

    ReplicaMeters(ReplicaRole role, MeterRegistry meters) {
        this.role = role;
        this.meters = meters;
    }

    /** Registers the gauges of every dataset of the registry (those registered already stay). */
    void register(Registry registry) {
        for (DatasetSpec d : registry.datasets()) {
            if (!registered.add(d.id())) {
                continue;
            }
            gauge(VERSIONS, d.id(), s -> s.lagVersions(), "How many versions the replica's copy of the dataset is behind the primary's latest");
            gauge(SECONDS, d.id(), Follower.DatasetStatus::lagSeconds,
                    "How long the oldest change of the dataset not applied on the replica has waited, in seconds (0: in step)");
        }
    }

    private void gauge(String name, String dataset, ToDoubleFunction<Follower.DatasetStatus> value, String description) {
        Gauge.builder(name, this, m -> {
            Follower.DatasetStatus s = m.datasets().get(dataset);
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).tag("dataset", dataset).strongReference(true).description(description).register(meters);
    }

    private Map<String, Follower.DatasetStatus> datasets() {
        Snapshot s = last;
        if (System.currentTimeMillis() - s.at() > FRESH_MILLIS) {
            s = new Snapshot(System.currentTimeMillis(), role.status().get().datasets().stream()
                    .collect(Collectors.toMap(Follower.DatasetStatus::dataset, d -> d)));
            last = s;
        }
        return s.datasets();
    }
}
