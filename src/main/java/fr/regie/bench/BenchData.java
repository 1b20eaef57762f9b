package fr.regie.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import fr.regie.r2rml.SourceException;

/**
 * Creates and fills the benchmark tables in schema {@value #SCHEMA}: {@code category} (a
 * thousand rows: id, name) and {@code item} (eight columns of the common SQL types, one of them
 * nullable, one a foreign key to {@code category}). Rows are generated inside the database,
 * which is far faster than sending them over JDBC.
 */
final class BenchData {
    static final String SCHEMA = "regie_bench";
    static final String ITEM = SCHEMA + ".item";
    static final String CATEGORY = SCHEMA + ".category";
    static final int CATEGORIES = 1_000;

    private BenchData() {}

    /** Drops whatever a previous run left, then creates and fills both tables. */
    static void create(Connection c, BenchDatabase.Kind kind, long rows) {
        boolean pg = kind == BenchDatabase.Kind.POSTGRESQL;
        drop(c);
        execute(c, List.of(
                "CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + CATEGORY + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)",
                "CREATE TABLE " + ITEM + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                        + " price NUMERIC(10,2) NOT NULL, released_on DATE NOT NULL, modified_at TIMESTAMP NOT NULL,"
                        + " available BOOLEAN NOT NULL, note VARCHAR(200),"
                        + " category_id INTEGER NOT NULL REFERENCES " + CATEGORY + " (id))",
                pg ? categoriesPostgresql() : categoriesH2(),
                pg ? itemsPostgresql(rows) : itemsH2(rows)));
        // Fresh statistics (and, on PostgreSQL, hint bits set now) so that no measured phase pays for them.
        execute(c, List.of(pg ? "VACUUM ANALYZE " + CATEGORY : "ANALYZE", pg ? "VACUUM ANALYZE " + ITEM : "SELECT 1"));
    }

    /** Drops the schema and its tables. */
    /**
     * Runs {@code work} with a connection kept open throughout (so that an H2 file database stays
     * open and cached between phases), then drops the benchmark's tables, whether the work
     * succeeded or not (a failure to drop is added to the work's own failure).
     */
    static <T> T withTables(BenchDatabase db, java.util.function.Function<Connection, T> work) {
        try (Connection admin = db.open()) {
            T result;
            try {
                result = work.apply(admin);
            } catch (RuntimeException e) {
                try {
                    drop(admin);
                } catch (RuntimeException dropFailed) {
                    e.addSuppressed(dropFailed);
                }
                throw e;
            }
            drop(admin);
            return result;
        } catch (SQLException e) {
            throw new SourceException("closing database " + db.label(), e);
        }
    }

    static void drop(Connection c) {
        execute(c, List.of("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
    }

    private static String categoriesH2() {
        return "INSERT INTO " + CATEGORY + " SELECT X, CONCAT('Catégorie ', X) FROM SYSTEM_RANGE(1, " + CATEGORIES + ")";
    }

    private static String categoriesPostgresql() {
        return "INSERT INTO " + CATEGORY + " SELECT x, 'Catégorie ' || x FROM generate_series(1, " + CATEGORIES + ") AS g(x)";
    }

    // The same values on both databases: prices spread over 0.00–9999.99, ten years of dates,
    // a year of timestamps to the second, two thirds available, one note in ten missing.
    private static String itemsH2(long rows) {
        return "INSERT INTO " + ITEM + " SELECT X, CONCAT('Équipement n°', X),"
                + " CAST(MOD(X * 7919, 1000000) / 100.0 AS NUMERIC(10,2)),"
                + " DATEADD(DAY, MOD(X, 3650), DATE '2015-01-01'),"
                + " DATEADD(SECOND, MOD(X * 37, 31536000), TIMESTAMP '2024-01-01 00:00:00'),"
                + " MOD(X, 3) <> 0,"
                + " CASE WHEN MOD(X, 10) = 0 THEN NULL ELSE CONCAT('Remarque sur l''équipement ', X) END,"
                + " CAST(MOD(X, " + CATEGORIES + ") + 1 AS INTEGER)"
                + " FROM SYSTEM_RANGE(1, " + rows + ")";
    }

    private static String itemsPostgresql(long rows) {
        return "INSERT INTO " + ITEM + " SELECT x, 'Équipement n°' || x,"
                + " CAST((x * 7919 % 1000000) / 100.0 AS NUMERIC(10,2)),"
                + " DATE '2015-01-01' + CAST(x % 3650 AS INTEGER),"
                + " TIMESTAMP '2024-01-01 00:00:00' + (x * 37 % 31536000) * INTERVAL '1 second',"
                + " x % 3 <> 0,"
                + " CASE WHEN x % 10 = 0 THEN NULL ELSE 'Remarque sur l''équipement ' || x END,"
                + " CAST(x % " + CATEGORIES + " + 1 AS INTEGER)"
                + " FROM generate_series(CAST(1 AS BIGINT), " + rows + ") AS g(x)";
    }

    private static void execute(Connection c, List<String> sql) {
        String current = null;
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                current = s;
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new SourceException("benchmark tables: " + current, e);
        }
    }
}
