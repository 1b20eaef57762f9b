package fr.regie.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The real databases tests run against. Each test class gets its own PostgreSQL schema or
 * MariaDB database, created here and dropped by {@link #close()}. When a server does not answer,
 * the test is skipped on a developer's machine and fails in CI ({@code CI=true}).
 */
public final class TestDb implements AutoCloseable {
    /** The three databases Régie supports. */
    public enum Kind { H2, POSTGRESQL, MARIADB }

    public static final String PG_URL = setting("regie.test.postgresql", "REGIE_TEST_POSTGRESQL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    public static final String MARIADB_URL = setting("regie.test.mariadb", "REGIE_TEST_MARIADB",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    private final Kind kind;
    private final String name;
    private final String url;

    private TestDb(Kind kind, String name, String url) {
        this.kind = kind;
        this.name = name;
        this.url = url;
    }

    private static String setting(String prop, String env, String dflt) {
        String v = System.getProperty(prop);
        if (v == null) {
            v = System.getenv(env);
        }
        return v == null ? dflt : v;
    }

    /** Creates a fresh, empty database (H2 in memory, a PostgreSQL schema, a MariaDB database). */
    public static TestDb create(Kind kind) {
        String name = "regie_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (kind) {
            case H2:
                return new TestDb(kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            case POSTGRESQL:
                admin(PG_URL, "CREATE SCHEMA " + name);
                return new TestDb(kind, name, PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + name);
            case MARIADB:
                admin(MARIADB_URL, "CREATE DATABASE " + name);
                return new TestDb(kind, name, MARIADB_URL.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + name));
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static void admin(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String msg = "database not reachable at " + url + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(msg + " (in CI a missing database is a failure)", e);
            }
            Assumptions.abort(msg);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The JDBC URL of this test database (user in the URL, no password needed here). */
    public String url() {
        return url;
    }

    /** A lower-case label for test names: h2, postgresql, mariadb. */
    public String label() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Runs statements (DDL, inserts) in this database. */
    public void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (kind == Kind.MARIADB) {
                s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES,PIPES_AS_CONCAT')");
            }
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        switch (kind) {
            case H2 -> execute("SHUTDOWN");
            case POSTGRESQL -> admin(PG_URL, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
            case MARIADB -> admin(MARIADB_URL, "DROP DATABASE IF EXISTS " + name);
        }
    }
}
