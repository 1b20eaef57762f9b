package fr.regie.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import fr.regie.cli.DemoFeeds;
import fr.regie.pipeline.RefreshResult;
import fr.regie.registry.Registry;
import fr.regie.pipeline.StoreBuilder;
import fr.regie.store.Store;

/**
 * The Plaine Commune demo store, built once per test JVM (as {@code regie demo --no-serve} does)
 * under target/test-demo and kept open: the tests that need realistic data share it and never
 * close it.
 */
public final class SharedDemo {
    public static final Path REGISTRY = Path.of("examples/plaine-commune/registry.ttl");
    private static final Path DIR = Path.of("target/test-demo");
    private static Store store;
    private static List<RefreshResult> results;

    private SharedDemo() {}

    public static synchronized Store store() {
        if (store == null) {
            try {
                // The demo's live feed, kept for the JVM like the store (scheduled refreshes poll it).
                DemoFeeds.startFor(registry());
                results = StoreBuilder.build(registry(), DIR.resolve("work"), DIR.resolve("store"), new StoreBuilder.Listener() {});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store = Store.open(DIR.resolve("store"));
        }
        return store;
    }

    /** What building the store gave, dataset by dataset. */
    public static synchronized List<RefreshResult> results() {
        store();
        return results;
    }

    public static Registry registry() {
        return Registry.read(REGISTRY);
    }

    public static Path workDir() {
        return DIR.resolve("work");
    }
}
