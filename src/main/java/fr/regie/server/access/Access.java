package fr.regie.server.access;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Partner;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.StoreView;

/**
 * The access rules of a registry. Keys (read from the environment variables the registry names)
 * identify partners and the operator. A dataset's graphs (its data and its metadata graph) are
 * visible to everyone when it is {@code public}, to any partner when {@code partners}, to the
 * partners it names when {@code restricted}; the operator sees everything. The territory is public.
 */
public final class Access {
    private final Registry registry;
    private final GraphNames graphs;
    private final Map<String, Caller> keys = new HashMap<>();
    /** The graphs each caller sees, computed once: the rules never change (a reload makes new ones). */
    private final Map<Caller, Set<Node>> visible = new java.util.concurrent.ConcurrentHashMap<>();

    private Access(Registry registry) {
        this.registry = registry;
        this.graphs = new GraphNames(registry.territory().baseIri());
    }

    /** The rules of a registry, with keys taken from the environment. */
    public static Access of(Registry registry) {
        return of(registry, System.getenv());
    }

    /** The rules of a registry, with keys taken from {@code env} (tests give their own). */
    public static Access of(Registry registry, Map<String, String> env) {
        Access a = new Access(registry);
        for (Partner p : registry.partners()) {
            p.apiKeyEnv().map(env::get).filter(k -> !k.isBlank()).ifPresent(k -> a.keys.put(k, Caller.partner(p.id())));
        }
        registry.adminKeyEnv().map(env::get).filter(k -> !k.isBlank()).ifPresent(k -> a.keys.put(k, Caller.ADMIN));
        return a;
    }

    /** The caller a key belongs to; empty for a key nobody has. */
    public Optional<Caller> authenticate(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    /** Whether the caller may see this dataset (its graph, its records, its dump, its changes). */
    public boolean canSee(Caller caller, DatasetSpec ds) {
        if (caller.admin()) {
            return true;
        }
        return switch (registry.accessOf(ds)) {
            case PUBLIC -> true;
            case PARTNERS -> caller.kind() == Caller.Kind.PARTNER;
            case RESTRICTED -> caller.partner().map(ds.accessPartners()::contains).orElse(false);
        };
    }

    /** The datasets the caller may see, in registry order. */
    public List<DatasetSpec> visibleDatasets(Caller caller) {
        return registry.datasets().stream().filter(d -> canSee(caller, d)).toList();
    }

    public boolean canSee(Caller caller, String datasetId) {
        return registry.dataset(datasetId).map(d -> canSee(caller, d)).orElse(false);
    }

    /** The named graphs the caller sees, in registry order (unmodifiable). */
    public Set<Node> visibleGraphs(Caller caller) {
        return visible.computeIfAbsent(caller, this::graphsOf);
    }

    private Set<Node> graphsOf(Caller caller) {
        Set<Node> out = new LinkedHashSet<>();
        for (DatasetSpec ds : registry.datasets()) {
            if (canSee(caller, ds)) {
                out.add(graphs.dataset(ds.id()));
                out.add(graphs.meta(ds.id()));
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /**
     * The store as the caller may see it: a dataset holding only the caller's graphs, whose
     * default graph is their union. Every path that reads data for a caller (SPARQL, the Graph
     * Store Protocol, resources, taps) reads it through this one view, the operator's too (all
     * the registry's graphs: one evaluation, the same answers to the same question on the same
     * data). Read it inside a read transaction of the store.
     */
    public DatasetGraph view(DatasetGraph store, Caller caller) {
        return StoreView.of(store, visibleGraphs(caller));
    }

    public Registry registry() {
        return registry;
    }
}
