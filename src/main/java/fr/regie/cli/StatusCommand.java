package fr.regie.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.pipeline.MetaRecords;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie status}: what each dataset's refreshes did. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print, per dataset, the live version, its size and the recent refreshes as the metadata graph",
                "records them: times, outcome, rows read, triples added and removed, quality measurements (DQV)."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    RegistryOption.OrDemo registry;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Recent runs to show per dataset (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Registry reg = registry.read();
        try (Store s = Store.openExisting(store.dir)) {
            GraphNames graphs = new GraphNames(reg.territory().baseIri());
            for (MetaRecords.DatasetStatus d : MetaRecords.of(s.dataset(), graphs, reg.datasets().stream().map(DatasetSpec::id).toList(), runs)) {
                out.printf("%s: version %d%s%s%n", d.id(), d.version(), d.triples().map(t -> String.format(", %,d triples", t)).orElse(""),
                        d.modified().map(m -> ", changed " + m).orElse(""));
                if (d.lastRun().isEmpty()) {
                    out.println("  never refreshed");
                }
                for (MetaRecords.Run r : d.recentRuns()) {
                    out.printf("  %s  %-9s rows %,d  +%,d -%,d%s%n", r.started(), r.outcome(), r.rowsRead(), r.added(), r.removed(),
                            r.message().isEmpty() ? "" : "  " + r.message());
                    r.measurements().forEach((k, v) -> out.printf("      %-60s %s%n", k, v));
                }
            }
        }
        return 0;
    }
}
