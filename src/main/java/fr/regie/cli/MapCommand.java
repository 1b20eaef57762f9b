package fr.regie.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie map}: run R2RML mappings over a database and write the RDF. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Run R2RML mapping files over a database and write the resulting RDF dataset.",
                "The mapping is checked against the R2RML Recommendation and the database before any row is read.",
                "With --out, the file appears only when the whole run succeeded."})
final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Option(names = "--mapping", required = true, paramLabel = "FILE",
            description = "R2RML mapping file (Turtle). Repeat for several files; they form one mapping.")
    List<Path> mappings;

    @Mixin
    JdbcOptions jdbc;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output (.gz compresses).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "nquads",
            description = "nquads (default), trig, turtle or ntriples.")
    String format;

    @Option(names = "--base", paramLabel = "IRI", defaultValue = R2rml.DEFAULT_BASE_IRI,
            description = "Base IRI for relative IRIs the mapping generates (default: ${DEFAULT-VALUE}).")
    String base;

    @Override
    public Integer call() {
        RdfOutput.Format fmt = RdfOutput.Format.parse(format);
        MappingDocument mapping = MappingReader.read(mappings);
        try (Database db = jdbc.connect();
             RdfOutput output = RdfOutput.open(out, fmt, parent.out())) {
            RunStats stats = R2rml.create().mapping(mapping).database(db).baseIri(base).build().run(output.stream());
            output.commit();
            if (out != null) {
                spec.commandLine().getErr().printf("regie: %d triples from %d rows written to %s in %.1f s%n",
                        stats.triples(), stats.rows(), out, stats.elapsed().toMillis() / 1000.0);
            }
        }
        return 0;
    }
}
