package fr.regie.r2rml;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A JDBC connection to a partner's database and its dialect. Opened from a JDBC URL (H2,
 * PostgreSQL and MariaDB drivers are on the class path) or wrapped around a connection the
 * caller owns.
 */
public final class Database implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final String description;
    private final boolean owned;

    private Database(Connection connection, Dialect dialect, String description, boolean owned) {
        this.connection = connection;
        this.dialect = dialect;
        this.description = description;
        this.owned = owned;
    }

    /** Connects; a failure is a {@link SourceException} naming the URL (never the password). */
    public static Database connect(String url, String user, String password) {
        String where = "database " + redact(url);
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
                throw new SourceException(where, "no JDBC driver for this URL (Régie ships H2, PostgreSQL and MariaDB drivers: jdbc:h2:…, jdbc:postgresql://…, jdbc:mariadb://…)");
            }
            throw new SourceException("cannot connect to " + where, e);
        }
        try {
            Dialect d = Dialect.of(c);
            d.prepareSession(c);
            return new Database(c, d, where, true);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new SourceException("cannot prepare a session on " + where, e);
        }
    }

    /** Wraps a connection the caller keeps ownership of (it is not closed by {@link #close()}). */
    public static Database wrap(Connection c) {
        try {
            Dialect d = Dialect.of(c);
            d.prepareSession(c);
            return new Database(c, d, "database " + redact(c.getMetaData().getURL()), false);
        } catch (SQLException e) {
            throw new SourceException("cannot prepare a session", e);
        }
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** "database jdbc:…" with any password removed, for messages. */
    public String description() {
        return description;
    }

    /** A JDBC URL with password parameters masked. */
    public static String redact(String url) {
        if (url == null) {
            return "(unknown)";
        }
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    @Override
    public void close() {
        if (owned) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing a connection that failed is best effort.
        }
    }
}
