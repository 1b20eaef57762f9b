package fr.regie.cli;

import java.util.List;
import java.util.concurrent.Callable;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingWriter;
import fr.regie.r2rml.direct.DirectMapping;
import fr.regie.r2rml.direct.Schema;
import fr.regie.r2rml.direct.SchemaReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie draft}: a starter mapping from a database's schema. */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = {"Print a starter R2RML mapping for tables of a database, to edit.",
                "It is the W3C Direct Mapping written out: one triples map per table, rows identified by their primary key,",
                "one property per column, and links along foreign keys. It runs as it is with 'regie map'."})
final class DraftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JdbcOptions jdbc;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "A table to include, named as the database stores it. Repeat; default: every table of the current schema.")
    List<String> tables = List.of();

    @Option(names = "--base", paramLabel = "IRI", defaultValue = "http://example.com/base/",
            description = "Base IRI for the classes, properties and resources of the draft (default: ${DEFAULT-VALUE}).")
    String base;

    @Override
    public Integer call() {
        try (Database db = jdbc.connect()) {
            Schema schema = SchemaReader.read(db, tables);
            if (schema.tables().isEmpty()) {
                throw new ErrorHandler.UserException("no tables found in the current schema of " + db.description());
            }
            DirectMapping.Draft draft = DirectMapping.of(schema, base);
            String header = """
                    Starter R2RML mapping drafted by 'regie draft' from %s.
                    It follows the W3C Direct Mapping; edit it to use the territorial ontology (ontology/):
                    replace the generated classes and properties, and build subject IRIs from real identifiers.
                    Check it with: regie map --mapping THIS_FILE --jdbc URL""".formatted(db.description());
            spec.commandLine().getOut().print(MappingWriter.write(draft.mapping(), base + "mapping#", header, draft.notes()));
        }
        return 0;
    }
}
