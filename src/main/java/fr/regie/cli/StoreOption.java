package fr.regie.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --store DIR}: the TDB2 store a command works on (a picocli mixin). */
final class StoreOption {
    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The TDB2 store.")
    Path dir;
}
