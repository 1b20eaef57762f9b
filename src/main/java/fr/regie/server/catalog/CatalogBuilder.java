package fr.regie.server.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.pipeline.MetaRecords;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * Builds the DCAT-AP 3 catalog of a set of datasets from the registry (their DCAT description)
 * and the store (what the refreshes recorded, VoID statistics of each graph), with no HTTP
 * involved. Node IRIs are stable and under the territory's base IRI ({@code {base}catalog},
 * {@code {base}id/dataset/{id}}, {@code {base}id/organization/{id}}); the URLs a client fetches
 * (SPARQL endpoint, dumps, change feeds) are under the public base the server is reached at.
 * Every node the catalog points to is typed as DCAT-AP's ranges require.
 */
public final class CatalogBuilder {
    /** The registry and its graph as a model; replaced together by {@link #reload}. */
    private record Source(Registry registry, Model model) {
        Source(Registry registry) {
            this(registry, ModelFactory.createModelForGraph(registry.graph()));
        }
    }

    private volatile Source source;
    private final DatasetGraph dsg;
    private final GraphNames graphs;
    private final VoidCache voids;
    private volatile Coverages coverages;
    private volatile Function<DatasetSpec, Optional<Long>> dumpSizes = d -> Optional.empty();

    private record Coverages(long version, Map<Node, Coverage> byPlace) {}

    /** A builder over a registry and its store, keeping the VoID statistics it computes per dataset version. */
    public CatalogBuilder(Registry registry, Store store) {
        this.source = new Source(registry);
        this.dsg = store.dataset();
        this.graphs = new GraphNames(registry.territory().baseIri());
        this.voids = new VoidCache();
    }

    /**
     * Describes datasets from a registry read again (same base IRI); the statistics and coverages
     * counted so far stay, as they belong to dataset versions, not to the registry.
     */
    public void reload(Registry registry) {
        source = new Source(registry);
    }

    /**
     * How the size of a dataset's dump is known (the server's dump cache): the catalog gives it as
     * the dump distribution's {@code dcat:byteSize}. Without it, no byte size is given.
     */
    public void dumpSizes(Function<DatasetSpec, Optional<Long>> sizes) {
        this.dumpSizes = sizes;
    }

    /** The live version of each of these datasets (what the catalog's ETag is made of). */
    public Map<String, Long> versions(List<DatasetSpec> datasets) {
        return Txn.calculateRead(dsg, () -> {
            Map<String, Long> out = new LinkedHashMap<>();
            datasets.forEach(d -> out.put(d.id(), MetaRecords.version(dsg, graphs, d.id())));
            return out;
        });
    }

    /** The VoID statistics of a dataset's graph at its live version (computed once per version). */
    VoidStats voidStats(String id) {
        return Txn.calculateRead(dsg, () -> stats(id, MetaRecords.version(dsg, graphs, id)));
    }

    /** The coverage of a place, kept while the reference dataset stays at the same version. */
    private Coverage coverage(Node place) {
        String reference = source.registry().territory().referenceDataset();
        long version = MetaRecords.version(dsg, graphs, reference);
        Coverages c = coverages;
        if (c == null || c.version() != version) {
            c = new Coverages(version, new ConcurrentHashMap<>());
            coverages = c;
        }
        return c.byPlace().computeIfAbsent(place, p -> Coverage.of(dsg, graphs.dataset(reference), p));
    }

    private VoidStats stats(String id, long version) {
        return voids.get(id, version, () -> VoidStats.of(dsg.getGraph(graphs.dataset(id))));
    }

    /**
     * The catalog of {@code datasets} (those the caller may see), with URLs under
     * {@code publicBase} (ending with a slash).
     */
    public Graph build(List<DatasetSpec> datasets, String publicBase) {
        return snapshot(datasets, publicBase).graph();
    }

    /** A catalog and the dataset versions it describes, read in the same transaction. */
    public record Snapshot(Graph graph, Map<String, Long> versions) {}

    /** {@link #build}, with the versions of the datasets as the catalog describes them (for its ETag). */
    public Snapshot snapshot(List<DatasetSpec> datasets, String publicBase) {
        return Txn.calculateRead(dsg, () -> {
            Source src = source;
            CatalogWriter w = new CatalogWriter(src.registry(), src.model(), graphs, dsg, publicBase, this::stats, this::coverage, dumpSizes);
            Graph g = w.catalog(datasets).getGraph();
            return new Snapshot(g, w.versions());
        });
    }
}
