package fr.regie.server.resource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.AccessLevel;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.pipeline.MetaRecords;
import fr.regie.store.GraphNames;

/**
 * The registry's datasets by graph (each dataset's data graph and metadata graph), and what the
 * metadata graph records of them: the live version ({@code regie:version}) and the time it was
 * made ({@code dct:modified}) on {@code {base}id/dataset/{id}}.
 */
final class Datasets {
    /** A dataset's live version and when it was made. */
    record Version(long number, Optional<Instant> modified) {}

    private final Registry registry;
    private final GraphNames graphs;
    private final Map<Node, DatasetSpec> byGraph = new HashMap<>();

    Datasets(Registry registry, GraphNames graphs) {
        this.registry = registry;
        this.graphs = graphs;
        for (DatasetSpec ds : registry.datasets()) {
            byGraph.put(graphs.dataset(ds.id()), ds);
            byGraph.put(graphs.meta(ds.id()), ds);
        }
    }

    /** The dataset a graph belongs to (its data or its records). */
    Optional<DatasetSpec> ofGraph(Node graph) {
        return Optional.ofNullable(byGraph.get(graph));
    }

    /** Whether everyone may see the dataset (public, or the territory's reference). */
    boolean isPublic(DatasetSpec ds) {
        return registry.accessOf(ds) == AccessLevel.PUBLIC;
    }

    /** Whether a graph holds a dataset's records rather than its data. */
    boolean isMeta(Node graph) {
        return ofGraph(graph).map(ds -> graphs.meta(ds.id()).equals(graph)).orElse(false);
    }

    /** The live version of a dataset, from its metadata graph. Needs a read transaction. */
    Version version(DatasetGraph dsg, DatasetSpec ds) {
        long number = MetaRecords.version(dsg, graphs, ds.id());
        Optional<Instant> modified = MetaRecords.modified(dsg, graphs, ds.id()).flatMap(n -> {
            try {
                return Optional.of(Instant.parse(n.getLiteralLexicalForm()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        return new Version(number, modified);
    }
}
