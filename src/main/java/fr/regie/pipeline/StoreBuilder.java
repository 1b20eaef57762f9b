package fr.regie.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.Progress;
import fr.regie.source.TableLoader;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;

/**
 * Builds a whole store from a registry, from scratch: embedded partner databases are loaded from
 * their folders, the territory reference is built first, then every dataset is mapped, linked to
 * the territory, validated and written to its named graph.
 */
public final class StoreBuilder {
    private StoreBuilder() {}

    /** Told what happens, for progress displays and summaries. */
    public interface Listener {
        default void sourceLoaded(String source, TableLoader.Loaded loaded) {}

        default Progress mapping(DatasetSpec spec) {
            return Progress.NONE;
        }

        default void built(DatasetBuild.Result result) {}
    }

    /** Builds the store in {@code storeDir} (emptied first); sources go under {@code workDir}. */
    public static List<DatasetBuild.Result> build(Registry registry, Path workDir, Path storeDir, Listener listener)
            throws IOException {
        clearStore(storeDir);
        Set<String> loaded = new HashSet<>();
        for (DatasetSpec spec : registry.datasets()) {
            Source s = spec.source();
            if (s.embeddedName().isPresent() && s.loadFrom().isPresent() && loaded.add(s.embeddedName().get())) {
                for (TableLoader.Loaded l : Sources.rebuildEmbedded(s, workDir)) {
                    listener.sourceLoaded(s.embeddedName().get(), l);
                }
            }
        }
        GraphNames graphs = new GraphNames(registry.territory().baseIri());
        List<DatasetBuild.Result> results = new ArrayList<>();
        try (Store store = Store.open(storeDir)) {
            DatasetSpec reference = registry.dataset(registry.territory().referenceDataset()).orElseThrow();
            DatasetBuild.Result ref = buildOne(reference, registry, workDir, null, null, listener);
            store.replaceGraph(graphs.territory(), ref.staged());
            results.add(ref);
            TerritoryIndex territory = TerritoryIndex.of(ref.staged());
            for (DatasetSpec spec : registry.datasets()) {
                if (spec == reference) {
                    continue;
                }
                // Links may point to the territory and to datasets built before (stations of ridership).
                DatasetBuild.Result r = store.read(() -> buildOne(spec, registry, workDir, territory,
                        store.dataset().getUnionGraph(), listener));
                store.replaceGraph(graphs.dataset(spec.id()), r.staged());
                results.add(r);
            }
        }
        return results;
    }

    private static DatasetBuild.Result buildOne(DatasetSpec spec, Registry registry, Path workDir, TerritoryIndex territory,
                                                org.apache.jena.graph.Graph context, Listener listener) {
        try (Database db = Sources.connect(spec.source(), workDir)) {
            DatasetBuild.Result r = DatasetBuild.build(spec, db, registry.territory().baseIri(), territory, context,
                    listener.mapping(spec));
            listener.built(r);
            return r;
        }
    }

    /** Empties a store directory, refusing to touch a directory that is not a TDB2 store. */
    static void clearStore(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> all = entries.toList();
            boolean tdb2 = all.stream().anyMatch(p -> p.getFileName().toString().startsWith("Data-")
                    || p.getFileName().toString().equals("tdb.lock"));
            if (!all.isEmpty() && !tdb2) {
                throw new IOException(dir + " is not empty and is not a TDB2 store: choose another --store");
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
