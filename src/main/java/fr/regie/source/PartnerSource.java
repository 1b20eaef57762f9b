package fr.regie.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SqlScript;

/**
 * A partner's source folder: {@code schema.sql} (portable DDL) and {@code data/<table>.csv},
 * one file per table, columns in table order. Loading it gives the partner's tables in any of the
 * supported databases, as the partner would have them.
 */
public record PartnerSource(Path folder) {

    /** Folders under {@code root} that hold a {@code schema.sql}, in name order. */
    public static List<PartnerSource> under(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("schema.sql"))).sorted().map(PartnerSource::new).toList();
        }
    }

    public String name() {
        return folder.getFileName().toString();
    }

    /** Creates the tables and loads every CSV of {@code data/}. Returns what each file gave. */
    public List<TableLoader.Loaded> load(Database db) throws IOException, SQLException {
        SqlScript.parse(Files.readString(folder.resolve("schema.sql"), StandardCharsets.UTF_8)).run(db.connection());
        List<TableLoader.Loaded> loaded = new ArrayList<>();
        Path data = folder.resolve("data");
        if (!Files.isDirectory(data)) {
            return loaded;
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String table = csv.getFileName().toString().replaceFirst("\\.csv$", "");
                loaded.add(TableLoader.load(db, table, csv, StandardCharsets.UTF_8));
            }
        }
        return loaded;
    }
}
