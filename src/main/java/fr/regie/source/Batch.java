package fr.regie.source;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The records of one insert batch (at most {@code TableLoader.BATCH}), kept so that a row the
 * database refuses when the batch runs (a text too long, a time that does not parse, a NULL in a
 * NOT NULL column, a duplicate key) is reported at its file and line, with its column, value and
 * declared type when the database's message names the column.
 */
final class Batch {
    private final Path file;
    private final String table;
    private final String[] names;
    private final String[] declared;
    private final List<String> where = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    Batch(Path file, String table, String[] names, String[] declared) {
        this.file = file;
        this.table = table;
        this.names = names;
        this.declared = declared;
    }

    void add(String at, List<String> row) {
        where.add(at);
        rows.add(row);
    }

    void execute(PreparedStatement ins) throws SQLException, SourceFileException {
        try {
            ins.executeBatch();
        } catch (BatchUpdateException e) {
            throw located(e);
        }
        where.clear();
        rows.clear();
    }

    /** The first refused row: the first marked failed (drivers that go on), else the one after those that passed. */
    private SourceFileException located(BatchUpdateException e) {
        int[] counts = e.getUpdateCounts() == null ? new int[0] : e.getUpdateCounts();
        int failed = counts.length;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                failed = i;
                break;
            }
        }
        if (failed >= rows.size()) {
            return new SourceFileException(file, "a batch of rows into " + table, PartnerSource.firstLine(e));
        }
        String message = PartnerSource.firstLine(e);
        List<String> row = rows.get(failed);
        for (int c = 0; c < names.length; c++) {
            if (Pattern.compile("\\b" + Pattern.quote(names[c].toUpperCase(Locale.ROOT)) + "\\b").matcher(message.toUpperCase(Locale.ROOT)).find()) {
                String v = row.get(c).strip();
                String shown = SourceFileException.shown(v);
                return new SourceFileException(file, where.get(failed) + ", column " + (c + 1) + " (" + names[c] + ")",
                        (v.isEmpty() ? "an empty cell" : "'" + shown + "'") + " is refused for " + declared[c] + ": " + message);
            }
        }
        return new SourceFileException(file, where.get(failed), "the row is refused by table " + table + ": " + message);
    }
}
