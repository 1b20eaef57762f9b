package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import fr.regie.r2rml.Progress;
import fr.regie.source.TableLoader;
import fr.regie.store.Store;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.registry.Source;

/**
 * Builds a whole store from a registry, from scratch: embedded partner databases are loaded from
 * their folders, then every dataset is refreshed into the empty store, the territory reference
 * first (each dataset gets its version 1, its change log and its provenance, as any refresh).
 */
public final class StoreBuilder {
    private StoreBuilder() {}

    /** Told what happens, for progress displays and summaries. */
    public interface Listener {
        default void sourceLoaded(String source, TableLoader.Loaded loaded) {}

        default Progress mapping(DatasetSpec spec) {
            return Progress.NONE;
        }

        default void built(RefreshResult result) {}
    }

    /** Builds the store in {@code storeDir} (emptied first); sources go under {@code workDir}. */
    public static List<RefreshResult> build(Registry registry, Path workDir, Path storeDir, Listener listener)
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
        List<RefreshResult> results = new ArrayList<>();
        try (Store store = Store.open(storeDir)) {
            Refresher refresher = new Refresher(registry, store, workDir, Refresher.Options.defaults(), listener::mapping);
            List<DatasetSpec> order = new ArrayList<>();
            registry.dataset(registry.territory().referenceDataset()).ifPresent(order::add);
            registry.datasets().stream().filter(d -> !order.contains(d)).forEach(order::add);
            for (DatasetSpec spec : order) {
                RefreshResult r = refresher.refresh(spec).orElseThrow();
                listener.built(r);
                results.add(r);
            }
        }
        return results;
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
        Store.deleteTree(dir);
    }
}
