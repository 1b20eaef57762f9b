package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;


import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.registry.Registry;
import fr.regie.pipeline.StoreBuilder;
import fr.regie.r2rml.Progress;
import fr.regie.server.ServerSettings;
import fr.regie.source.TableLoader;
import fr.regie.store.Store;
import fr.regie.stream.LogEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie demo}: a demo territory (Plaine Commune unless another registry is given), built from scratch and served. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Build a demo territory's store from scratch (Plaine Commune by default) and serve it on localhost:",
                "the territorial reference of France (INSEE COG 2026, EPT/EPCI, legal populations, IGN boundaries) and the",
                "demo partners (Vélib', SNCF, IDFM, festivals), each mapped with its R2RML mapping, linked to the communes,",
                "validated with SHACL and written to its named graph of a TDB2 store. Prints a summary per dataset."})
final class DemoCommand implements Callable<Integer> {
    private static final Path DEFAULT_REGISTRY = Path.of("examples/plaine-commune/registry.ttl");

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "FILE", defaultValue = "examples/plaine-commune/registry.ttl",
            description = "The registry declaring the territory and its datasets (default: ${DEFAULT-VALUE}).")
    Path registry;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "target/demo/store",
            description = {"The TDB2 store to build; emptied first (default: ${DEFAULT-VALUE}; for another territory's registry,",
                    "target/demo/FOLDER/store, FOLDER being the registry's folder, so that territories do not share a store)."})
    Path store;

    @Mixin
    WorkOption work;

    @Option(names = "--no-serve", description = "Build the store and exit.")
    boolean noServe;

    @Mixin
    ServeOptions serving;

    @Mixin
    StreamOptions stream;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        ownPlaces();
        // Checked first: a mistake in them is better told before a minute of building.
        ServerSettings settings = serving.settings();
        Registry reg = Registry.read(registry);
        out.printf("Régie demo: %s, %d datasets (registry %s)%n", reg.territory().name(), reg.datasets().size(), registry);
        out.flush();
        boolean terminal = System.console() != null;
        // The partners' feeds this demo plays (the live Vélib' availability), served as long as the demo runs.
        try (DemoFeeds feeds = DemoFeeds.startFor(reg)) {
            feeds.feeds().forEach(f -> out.printf("  feed   %s (a local stand-in for the partner's live feed)%n", f.statusUrl()));
            return buildAndServe(out, reg, settings, terminal, t0);
        }
    }

    /**
     * Another territory's registry gets its own store and databases under target/demo/FOLDER
     * unless told otherwise: building it must never empty the Plaine Commune demo's store.
     */
    private void ownPlaces() {
        Path folder = registry.toAbsolutePath().normalize().getParent();
        if (folder == null || folder.equals(DEFAULT_REGISTRY.toAbsolutePath().normalize().getParent())) {
            return;
        }
        Path own = Path.of("target/demo").resolve(folder.getFileName().toString());
        var parsed = spec.commandLine().getParseResult();
        if (!parsed.hasMatchedOption("--store")) {
            store = own.resolve("store");
        }
        if (!parsed.hasMatchedOption("--work")) {
            work.dir = own;
        }
    }

    private int buildAndServe(PrintWriter out, Registry reg, ServerSettings settings, boolean terminal, long t0)
            throws IOException, InterruptedException {
        List<RefreshResult> results = StoreBuilder.build(reg, work.dir, store, new StoreBuilder.Listener() {
            @Override
            public void sourceLoaded(String source, TableLoader.Loaded l) {
                out.printf("  loaded %-10s %-20s %,9d rows  (%s)%n", source, l.table(), l.rows(), l.file().getFileName());
                out.flush();
            }

            @Override
            public Progress mapping(DatasetSpec ds) {
                if (!terminal) {
                    return Progress.NONE;
                }
                return (pass, rows, triples) -> {
                    out.printf("\r  mapping %-20s %,10d triples", ds.id(), triples);
                    out.flush();
                };
            }

            @Override
            public void built(RefreshResult r) {
                if (terminal) {
                    out.print("\r" + " ".repeat(60) + "\r");
                }
                out.printf("  built  %-20s %-9s %,9d triples  %s  (%.1f s)%n", r.dataset(), r.outcome().name().toLowerCase(),
                        r.added(), r.quality() == null ? r.message() : r.quality().summary(), r.elapsed().toMillis() / 1000.0);
                out.flush();
            }
        });
        Summary.print(out, results);
        boolean allIn = results.stream().allMatch(r -> r.outcome() == RefreshResult.Outcome.ACCEPTED);
        out.printf("%nStore %s built in %.1f s.%n", store, (System.nanoTime() - t0) / 1e9);
        out.flush();
        if (!allIn) {
            out.println("Some datasets were not loaded (see above); the store holds the others.");
        }
        if (noServe) {
            return allIn ? 0 : 1;
        }
        out.printf("Try: ./regie query --store %s --file examples/queries/02-velib-docks-per-1000.rq%n", store);
        LogEngine log = stream.enabled() ? stream.open() : null;
        // A rebuilt store is another store (its identity is new): a replica of the last one refuses
        // it, so the hint starts a replica on a store of its own each time.
        String primaryUrl = settings.publicUrl().orElse("http://localhost:" + settings.port() + "/");
        if (log != null) {
            out.printf("A read replica beside it, in one command (README, \"Running several nodes\"):%n"
                    + "  ./regie replica --store \"$(mktemp -d)\" --primary %s --stream %s%s --port %d%n", primaryUrl, stream.url,
                    stream.name.equals("regie") ? "" : " --stream-name " + stream.name, settings.port() + 1);
            reg.adminKeyEnv().ifPresent(env -> out.printf("  with the same $%s as this demo%s: the replica takes the primary's snapshots with it%n", env,
                    System.getenv(env) == null || System.getenv(env).isBlank() ? " (not set here: export it and start the demo again)" : ""));
        } else {
            out.printf("Read replicas: start the demo with --stream nats://127.0.0.1:4222 (README, \"Running several nodes\").%n");
        }
        try (Store s = Store.open(store)) {
            ServeCommand.serve(out, reg, s, settings, work.dir, false, ZoneId.of("Europe/Paris"), log);
        } finally {
            if (log != null) {
                log.close();
            }
        }
        return 0;
    }
}
