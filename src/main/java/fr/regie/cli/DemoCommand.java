package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;
import fr.regie.source.PartnerSource;
import fr.regie.source.TableLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie demo}: the Plaine Commune demo territory, from partner files to RDF. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Build the Plaine Commune demo: load each demo partner's source files (examples/plaine-commune/*/)",
                "into an embedded H2 database, run the partners' R2RML mappings (mappings/*/) and write the RDF dataset."})
final class DemoCommand implements Callable<Integer> {
    /** The demo territory's base IRI; relative IRIs in partners' mappings resolve against it. */
    static final String DEMO_BASE = "https://regie.plaine-commune.example/";

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples/plaine-commune",
            description = "Demo partners' source folders (default: ${DEFAULT-VALUE}).")
    Path examples;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "mappings",
            description = "Partners' mapping folders (default: ${DEFAULT-VALUE}).")
    Path mappings;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/demo",
            description = "Where the demo database and output go (default: ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Files.createDirectories(work);
        Path dbFile = work.resolve("sources");
        Files.deleteIfExists(work.resolve("sources.mv.db"));
        Path output = work.resolve("demo.nq");
        try (Database db = Database.connect("jdbc:h2:" + dbFile.toAbsolutePath(), "sa", "")) {
            for (PartnerSource partner : PartnerSource.under(examples)) {
                for (TableLoader.Loaded l : partner.load(db)) {
                    out.printf("loaded  %-12s %-20s %,8d rows from %s%n", partner.name(), l.table(), l.rows(), l.file());
                }
            }
            List<Path> files = mappingFiles();
            try (RdfOutput sink = RdfOutput.open(output, RdfOutput.Format.NQUADS, System.out)) {
                RunStats stats = R2rml.create().mapping(MappingReader.read(files)).database(db).baseIri(DEMO_BASE)
                        .build().run(sink.stream());
                sink.commit();
                out.printf("mapped  %d mapping file(s): %,d rows → %,d triples in %s%n", files.size(), stats.rows(),
                        stats.triples(), output);
            }
        }
        out.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private List<Path> mappingFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(mappings)) {
            s.filter(p -> p.toString().endsWith(".ttl")).sorted().forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new ErrorHandler.UserException("no mapping files (*.ttl) under " + mappings);
        }
        return files;
    }
}
