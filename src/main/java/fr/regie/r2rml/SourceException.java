package fr.regie.r2rml;

import java.sql.SQLException;

/**
 * The database could not be reached or failed while rows were being read. The message names
 * the source (JDBC URL without secrets) or the triples map, plus the database's own message.
 */
public final class SourceException extends R2rmlException {
    private final String sqlState;

    public SourceException(String where, SQLException cause) {
        super(where + ": " + describe(cause), cause);
        this.sqlState = cause.getSQLState();
    }

    public SourceException(String where, String message) {
        super(where + ": " + message, null);
        this.sqlState = null;
    }

    /**
     * What may be said of the failure to anyone who may see the dataset: that the source could
     * not be read, and the SQL state, without the driver's words (which name hosts, ports,
     * databases and users).
     */
    public String publicMessage() {
        return "the partner's source could not be read" + (sqlState == null ? "" : " (SQL state " + sqlState + ")");
    }

    /** The driver's message on one line, with the SQL state when there is one. */
    public static String describe(SQLException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        msg = msg.replaceAll("\\s*\\R\\s*", " ").trim();
        return e.getSQLState() == null ? msg : msg + " (SQL state " + e.getSQLState() + ")";
    }
}
