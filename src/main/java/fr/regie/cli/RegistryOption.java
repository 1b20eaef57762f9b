package fr.regie.cli;

import java.nio.file.Path;

import fr.regie.registry.Registry;
import picocli.CommandLine.Option;

/** {@code --registry FILE}, required: the registry of the territory a command works for (a picocli mixin). */
final class RegistryOption {
    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "The registry.")
    Path file;

    Registry read() {
        return Registry.read(file);
    }

    /**
     * {@code --registry FILE}, the demo's by default: for commands that only read the territory's
     * names from it.
     */
    static final class OrDemo {
        @Option(names = "--registry", paramLabel = "FILE", defaultValue = "examples/plaine-commune/registry.ttl",
                description = "The registry (default: ${DEFAULT-VALUE}).")
        Path file;

        Registry read() {
            return Registry.read(file);
        }
    }
}
