package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import fr.regie.pipeline.Check;
import fr.regie.pipeline.CheckReport;
import fr.regie.pipeline.CheckReports;
import fr.regie.pipeline.CheckRequest;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Partner;
import fr.regie.registry.Registry;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie check}: a dry run of one dataset against an existing store. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Map one dataset from its declared source (or --source: a folder, or one file), against the territory and",
                "the live graph of an existing store, and say what a refresh would do: mapping and source errors (file:line),",
                "rows read, triples, records placed in a commune directly, through the COG history or by their point, and",
                "those not placed (all of them, to --not-placed FILE), the SHACL report, the terms no ontology declares, and",
                "the difference a refresh would apply to the live graph. Nothing live changes. The report is kept for the",
                "partner's page. Exit code 0 when a refresh would be accepted, 1 otherwise."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "target/demo/store",
            description = "An existing store (default: ${DEFAULT-VALUE}, the demo's).")
    Path storeDir;

    @Mixin
    RegistryOption registry;

    @Parameters(paramLabel = "DATASET", description = "The dataset to check (its dct:identifier).")
    String dataset;

    @Mixin
    WorkOption work;

    @Option(names = "--source", paramLabel = "PATH", description = "Read this folder (schema.sql and files) or file instead of the declared source.")
    Path source;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Use these mapping files instead of the declared ones (repeat for several).")
    List<Path> mappings = new ArrayList<>();

    @Option(names = "--sample", paramLabel = "N", description = "Read only the first N rows of each logical table or source.")
    Long sample;

    @Option(names = "--strict", description = "Terms that no ontology or vocabulary declares are errors, not warnings.")
    boolean strict;

    @Option(names = "--not-placed", paramLabel = "FILE", description = "Write every record not placed in a commune to FILE (TSV: subject, reason).")
    Path notPlaced;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS", description = "Give up after this long (default: ${DEFAULT-VALUE} s).")
    long timeout;

    @Override
    public Integer call() throws IOException {
        if (sample != null && sample < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sample must be at least 1, not " + sample);
        }
        Registry reg = registry.read();
        DatasetSpec d = reg.dataset(dataset).orElseThrow(() -> new ErrorHandler.UserException(
                "no dataset '" + dataset + "' in " + reg.file() + " (datasets: " + String.join(", ", reg.datasets().stream().map(DatasetSpec::id).toList()) + ")"));
        CheckRequest request = new CheckRequest(d, mappings.isEmpty() ? Optional.empty() : Optional.of(mappings),
                Optional.ofNullable(source), sample == null ? OptionalLong.empty() : OptionalLong.of(sample), strict, Duration.ofSeconds(timeout));
        CheckReport r;
        try (Store s = Store.openExisting(storeDir)) {
            r = new Check(reg, s, work.dir).run(request);
            partnerOf(reg, d).ifPresent(p -> CheckReports.save(s.layout(), p.id(), r));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (notPlaced != null) {
            Files.write(notPlaced, r.notPlacedRecords(), StandardCharsets.UTF_8);
        }
        if (json) {
            out.println(r.toJson());
        } else {
            CheckText.print(out, r, notPlaced);
        }
        out.flush();
        return r.ok() ? 0 : 1;
    }

    private static Optional<Partner> partnerOf(Registry reg, DatasetSpec d) {
        return reg.partners().stream().filter(p -> p.iri().equals(d.publisher())).findFirst();
    }
}
