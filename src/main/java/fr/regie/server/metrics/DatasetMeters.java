package fr.regie.server.metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult.Outcome;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.store.GraphNames;
import fr.regie.territory.Vocab;
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

    private static final Node REFRESH = NodeFactory.createURI(Vocab.REGIE + "refresh");
    private static final Node OUTCOME = NodeFactory.createURI(Vocab.REGIE + "outcome");
    private static final Node VERSION_P = NodeFactory.createURI(Vocab.REGIE + "version");
    private static final Node TRIPLES_P = NodeFactory.createURI(Vocab.REGIE + "tripleCount");
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
                Node meta = graphs.meta(spec.id());
                Map<Outcome, Long> runs = new EnumMap<>(Outcome.class);
                dsg.find(meta, Node.ANY, REFRESH, Node.ANY).forEachRemaining(q -> {
                    var it = dsg.find(meta, q.getObject(), OUTCOME, Node.ANY);
                    if (it.hasNext()) {
                        outcome(it.next().getObject().getLiteralLexicalForm()).ifPresent(o -> runs.merge(o, 1L, Long::sum));
                    }
                });
                out.put(spec.id(), new Figures(number(dsg, meta, VERSION_P, 0), number(dsg, meta, TRIPLES_P, Double.NaN), runs));
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

    private static double number(DatasetGraph dsg, Node meta, Node property, double absent) {
        var it = dsg.find(meta, Node.ANY, property, Node.ANY);
        return it.hasNext() ? Double.parseDouble(it.next().getObject().getLiteralLexicalForm()) : absent;
    }
}
