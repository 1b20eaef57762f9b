package fr.regie.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.StringJoiner;

import fr.regie.r2rml.Database;

/**
 * Streams a CSV file into an existing table, column by column in order. Each cell is converted
 * to the column's SQL type; an empty cell is NULL. The cleaning is deliberately small and the
 * same everywhere (byte order marks removed, cells trimmed); anything else a partner's data needs
 * is done in the partner's R2RML mapping, where it can be read.
 */
public final class TableLoader {
    private static final int BATCH = 2_000;

    private TableLoader() {}

    /** What was loaded, for the summary. */
    public record Loaded(String table, Path file, long rows) {}

    /**
     * Loads {@code file} into {@code table} (SQL text, quoted if needed). A file whose records
     * do not have as many fields as the table has columns is rejected with its line number.
     */
    public static Loaded load(Database db, String table, Path file, Charset charset) throws IOException, SQLException {
        try (CsvReader csv = CsvReader.open(file, charset)) {
            return load(db, table, csv, file);
        }
    }

    /** Loads the records of any source (CSV, XLSX sheet, GeoJSON features) into {@code table}. */
    public static Loaded load(Database db, String table, RecordSource records, Path file) throws IOException, SQLException {
        Connection c = db.connection();
        int[] types;
        String[] names;
        String[] declared;
        int n;
        try (PreparedStatement probe = c.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = probe.executeQuery().getMetaData();
            n = md.getColumnCount();
            types = new int[n];
            names = new String[n];
            declared = new String[n];
            for (int i = 0; i < n; i++) {
                types[i] = md.getColumnType(i + 1);
                names[i] = md.getColumnName(i + 1);
                declared[i] = md.getColumnTypeName(i + 1) + length(types[i], md.getPrecision(i + 1));
            }
        }
        StringJoiner marks = new StringJoiner(", ", "INSERT INTO " + table + " VALUES (", ")");
        for (int i = 0; i < n; i++) {
            marks.add("?");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long rows = 0;
        Batch batch = new Batch(file, table, names, declared);
        try (PreparedStatement ins = c.prepareStatement(marks.toString())) {
            for (List<String> rec = records.next(); rec != null; rec = records.next()) {
                if (rec.size() != n) {
                    throw new SourceFileException(file, records.where(), rec.size() + " fields, but table " + table
                            + " has " + n + " columns");
                }
                for (int i = 0; i < n; i++) {
                    String v = rec.get(i).strip();
                    try {
                        bind(ins, i + 1, types[i], v);
                    } catch (NumberFormatException | DateTimeParseException e) {
                        throw SourceFileException.badValue(file, records.where(), i + 1, names[i], v,
                                declared[i] + form(types[i]));
                    }
                }
                ins.addBatch();
                batch.add(records.where(), rec);
                if (++rows % BATCH == 0) {
                    batch.execute(ins);
                }
            }
            batch.execute(ins);
            c.commit();
        } catch (IOException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return new Loaded(table, file, rows);
    }

    /** The declared length of a character column ({@code VARCHAR(3)}); nothing for other types. */
    private static String length(int type, int precision) {
        return switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> precision > 0 && precision < 1_000_000 ? "(" + precision + ")" : "";
            default -> "";
        };
    }

    /** Binds a cell converted to the column's type; a value that does not convert throws a parse exception. */
    private static void bind(PreparedStatement ps, int i, int type, String v) throws SQLException {
        if (v.isEmpty()) {
            ps.setNull(i, type);
            return;
        }
        switch (type) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ps.setInt(i, Integer.parseInt(v));
            case Types.BIGINT -> ps.setLong(i, Long.parseLong(v));
            case Types.DECIMAL, Types.NUMERIC -> ps.setBigDecimal(i, new BigDecimal(v.replace(',', '.')));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ps.setDouble(i, Double.parseDouble(v.replace(',', '.')));
            case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, parseBoolean(v));
            case Types.DATE -> ps.setObject(i, LocalDate.parse(v));
            case Types.TIMESTAMP -> ps.setObject(i, v.length() > 19 && (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$"))
                    ? OffsetDateTime.parse(v).toLocalDateTime() : LocalDateTime.parse(v.replace(' ', 'T')));
            case Types.TIMESTAMP_WITH_TIMEZONE -> ps.setObject(i, OffsetDateTime.parse(v));
            default -> ps.setString(i, v);
        }
    }

    private static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "oui", "yes", "vrai", "t", "o", "y" -> true;
            case "false", "0", "non", "no", "faux", "f", "n" -> false;
            default -> throw new NumberFormatException(v);
        };
    }

    /** The form a value of a type is expected in, where the type's name does not say it. */
    private static String form(int type) {
        return switch (type) {
            case Types.BOOLEAN, Types.BIT -> " (true or false, oui or non, 1 or 0)";
            case Types.DATE -> " (YYYY-MM-DD)";
            case Types.TIMESTAMP -> " (YYYY-MM-DD hh:mm:ss)";
            case Types.TIMESTAMP_WITH_TIMEZONE -> " (YYYY-MM-DDThh:mm:ss+hh:mm)";
            default -> "";
        };
    }
}
