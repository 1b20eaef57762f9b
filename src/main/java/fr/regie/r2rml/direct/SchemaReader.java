package fr.regie.r2rml.direct;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.SourceException;

/** Reads tables, columns and keys of the current schema through JDBC metadata. */
public final class SchemaReader {
    private SchemaReader() {}

    /**
     * Reads the given tables, or every base table of the current schema when {@code only} is
     * empty. A table asked for that does not exist is a {@link SourceException}.
     */
    public static Schema read(Database db, List<String> only) {
        Connection c = db.connection();
        try {
            DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = c.getSchema();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            names.sort(Comparator.naturalOrder());
            List<String> wanted = only.isEmpty() ? names : only;
            List<Schema.Table> tables = new ArrayList<>();
            for (String name : wanted) {
                if (!names.contains(name)) {
                    throw new SourceException(db.description(), "no table named " + name + " in the current schema (tables: "
                            + String.join(", ", names) + ")");
                }
                tables.add(table(md, catalog, schema, name));
            }
            return new Schema(tables);
        } catch (SQLException e) {
            throw new SourceException(db.description() + ": reading the schema", e);
        }
    }

    private static Schema.Table table(DatabaseMetaData md, String catalog, String schema, String name) throws SQLException {
        List<Schema.Column> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schema, name, "%")) {
            TreeMap<Integer, Schema.Column> byPosition = new TreeMap<>();
            while (rs.next()) {
                byPosition.put(rs.getInt("ORDINAL_POSITION"),
                        new Schema.Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
            }
            columns.addAll(byPosition.values());
        }
        TreeMap<Integer, String> pk = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, name)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, TreeMap<Integer, String[]>> fks = new LinkedHashMap<>();
        Map<String, String> fkTables = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, name)) {
            while (rs.next()) {
                String fk = rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME");
                fkTables.put(fk, rs.getString("PKTABLE_NAME"));
                fks.computeIfAbsent(fk, k -> new TreeMap<>())
                        .put(rs.getInt("KEY_SEQ"), new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<Schema.ForeignKey> foreignKeys = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : fks.entrySet()) {
            List<String> cols = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (String[] pair : e.getValue().values()) {
                cols.add(pair[0]);
                refs.add(pair[1]);
            }
            foreignKeys.add(new Schema.ForeignKey(cols, fkTables.get(e.getKey()), refs));
        }
        return new Schema.Table(name, columns, new ArrayList<>(pk.values()), foreignKeys);
    }
}
