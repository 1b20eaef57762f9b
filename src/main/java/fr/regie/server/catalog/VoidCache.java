package fr.regie.server.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The VoID statistics of each dataset, kept for the dataset version they were computed on: a
 * dataset is counted again only when a refresh moved it to a new version.
 */
final class VoidCache {
    private record Entry(long version, VoidStats stats) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The statistics of {@code dataset} at {@code version}, computed by {@code count} if not known yet. */
    VoidStats get(String dataset, long version, Supplier<VoidStats> count) {
        return entries.compute(dataset, (id, e) -> e != null && e.version() == version ? e : new Entry(version, count.get())).stats();
    }
}
