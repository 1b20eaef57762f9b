package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.pipeline.Sources;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie refresh}: refresh datasets now. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Refresh datasets of a registry into a store, now: map the partner's source into staging, compute the",
                "difference with the live graph, validate the graph as it will be with the dataset's SHACL shapes, check that it",
                "does not delete a large share of the live graph (the mass-deletion guard), then apply the difference in one",
                "transaction and append it as an RDF Patch to the dataset's change log. Every run is recorded (regie status).",
                "Exit code 0 when every dataset was accepted or unchanged, 1 otherwise."})
final class RefreshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    RegistryOption registry;

    @Parameters(paramLabel = "DATASET", arity = "0..*", description = "Datasets to refresh (default: all, the territory first).")
    List<String> datasets = new ArrayList<>();

    @Mixin
    WorkOption work;

    @Option(names = "--reload-sources", description = "Rebuild embedded source databases from their folders first (demo partners).")
    boolean reload;

    @Option(names = "--retries", defaultValue = "3", paramLabel = "N", description = "Retries after a source failure (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay", defaultValue = "2", paramLabel = "SECONDS",
            description = "First wait before a retry, doubled each time (default: ${DEFAULT-VALUE} s).")
    long retryDelay;

    @Option(names = "--max-violations", defaultValue = "0", paramLabel = "N",
            description = "Quality gate: most sh:Violation results accepted (default: ${DEFAULT-VALUE}).")
    long maxViolations;

    @Option(names = "--full", description = {"Ignore the source fingerprint and the row state of the last refresh: map every row,",
            "compare the whole graph and validate it again."})
    boolean full;

    @Option(names = "--allow-mass-deletion", description = {"Accept a refresh that deletes more of the live graph than the dataset's",
            "regie:maxRemovalShare (default 0.2) while the source's rows fell by less: the mass-deletion guard rejects it otherwise."})
    boolean allowMassDeletion;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Registry reg = registry.read();
        List<DatasetSpec> chosen = choose(reg);
        if (reload) {
            Set<String> done = new HashSet<>();
            for (DatasetSpec d : chosen) {
                if (d.source().embeddedName().isPresent() && d.source().loadFrom().isPresent() && done.add(d.source().embeddedName().get())) {
                    Sources.rebuildEmbedded(d.source(), work.dir);
                }
            }
        }
        boolean ok = true;
        try (Store s = Store.open(store.dir)) {
            Refresher refresher = new Refresher(reg, s, work.dir,
                    new Refresher.Options(retries, Duration.ofSeconds(retryDelay), maxViolations));
            for (DatasetSpec d : chosen) {
                RefreshResult r = refresher.refresh(d, flags()).orElseThrow();
                out.println(r.line());
                r.unmatchedSamples().stream().limit(3).forEach(u -> out.printf("    not placed: %s: %s%n", u.subject(), u.reason()));
                if (r.quality() != null && r.outcome() == RefreshResult.Outcome.REJECTED && r.quality().violations() > maxViolations) {
                    r.quality().samples().stream().limit(5).forEach(x -> out.println("    " + x));
                }
                out.flush();
                ok &= r.outcome() == RefreshResult.Outcome.ACCEPTED || r.outcome() == RefreshResult.Outcome.UNCHANGED;
            }
        }
        return ok ? 0 : 1;
    }

    private Set<Refresher.Flag> flags() {
        Set<Refresher.Flag> flags = EnumSet.noneOf(Refresher.Flag.class);
        if (full) {
            flags.add(Refresher.Flag.FULL);
        }
        if (allowMassDeletion) {
            flags.add(Refresher.Flag.ALLOW_MASS_DELETION);
        }
        return flags;
    }

    private List<DatasetSpec> choose(Registry reg) {
        List<DatasetSpec> out = new ArrayList<>();
        if (datasets.isEmpty()) {
            reg.dataset(reg.territory().referenceDataset()).ifPresent(out::add);
            reg.datasets().stream().filter(d -> !out.contains(d)).forEach(out::add);
            return out;
        }
        for (String id : datasets) {
            out.add(reg.dataset(id).orElseThrow(() -> new ErrorHandler.UserException("no dataset '" + id + "' in " + registry.file
                    + " (datasets: " + String.join(", ", reg.datasets().stream().map(DatasetSpec::id).toList()) + ")")));
        }
        return out;
    }
}
