package fr.regie.pipeline.oracle;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import fr.regie.testing.TestDb;

/**
 * The values the oracle writes, by column kind: the ones that have several lexical forms or that
 * databases are known to blur (whole decimals, −0.0, NaN and infinities where the database has
 * them, floats that print alike, digits with leading zeros, CHAR padding, bytes that are not
 * UTF-8, accents), mixed with random ones. The first value of each pool is the simplest, what the
 * shrinker tries.
 */
final class OracleValues {
    private final TestDb.Kind db;

    OracleValues(TestDb.Kind db) {
        this.db = db;
    }

    private static final float[] FLOATS = {1f, 0f, -0f, 70.22f, 1.2345678f, 1.2345679f, 0.1f, 30f, 3.4e38f, 1.4e-45f};
    private static final double[] DOUBLES = {1, 0, -0.0, 30, 0.3, 0.30000000000000004, 1500, 1e300, 4.9e-324, 1.0e21, 12.5};

    /** The interesting values of a kind, the simplest first. */
    List<Object> pool(OracleSchema.Kind kind) {
        List<Object> out = new ArrayList<>();
        switch (kind) {
            case INT -> out.addAll(List.of(1L, 2L, 3L, 4L));
            case REGION -> out.addAll(List.of("N", "S", "É"));
            case DIGITS -> out.addAll(List.of("1", "0075", "75", "075", "0", "00", "+5", "-0", "12345678901234567890123"));
            case SMALL -> out.addAll(List.of(1L, 0L, 75L, -1L, 32767L));
            case BIG -> out.addAll(List.of(1L, 0L, -1L, (1L << 55) - 1, 1L << 55, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE));
            case DEC_FRACTION -> out.addAll(decimals("1.00", "75.00", "75.50", "0.00", "-0.00", "0.10", "-0.01", "9999999999.99"));
            case DEC_WHOLE -> out.addAll(decimals("1", "75", "0", "-3", "100000000000000000", "-999999999999999999"));
            case REAL -> {
                for (float f : FLOATS) {
                    out.add(f);
                }
                if (db != TestDb.Kind.MARIADB) {
                    out.addAll(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
                }
            }
            case DOUBLE -> {
                for (double d : DOUBLES) {
                    out.add(d);
                }
                if (db != TestDb.Kind.MARIADB) {
                    out.addAll(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
                }
            }
            case BOOL -> out.addAll(List.of(true, false));
            case DATE -> out.addAll(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(1999, 12, 31),
                    LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31)));
            case TIME -> out.addAll(List.of(LocalTime.of(12, 0), LocalTime.of(0, 0), LocalTime.of(12, 30, 0, 500_000_000),
                    LocalTime.of(23, 59, 59, 999_000_000), LocalTime.of(8, 0, 0, 100_000_000)));
            case STAMP -> out.addAll(List.of(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 500_000_000),
                    LocalDateTime.of(2000, 2, 29, 23, 59, 59, 999_000_000), LocalDateTime.of(1971, 1, 1, 0, 0, 0, 1_000_000)));
            case STAMP_TZ -> {
                if (db == TestDb.Kind.MARIADB) {
                    out.addAll(List.of(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 6, 1, 10, 0, 0, 500_000_000),
                            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_000_000)));
                } else {
                    out.addAll(List.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                            OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2)),
                            OffsetDateTime.of(2024, 6, 1, 10, 0, 0, 500_000_000, ZoneOffset.ofHoursMinutes(-5, -30))));
                }
            }
            case PADDED -> out.addAll(List.of("a", "a  ", "abc", "", "é", "abcdef"));
            case BINARY -> out.addAll(List.of(new byte[] {1}, new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0xFE}, new byte[] {(byte) 0x80, (byte) 0x81}));
            case TEXT -> out.addAll(List.of("a", "Évry", "école", "a ", "", "ß", "\uD83D\uDE00", "l'Île-Saint-Denis", "\"x\""));
            case CODE -> out.addAll(List.of("A1", "B2", "Ç3", "A1 ", "a1"));
        }
        return out;
    }

    private static List<Object> decimals(String... values) {
        List<Object> out = new ArrayList<>();
        for (String v : values) {
            out.add(new BigDecimal(v));
        }
        return out;
    }

    /** A value for a column: NULL sometimes, a pool value often, a random one otherwise. */
    Object next(OracleSchema.Kind kind, Random rnd, long schools) {
        if (rnd.nextInt(8) == 0) {
            return null;
        }
        if (kind == OracleSchema.Kind.INT) {
            return 1L + rnd.nextInt((int) Math.max(1, schools + 1));
        }
        List<Object> pool = pool(kind);
        if (rnd.nextInt(3) > 0) {
            return pool.get(rnd.nextInt(pool.size()));
        }
        return switch (kind) {
            case SMALL -> (long) (rnd.nextInt(65536) - 32768);
            case BIG -> rnd.nextLong();
            case DEC_FRACTION -> BigDecimal.valueOf(rnd.nextLong(-99_999_999_999L, 99_999_999_999L), 2);
            case DEC_WHOLE -> BigDecimal.valueOf(rnd.nextLong(-999_999_999_999_999_999L, 999_999_999_999_999_999L));
            case REAL -> (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(10) - 5));
            case DOUBLE -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
            case DIGITS -> "0".repeat(rnd.nextInt(3)) + rnd.nextInt(100_000);
            case TEXT -> "t" + rnd.nextInt(1000) + (rnd.nextBoolean() ? "é" : "");
            case BINARY -> {
                byte[] b = new byte[rnd.nextInt(9)];
                rnd.nextBytes(b);
                yield b;
            }
            default -> pool.get(rnd.nextInt(pool.size()));
        };
    }

    /**
     * Another value that looks like {@code v} to some representation: the other zero, the next
     * float, the same digits with other leading zeros, padding, other bytes that are not UTF-8,
     * the same instant at another offset, one millisecond or one unit more.
     */
    Object twin(OracleSchema.Kind kind, Object v, Random rnd) {
        return switch (v) {
            case Float f when f == 0f -> Float.compare(f, 0f) == 0 ? -0f : 0f;
            case Float f when Float.isFinite(f) -> rnd.nextBoolean() && f < 3e38f ? Math.nextUp(f) : Math.nextDown(f);
            case Double d when d == 0.0 -> Double.compare(d, 0.0) == 0 ? -0.0 : 0.0;
            case Double d when Double.isFinite(d) -> rnd.nextBoolean() && d < 1e307 ? Math.nextUp(d) : Math.nextDown(d);
            // One unit of the last place, towards zero so that the column's precision is never exceeded.
            case BigDecimal d -> {
                BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(0, d.scale()));
                yield d.signum() > 0 ? d.subtract(unit) : d.add(unit);
            }
            case Long l when kind == OracleSchema.Kind.SMALL -> l == 32767L ? 32766L : l + 1;
            case Long l when kind == OracleSchema.Kind.INT -> l == 1L ? 2L : l - 1;
            case Long l -> l == Long.MAX_VALUE ? l - 1 : l + 1;
            case Boolean b -> !b;
            case byte[] b -> b.length == 1 && (b[0] & 0x80) != 0 ? new byte[] {(byte) (0x80 | rnd.nextInt(0x80))} : new byte[] {(byte) 0xFF};
            case String s when kind == OracleSchema.Kind.DIGITS -> {
                String sign = s.startsWith("+") || s.startsWith("-") ? s.substring(0, 1) : "";
                String digits = s.substring(sign.length());
                yield sign + (digits.startsWith("0") && digits.length() > 1 ? digits.substring(1) : "0" + digits);
            }
            case String s when kind == OracleSchema.Kind.PADDED || kind == OracleSchema.Kind.CODE || kind == OracleSchema.Kind.TEXT
                    || kind == OracleSchema.Kind.REGION ->
                    s.endsWith(" ") ? s.strip() : s.length() < 4 ? s + " " : s.toUpperCase(java.util.Locale.ROOT);
            case LocalTime t -> t.plusNanos(1_000_000);
            case LocalDateTime t -> t.plusNanos(1_000_000);
            case OffsetDateTime t -> t.withOffsetSameInstant(t.getOffset().equals(ZoneOffset.UTC) ? ZoneOffset.ofHours(2) : ZoneOffset.UTC);
            case LocalDate d -> d.getYear() < 9999 ? d.plusDays(1) : d.minusDays(1);
            default -> next(kind, rnd, 3);
        };
    }

    /** Binds a value as the JDBC parameter {@code i}. */
    void bind(PreparedStatement ps, int i, OracleSchema.Kind kind, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, sqlType(kind));
            return;
        }
        switch (v) {
            case Long l when kind == OracleSchema.Kind.SMALL -> ps.setShort(i, l.shortValue());
            case Long l when kind == OracleSchema.Kind.INT -> ps.setInt(i, l.intValue());
            case Long l -> ps.setLong(i, l);
            case BigDecimal d -> ps.setBigDecimal(i, d);
            case Float f -> ps.setFloat(i, f);
            case Double d -> ps.setDouble(i, d);
            case Boolean b -> ps.setBoolean(i, b);
            case byte[] b -> ps.setBytes(i, b);
            case String s -> ps.setString(i, s);
            default -> ps.setObject(i, v);
        }
    }

    private static int sqlType(OracleSchema.Kind kind) {
        return switch (kind) {
            case INT, SMALL -> Types.INTEGER;
            case BIG -> Types.BIGINT;
            case DEC_FRACTION, DEC_WHOLE -> Types.DECIMAL;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case BOOL -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case STAMP -> Types.TIMESTAMP;
            case STAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BINARY -> Types.VARBINARY;
            default -> Types.VARCHAR;
        };
    }

    /** A value as SQL-ish text for the printed sequence. */
    static String show(Object v) {
        return switch (v) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case byte[] b -> "X'" + HexFormat.of().withUpperCase().formatHex(b) + "'";
            case Float f -> "REAL " + f;
            case Double d -> "DOUBLE " + d;
            case BigDecimal d -> d.toPlainString();
            case LocalDate d -> "DATE '" + d + "'";
            case LocalTime t -> "TIME '" + t + "'";
            case LocalDateTime t -> "TIMESTAMP '" + t + "'";
            case OffsetDateTime t -> "TIMESTAMP WITH TIME ZONE '" + t + "'";
            default -> v.toString();
        };
    }
}
