package fr.regie.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options of the benchmarks that run on a built store: the store, its registry, and the load's clients. */
final class BenchTarget {
    @Option(names = "--store", paramLabel = "DIR", defaultValue = "target/demo/store", description = "The store (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--registry", paramLabel = "FILE", defaultValue = "examples/plaine-commune/registry.ttl",
            description = "Its registry (default: ${DEFAULT-VALUE}).")
    Path registry;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "50", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "10", description = "Seconds of warm-up (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "2000", description = "Resources sampled (default: ${DEFAULT-VALUE}).")
    int sample;

    /** Refuses a store that is not built, and counts below one. */
    void check() {
        if (!Files.isDirectory(store)) {
            throw new ErrorHandler.UserException(store + " is not a store directory (build the demo's with: regie demo --no-serve)");
        }
        if (connections < 1 || warmUp < 0 || sample < 1) {
            throw new ErrorHandler.UserException("--connections and --sample must be at least 1, --warm-up at least 0");
        }
    }
}
