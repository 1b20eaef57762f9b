package fr.regie.r2rml;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the databases partners run: how a session is prepared so that R2RML's
 * SQL:2008 text means what it says, how rows are streamed, and how the database reports
 * regular identifiers.
 */
public enum Dialect {
    /** H2, the embedded default: SQL:2008 identifiers (folded to upper case), streams by itself. */
    H2(Folding.UPPER),
    /** PostgreSQL: folds regular identifiers to lower case; streams only inside a transaction with a fetch size. */
    POSTGRESQL(Folding.LOWER),
    /**
     * MariaDB (and MySQL): keeps identifiers as written and compares column names without case.
     * The session runs with ANSI_QUOTES, PIPES_AS_CONCAT and PAD_CHAR_TO_FULL_LENGTH, so that
     * {@code "Name"} is an identifier, {@code ||} concatenates and CHAR(n) values keep their
     * padding, as in SQL:2008.
     */
    MARIADB(Folding.NONE),
    /** Any other JDBC database: treated by what its metadata says. */
    OTHER(Folding.UPPER);

    /** How a database reports regular identifiers. */
    public enum Folding { UPPER, LOWER, NONE }

    private final Folding folding;

    Dialect(Folding folding) {
        this.folding = folding;
    }

    public Folding folding() {
        return folding;
    }

    /** Recognises the database behind a connection. */
    public static Dialect of(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        return OTHER;
    }

    /** Prepares a new session. */
    public void prepareSession(Connection c) throws SQLException {
        if (this == MARIADB) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES,PIPES_AS_CONCAT,PAD_CHAR_TO_FULL_LENGTH')");
            }
        }
    }

    /**
     * Sets up a statement so that rows arrive in batches rather than all at once. PostgreSQL
     * needs auto-commit off for its cursor; MariaDB streams when a fetch size is set.
     */
    public void prepareForStreaming(Connection c, Statement s, int fetchSize) throws SQLException {
        if (this == POSTGRESQL && c.getAutoCommit()) {
            c.setAutoCommit(false);
        }
        s.setFetchSize(fetchSize);
    }

    /** Statements that drop a table (given as SQL text) if it exists, whatever references it. */
    public List<String> dropTable(String table) {
        return switch (this) {
            case MARIADB -> List.of("SET FOREIGN_KEY_CHECKS = 0", "DROP TABLE IF EXISTS " + table,
                    "SET FOREIGN_KEY_CHECKS = 1");
            case H2, POSTGRESQL -> List.of("DROP TABLE IF EXISTS " + table + " CASCADE");
            case OTHER -> List.of("DROP TABLE " + table);
        };
    }

    /** The name used for dialect variants of SQL scripts: {@code create-postgresql.sql}. */
    public String fileSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Quotes an identifier exactly as the database reported it. */
    public String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
