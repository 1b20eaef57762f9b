package fr.regie.r2rml;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The columns of a logical table as the database describes them, and the rules that match a
 * column name written in a mapping to one of them.
 */
final class ResultColumns {

    /**
     * One column: its label, JDBC type, and whether the query gave it that name (an alias or an
     * expression) rather than taking it from a table.
     */
    record Column(String label, int jdbcType, String typeName, int precision, boolean alias) {}

    private final List<Column> columns;
    private final Dialect dialect;

    private ResultColumns(List<Column> columns, Dialect dialect) {
        this.columns = List.copyOf(columns);
        this.dialect = dialect;
    }

    /**
     * Describes the columns of a query. {@code queryText} is the SQL the mapping wrote (null for a
     * base table): on a database that keeps identifiers as written, an alias written there without
     * quotes ({@code AS FirstName}) is a regular identifier even when it repeats a column name.
     */
    static ResultColumns of(ResultSetMetaData md, Dialect dialect, String queryText) throws SQLException {
        List<Column> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String label = md.getColumnLabel(i);
            String name = md.getColumnName(i);
            String table = md.getTableName(i);
            boolean alias = table == null || table.isEmpty() || !label.equals(name)
                    || (queryText != null && writtenAsRegularAlias(queryText, label));
            cols.add(new Column(label, md.getColumnType(i), md.getColumnTypeName(i), md.getPrecision(i), alias));
        }
        return new ResultColumns(cols, dialect);
    }

    private static boolean writtenAsRegularAlias(String sql, String label) {
        return Pattern.compile("(?i)\\bAS\\s+" + Pattern.quote(label) + "(?![\\w$\"])").matcher(sql).find();
    }

    int size() {
        return columns.size();
    }

    Column get(int index) {
        return columns.get(index);
    }

    /** A label that appears twice, or null (R2RML §5: column names must be unique). */
    String duplicateLabel() {
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            String key = dialect.folding() == Dialect.Folding.NONE ? c.label().toLowerCase(Locale.ROOT) : c.label();
            if (!seen.add(key)) {
                return c.label();
            }
        }
        return null;
    }

    /**
     * The index (from 0) of the column that an identifier names, or -1. A delimited identifier
     * matches its label exactly. A regular identifier matches the label the database would have
     * made of it: upper case per SQL:2008, or the database's own folding. A database that keeps
     * identifiers as written (MariaDB) also matches a regular identifier against a name the query
     * itself gave (an alias) without regard to case.
     */
    int indexOf(SqlIdentifier id) {
        if (id.delimited()) {
            return find(id.name(), false);
        }
        String name = id.name();
        int i = switch (dialect.folding()) {
            case LOWER -> find(name.toLowerCase(Locale.ROOT), false);
            case UPPER -> find(name.toUpperCase(Locale.ROOT), false);
            case NONE -> find(name.toLowerCase(Locale.ROOT), false);
        };
        if (i < 0) {
            i = find(name.toUpperCase(Locale.ROOT), false);
        }
        if (i < 0 && dialect.folding() == Dialect.Folding.NONE) {
            i = find(name, true);
        }
        return i;
    }

    private int find(String label, boolean aliasIgnoringCase) {
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (aliasIgnoringCase ? c.alias() && c.label().equalsIgnoreCase(label) : c.label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /** The labels, for messages that list what the logical table has. */
    String labels() {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            sb.append(sb.isEmpty() ? "" : ", ").append(c.label());
        }
        return sb.toString();
    }
}
