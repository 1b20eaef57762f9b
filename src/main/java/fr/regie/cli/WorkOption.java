package fr.regie.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --work DIR}: where the embedded partner databases live (a picocli mixin). */
final class WorkOption {
    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/demo",
            description = "Where the embedded partner databases live (default: ${DEFAULT-VALUE}).")
    Path dir;
}
