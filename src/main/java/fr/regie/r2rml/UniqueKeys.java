package fr.regie.r2rml;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The primary key and unique indexes of a base table, read from JDBC metadata. When the parent
 * side of a join is unique, the engine can fold the join into the child's own scan.
 */
final class UniqueKeys {
    private UniqueKeys() {}

    /** The column sets that are unique in {@code table} (empty if it cannot be told). */
    static List<Set<String>> of(Database db, LogicalTable.BaseTable table) {
        List<String> parts = split(table.tableName());
        if (parts.isEmpty()) {
            return List.of();
        }
        try {
            DatabaseMetaData md = db.connection().getMetaData();
            String name = stored(parts.get(parts.size() - 1), db.dialect());
            String schema = parts.size() >= 2 ? stored(parts.get(parts.size() - 2), db.dialect()) : db.connection().getSchema();
            String catalog = db.connection().getCatalog();
            if (db.dialect() == Dialect.MARIADB && parts.size() >= 2) {
                catalog = schema;
                schema = null;
            }
            List<Set<String>> keys = new ArrayList<>();
            Set<String> pk = new HashSet<>();
            try (ResultSet rs = md.getPrimaryKeys(catalog, schema, name)) {
                while (rs.next()) {
                    pk.add(rs.getString("COLUMN_NAME"));
                }
            }
            if (!pk.isEmpty()) {
                keys.add(pk);
            }
            Map<String, Set<String>> indexes = new LinkedHashMap<>();
            try (ResultSet rs = md.getIndexInfo(catalog, schema, name, true, true)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                        indexes.computeIfAbsent(index, k -> new HashSet<>()).add(column);
                    }
                }
            }
            keys.addAll(indexes.values());
            return keys;
        } catch (SQLException e) {
            // Without metadata the engine simply runs the join as a scan of its own.
            return List.of();
        }
    }

    /** How the database stores a name written in SQL: delimited as is, regular folded. */
    private static String stored(String part, Dialect d) {
        SqlIdentifier id = SqlIdentifier.parse(part);
        if (id == null) {
            return part;
        }
        if (id.delimited()) {
            return id.name();
        }
        return switch (d.folding()) {
            case UPPER -> id.name().toUpperCase(Locale.ROOT);
            case LOWER -> id.name().toLowerCase(Locale.ROOT);
            case NONE -> id.name();
        };
    }

    private static List<String> split(String qualified) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : qualified.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
