package fr.regie.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SqlScript;

/**
 * A source folder: {@code schema.sql} (portable DDL) and the files that fill its tables. By
 * default {@code data/<table>.csv} fills {@code <table>}, columns in table order. An optional
 * {@code load.properties} names other files: {@code <table>.file} (CSV, XLSX or GeoJSON), and
 * for XLSX {@code <table>.sheet} and {@code <table>.header-row} (from 1), for GeoJSON
 * {@code <table>.properties} (comma-separated feature properties; the WKT geometry comes last).
 * Loading it gives the partner's tables in any of the supported databases.
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

    /** Creates the tables and loads every file. Returns what each file gave. */
    public List<TableLoader.Loaded> load(Database db) throws IOException, SQLException {
        SqlScript.parse(Files.readString(folder.resolve("schema.sql"), StandardCharsets.UTF_8)).run(db.connection());
        List<TableLoader.Loaded> loaded = new ArrayList<>();
        Properties load = new Properties();
        Path props = folder.resolve("load.properties");
        if (Files.isRegularFile(props)) {
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                load.load(r);
            }
        }
        Set<String> configured = new TreeSet<>();
        for (String key : load.stringPropertyNames()) {
            if (key.endsWith(".file")) {
                configured.add(key.substring(0, key.length() - ".file".length()));
            }
        }
        for (String table : configured) {
            Path file = folder.resolve(load.getProperty(table + ".file"));
            try (RecordSource records = open(file, table, load)) {
                loaded.add(TableLoader.load(db, table, records, file));
            }
        }
        Path data = folder.resolve("data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.list(data)) {
                for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    String table = csv.getFileName().toString().replaceFirst("\\.csv$", "");
                    if (!configured.contains(table) && !load.containsValue(folder.relativize(csv).toString())) {
                        loaded.add(TableLoader.load(db, table, csv, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return loaded;
    }

    private static RecordSource open(Path file, String table, Properties load) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return XlsxSheet.open(file, load.getProperty(table + ".sheet", ""),
                    Integer.parseInt(load.getProperty(table + ".header-row", "1")));
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return GeoJsonFeatures.open(file, List.of(load.getProperty(table + ".properties", "").split("\\s*,\\s*")));
        }
        return CsvReader.open(file, StandardCharsets.UTF_8);
    }
}
