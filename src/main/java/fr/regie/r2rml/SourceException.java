package fr.regie.r2rml;

import java.sql.SQLException;

/**
 * The database could not be reached or failed while rows were being read. The message names
 * the source (JDBC URL without secrets) or the triples map, plus the database's own message.
 */
public final class SourceException extends R2rmlException {

    public SourceException(String where, SQLException cause) {
        super(where + ": " + describe(cause), cause);
    }

    public SourceException(String where, String message) {
        super(where + ": " + message, null);
    }

    /** The driver's message on one line, with the SQL state when there is one. */
    public static String describe(SQLException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        msg = msg.replaceAll("\\s*\\R\\s*", " ").trim();
        return e.getSQLState() == null ? msg : msg + " (SQL state " + e.getSQLState() + ")";
    }
}
