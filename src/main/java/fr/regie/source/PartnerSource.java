package fr.regie.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SourceException;
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
        runSchema(db);
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

    /**
     * Runs {@code schema.sql} statement by statement; the first that the database refuses is
     * reported at its line, with the database's first line of explanation.
     */
    private void runSchema(Database db) throws IOException, SQLException {
        Path schema = folder.resolve("schema.sql");
        SqlScript script = SqlScript.parse(Files.readString(schema, StandardCharsets.UTF_8));
        try (Statement st = db.connection().createStatement()) {
            for (int i = 0; i < script.statements().size(); i++) {
                try {
                    st.execute(script.statements().get(i));
                } catch (SQLException e) {
                    throw new SourceException(schema + ":" + script.lines().get(i), "the database refuses this statement: " + firstLine(e));
                }
            }
        }
    }

    /** The first line of a driver's message (H2 appends the whole statement), with the SQL state. */
    static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = m.indexOf("; SQL statement:");
        m = (cut > 0 ? m.substring(0, cut) : m).lines().findFirst().orElse("").strip();
        if (m.length() > 300) {
            m = m.substring(0, 300) + "…";
        }
        return e.getSQLState() == null ? m : m + " (SQL state " + e.getSQLState() + ")";
    }

    private static RecordSource open(Path file, String table, Properties load) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            String row = load.getProperty(table + ".header-row", "1").strip();
            if (!row.matches("[1-9][0-9]{0,5}")) {
                throw new SourceFileException(file, "load.properties", table + ".header-row must be a row number from 1, not '" + row + "'");
            }
            return XlsxSheet.open(file, load.getProperty(table + ".sheet", ""), Integer.parseInt(row));
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return GeoJsonFeatures.open(file, List.of(load.getProperty(table + ".properties", "").split("\\s*,\\s*")));
        }
        return CsvReader.open(file, StandardCharsets.UTF_8);
    }
}
