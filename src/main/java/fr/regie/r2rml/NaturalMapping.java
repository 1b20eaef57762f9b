package fr.regie.r2rml;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;

/**
 * The natural RDF literal of an SQL value (R2RML §10.2, Table 1): each SQL type maps to an XSD
 * datatype and each value to that datatype's canonical lexical form. Values of other types
 * become plain strings.
 */
final class NaturalMapping {

    /** Reads one column of the current row as a lexical form, or null for SQL NULL. */
    @FunctionalInterface
    interface Reader {
        String read(ResultSet rs, int index) throws SQLException;
    }

    /** How to read a column: the reader and the natural datatype (null for a plain string). */
    record ColumnReader(Reader reader, RDFDatatype datatype) {}

    private NaturalMapping() {}

    static ColumnReader forColumn(ResultColumns.Column c) {
        String typeName = c.typeName() == null ? "" : c.typeName().toLowerCase(Locale.ROOT);
        switch (c.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER:
                return new ColumnReader(NaturalMapping::integer, XSDDatatype.XSDinteger);
            case Types.BIGINT:
                return new ColumnReader(typeName.contains("unsigned") ? NaturalMapping::text : NaturalMapping::integer,
                        XSDDatatype.XSDinteger);
            case Types.NUMERIC, Types.DECIMAL:
                return new ColumnReader(NaturalMapping::decimal, XSDDatatype.XSDdecimal);
            case Types.REAL:
                return new ColumnReader(NaturalMapping::real, XSDDatatype.XSDdouble);
            case Types.FLOAT, Types.DOUBLE:
                return new ColumnReader(NaturalMapping::doublePrecision, XSDDatatype.XSDdouble);
            case Types.BOOLEAN:
                return new ColumnReader(NaturalMapping::bool, XSDDatatype.XSDboolean);
            case Types.BIT:
                // PostgreSQL reports boolean as BIT; a longer BIT(n) is a bit string.
                if (typeName.startsWith("bool") || c.precision() <= 1) {
                    return new ColumnReader(NaturalMapping::bool, XSDDatatype.XSDboolean);
                }
                return new ColumnReader(NaturalMapping::text, null);
            case Types.DATE:
                return new ColumnReader(NaturalMapping::date, XSDDatatype.XSDdate);
            case Types.TIME:
                return new ColumnReader(NaturalMapping::time, XSDDatatype.XSDtime);
            case Types.TIME_WITH_TIMEZONE:
                return new ColumnReader(NaturalMapping::timeTz, XSDDatatype.XSDtime);
            case Types.TIMESTAMP:
                if (typeName.contains("timestamptz") || typeName.contains("with time zone")) {
                    return new ColumnReader(NaturalMapping::timestampTz, XSDDatatype.XSDdateTime);
                }
                return new ColumnReader(NaturalMapping::timestamp, XSDDatatype.XSDdateTime);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return new ColumnReader(NaturalMapping::timestampTz, XSDDatatype.XSDdateTime);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
                return new ColumnReader(NaturalMapping::binary, XSDDatatype.XSDhexBinary);
            default:
                return new ColumnReader(NaturalMapping::text, null);
        }
    }

    private static String text(ResultSet rs, int i) throws SQLException {
        return rs.getString(i);
    }

    private static String integer(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Long.toString(v);
    }

    private static String decimal(ResultSet rs, int i) throws SQLException {
        BigDecimal v = rs.getBigDecimal(i);
        return v == null ? null : XsdLexical.decimal(v);
    }

    private static String real(ResultSet rs, int i) throws SQLException {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : XsdLexical.floatAsDouble(v);
    }

    private static String doublePrecision(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : XsdLexical.doubleValue(v);
    }

    private static String bool(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : Boolean.toString(v);
    }

    private static String date(ResultSet rs, int i) throws SQLException {
        LocalDate v = rs.getObject(i, LocalDate.class);
        return v == null ? null : v.toString();
    }

    private static String time(ResultSet rs, int i) throws SQLException {
        LocalTime v = rs.getObject(i, LocalTime.class);
        return v == null ? null : XsdLexical.time(v);
    }

    private static String timeTz(ResultSet rs, int i) throws SQLException {
        OffsetTime v = rs.getObject(i, OffsetTime.class);
        return v == null ? null : XsdLexical.time(v);
    }

    private static String timestamp(ResultSet rs, int i) throws SQLException {
        LocalDateTime v = rs.getObject(i, LocalDateTime.class);
        return v == null ? null : XsdLexical.dateTime(v);
    }

    private static String timestampTz(ResultSet rs, int i) throws SQLException {
        OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
        return v == null ? null : XsdLexical.dateTime(v);
    }

    private static String binary(ResultSet rs, int i) throws SQLException {
        byte[] v = rs.getBytes(i);
        return v == null ? null : XsdLexical.hex(v);
    }
}
