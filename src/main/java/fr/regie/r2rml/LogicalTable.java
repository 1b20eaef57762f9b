package fr.regie.r2rml;

import java.util.List;

import org.apache.jena.graph.Node;

/** A logical table (R2RML §5): a base table or view, or an R2RML view given as an SQL query. */
public sealed interface LogicalTable {

    /** The effective SQL query of the logical table (R2RML §5). */
    String effectiveQuery();

    /** A short description for messages. */
    String describe();

    /** {@code rr:tableName}: a table or view, possibly schema-qualified. */
    record BaseTable(String tableName) implements LogicalTable {
        @Override
        public String effectiveQuery() {
            return "SELECT * FROM " + tableName;
        }

        @Override
        public String describe() {
            return "table " + tableName;
        }
    }

    /** {@code rr:sqlQuery}: an R2RML view, with its declared SQL versions. */
    record SqlQuery(String sql, List<Node> sqlVersions) implements LogicalTable {
        public SqlQuery {
            sqlVersions = List.copyOf(sqlVersions);
        }

        /** The query without trailing semicolons, so that it can be nested as a derived table. */
        @Override
        public String effectiveQuery() {
            String q = sql.strip();
            while (q.endsWith(";")) {
                q = q.substring(0, q.length() - 1).strip();
            }
            return q;
        }

        @Override
        public String describe() {
            return "SQL query";
        }
    }
}
