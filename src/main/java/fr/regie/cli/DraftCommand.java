package fr.regie.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import fr.regie.cli.draft.FileDraft;
import fr.regie.registry.Vocabularies;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingWriter;
import fr.regie.r2rml.direct.DirectMapping;
import fr.regie.r2rml.direct.Schema;
import fr.regie.r2rml.direct.SchemaReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie draft}: a starter mapping from a partner's file (RML) or a database's schema (R2RML). */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = {"Draft a starter mapping to edit.",
                "From a file (CSV, TSV, XLSX, JSON): an RML mapping whose references are the columns or keys as the file spells them,",
                "with ontology terms proposed by name (commune code, latitude/longitude, a property whose label is the column's name)",
                "and draft terms otherwise, declared in a vocabulary.ttl draft beside the mapping.",
                "From a database (--jdbc): the W3C Direct Mapping written out in R2RML, one triples map per table."})
final class DraftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A CSV, TSV, XLSX or JSON file to draft from.")
    Path file;

    @ArgGroup(exclusive = false)
    JdbcOptions jdbc;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the mapping here (and the vocabulary draft as vocabulary.ttl beside it) instead of printing it.")
    Path out;

    @Option(names = "--iterator", paramLabel = "JSONPATH",
            description = "For JSON: the array of records, such as '$.data.stations[*]' (default: the first array of objects).")
    String iterator;

    @Option(names = "--partner", paramLabel = "ID", defaultValue = "partner",
            description = "The partner's short id: draft terms go in https://w3id.org/regie/partner/ID# (default: ${DEFAULT-VALUE}).")
    String partner;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "200",
            description = "Records read to sniff datatypes and JSON keys (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "A table to include, named as the database stores it. Repeat; default: every table of the current schema.")
    List<String> tables = List.of();

    @Option(names = "--base", paramLabel = "IRI", defaultValue = "http://example.com/base/",
            description = "Base IRI for the classes, properties and resources of the draft (default: ${DEFAULT-VALUE}).")
    String base;

    @Override
    public Integer call() throws IOException {
        if (file != null) {
            return fromFile();
        }
        if (jdbc == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a FILE, or --jdbc URL for a database");
        }
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

    private int fromFile() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ErrorHandler.UserException(file + ": no such file");
        }
        if (!partner.matches("[a-z0-9][a-z0-9-]*")) {
            throw new ErrorHandler.UserException("--partner must be lower-case letters, digits and dashes, not '" + partner + "'");
        }
        if (sample < 1 || sample > 100_000) {
            throw new ErrorHandler.UserException("--sample must be from 1 to 100000");
        }
        // The mapping names the file relative to where the mapping is written (rml:MappingDirectory).
        Path dir = out == null ? Path.of("").toAbsolutePath() : out.toAbsolutePath().getParent();
        String source = dir.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
        // A mapping reads no file outside its folder: a file elsewhere is named by its file name, which
        // Régie finds among the files the registry declares for the dataset (regie:file).
        boolean outside = source.startsWith("../") || source.equals("..") || Path.of(source).isAbsolute();
        if (outside) {
            source = file.getFileName().toString();
        }
        FileDraft.Result r;
        try {
            r = FileDraft.of(file, Optional.ofNullable(iterator), partner, source, sample, Vocabularies.regie());
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ErrorHandler.UserException(e.getMessage());
        }
        if (out == null) {
            spec.commandLine().getOut().print(r.mapping());
            spec.commandLine().getOut().print("\n# ---- vocabulary.ttl (draft) ----\n");
            spec.commandLine().getOut().print(r.vocabulary().replaceAll("(?m)^", "# "));
        } else {
            // A partner's new mappings/<partner>/ folder is made here rather than failing as "no such file".
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, r.mapping(), StandardCharsets.UTF_8);
            // Named as --out was given (relative stays relative), so the line printed below reads the same anywhere.
            Path vocabulary = out.resolveSibling("vocabulary.ttl");
            if (Files.exists(vocabulary)) {
                vocabulary = out.resolveSibling("vocabulary.draft.ttl");
            }
            Files.writeString(vocabulary, r.vocabulary(), StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + out + " and " + vocabulary);
        }
        if (outside) {
            spec.commandLine().getErr().println("the mapping names the file '" + source + "': declare it in the registry with regie:file"
                    + " (a mapping reads no file outside its own folder)");
        }
        for (FileDraft.Column c : r.columns()) {
            spec.commandLine().getErr().println(c.name() + " → " + c.term() + " (" + c.datatype() + ")");
        }
        return 0;
    }
}
