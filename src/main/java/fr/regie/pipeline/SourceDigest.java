package fr.regie.pipeline;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.Dialect;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.TriplesMap;

/**
 * A fingerprint of each logical table, computed by the database itself in one query: the
 * number of rows and the sum of a hash of each row. The mapping's output depends only on the
 * rows of its logical tables, so equal fingerprints mean an unchanged source, found without
 * reading the rows. Empty when the database has no suitable hash function.
 * <p>
 * Two rows the engine reads differently must give different texts to hash: PostgreSQL's row
 * text already does (values quoted as needed, NULL distinct from any value); on H2 and MariaDB
 * each value is written with its length first ({@code 3:abc}, NULL as {@code N}), so that no
 * value can pass for a separator or for NULL, and bytes are written in hexadecimal, since as text
 * every sequence that is not UTF-8 reads the same.
 */
final class SourceDigest {
    private SourceDigest() {}

    static Map<String, String> compute(Database db, MappingDocument mapping) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (TriplesMap tm : mapping.triplesMaps()) {
                String sql = tm.logicalTable().effectiveQuery();
                String digestSql = digestQuery(db, sql);
                if (digestSql == null) {
                    return Map.of();
                }
                try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(digestSql)) {
                    rs.next();
                    out.put(tm.name(), rs.getLong(1) + ":" + rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            // No fingerprint: the refresh reads the rows instead.
            return Map.of();
        }
    }

    private static String digestQuery(Database db, String sql) throws SQLException {
        Dialect d = db.dialect();
        if (d == Dialect.POSTGRESQL) {
            return "SELECT COUNT(*), COALESCE(SUM(hashtextextended(t::text, 0)::numeric), 0) FROM (" + sql + ") AS t";
        }
        if (d != Dialect.H2 && d != Dialect.MARIADB) {
            return null;
        }
        StringJoiner cols = new StringJoiner(", ");
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(value(d, "t." + d.quote(md.getColumnLabel(i)), md.getColumnType(i)));
            }
        }
        // CONCAT wants two values at least: an empty string closes the list.
        if (d == Dialect.H2) {
            return "SELECT COUNT(*), COALESCE(SUM(CAST(ORA_HASH(CONCAT(" + cols + ", '')) AS BIGINT)), 0) FROM (" + sql + ") AS t";
        }
        return "SELECT COUNT(*), COALESCE(SUM(CAST(CONV(SUBSTRING(MD5(CONCAT(" + cols
                + ", '')), 1, 15), 16, 10) AS DECIMAL(20, 0))), 0) FROM (" + sql + ") AS t";
    }

    /** One value as text that no other value (nor NULL) shares: its length, a colon, the text; or N. */
    private static String value(Dialect d, String column, int jdbcType) {
        boolean bytes = jdbcType == Types.BINARY || jdbcType == Types.VARBINARY || jdbcType == Types.LONGVARBINARY
                || jdbcType == Types.BLOB;
        String text = bytes ? (d == Dialect.H2 ? "RAWTOHEX(" + column + ")" : "HEX(" + column + ")")
                : d == Dialect.H2 ? "CAST(" + column + " AS VARCHAR)" : "CAST(" + column + " AS CHAR)";
        return "COALESCE(CONCAT(CHAR_LENGTH(" + text + "), ':', " + text + "), 'N')";
    }
}
