package fr.regie.r2rml.direct;

import java.util.List;

/** The part of a relational schema the Direct Mapping reads: tables, columns, keys. */
public record Schema(List<Table> tables) {
    public Schema {
        tables = List.copyOf(tables);
    }

    /** A column and its JDBC type. */
    public record Column(String name, int jdbcType, String typeName) {}

    /** A foreign key: these columns reference those of another table, in order. */
    public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    /** A table with its columns in order, its primary key (possibly empty) and foreign keys. */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
        }
    }

    /** The table with this exact name, or null. */
    public Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
