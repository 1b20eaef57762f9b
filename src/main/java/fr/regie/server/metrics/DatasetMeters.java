package fr.regie.server.metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.MetaRecords;
import fr.regie.pipeline.RefreshResult.Outcome;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.store.GraphNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;

/**
 * Per dataset, read from its metadata graph when Prometheus scrapes: the runs of its refreshes by
 * outcome ({@code regie_refresh_runs_total}, a counter, since the graph keeps every run's record:
 * it counts runs made by the scheduler, by an admin request or by {@code regie refresh}, and
 * survives restarts), its live version and its size. One read of the graphs serves a whole scrape.
 */
final class DatasetMeters {
    static final String RUNS = "regie.refresh.runs";
    static final String VERSION = "regie.dataset.version";
    static final String TRIPLES = "regie.dataset.triples";

    private static final long FRESH_MILLIS = 1000;
    private static final Figures NONE = new Figures(Double.NaN, Double.NaN, new EnumMap<>(Outcome.class));

    /** What the metadata graph says of one dataset. */
    private record Figures(double version, double triples, Map<Outcome, Long> runs) {}

    private record Snapshot(long at, Map<String, Figures> figures) {}

    private final ServerContext context;
    private volatile Snapshot last = new Snapshot(0, Map.of());

    DatasetMeters(ServerContext context) {
        this.context = context;
    }

    /** Registers the meters of every dataset of the registry (those already registered stay as they are). */
    void register(Registry registry) {
        last = new Snapshot(0, Map.of()); // the next scrape reads the datasets of this registry
        for (DatasetSpec spec : registry.datasets()) {
            String id = spec.id();
            Gauge.builder(VERSION, this, m -> m.figures(id).version()).tag("dataset", id).strongReference(true)
                    .description("The dataset's live version (0: never loaded)").register(context.meters());
            Gauge.builder(TRIPLES, this, m -> m.figures(id).triples()).tag("dataset", id).strongReference(true)
                    .description("Triples in the dataset's graph at its live version").register(context.meters());
            for (Outcome o : Outcome.values()) {
                FunctionCounter.builder(RUNS, this, m -> m.figures(id).runs().getOrDefault(o, 0L))
                        .tags("dataset", id, "outcome", o.name().toLowerCase(Locale.ROOT))
                        .description("Refreshes of the dataset recorded in its metadata graph, by outcome")
                        .register(context.meters());
            }
        }
    }

    private Figures figures(String id) {
        Snapshot s = last;
        if (System.currentTimeMillis() - s.at() > FRESH_MILLIS) {
            s = new Snapshot(System.currentTimeMillis(), read());
            last = s;
        }
        return s.figures().getOrDefault(id, NONE);
    }

    private Map<String, Figures> read() {
        DatasetGraph dsg = context.store().dataset();
        GraphNames graphs = context.graphs();
        return Txn.calculateRead(dsg, () -> {
            Map<String, Figures> out = new HashMap<>();
            for (DatasetSpec spec : context.registry().datasets()) {
                Map<Outcome, Long> runs = new EnumMap<>(Outcome.class);
                MetaRecords.outcomes(dsg, graphs, spec.id()).forEach((o, n) -> outcome(o).ifPresent(k -> runs.merge(k, n, Long::sum)));
                out.put(spec.id(), new Figures(MetaRecords.version(dsg, graphs, spec.id()),
                        MetaRecords.triples(dsg, graphs, spec.id()).map(Long::doubleValue).orElse(Double.NaN), runs));
            }
            return out;
        });
    }

    private static java.util.Optional<Outcome> outcome(String name) {
        try {
            return java.util.Optional.of(Outcome.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // a record written by another version of Régie: not counted
        }
    }
}
