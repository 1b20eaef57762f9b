package fr.regie.r2rml;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Canonical XSD lexical forms for the values R2RML's natural mapping produces (R2RML §10.2,
 * which cites XML Schema Part 2, version 1.0, for them). The W3C test cases expect these exact
 * strings ({@code "3.0E1"} for a double), and stable lexical forms keep refreshes from seeing
 * changes that are not there. A store may serve another form of the same value (TDB2 gives
 * {@code "30.0e0"} for that double): the store package owns that identity.
 */
public final class XsdLexical {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private XsdLexical() {}

    /**
     * xsd:decimal as XML Schema 1.0 writes it canonically (§3.2.3.2): no exponent, no sign for
     * positive numbers, a decimal point always, with one digit at least on each side and no other
     * leading or trailing zeros: {@code 75.0}, {@code 2.5}, {@code 0.0}, {@code -0.01}. (XML
     * Schema 1.1 would write {@code 75}; TDB2 and RMLMapper write {@code 75.0} too.)
     */
    public static String decimal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.signum() == 0) {
            return "0.0";
        }
        if (s.scale() <= 0) {
            s = s.setScale(1);
        }
        return s.toPlainString();
    }

    /** xsd:double from a float, read as a float so that 70.22 stays 7.022E1. */
    public static String floatAsDouble(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return special(f);
        }
        return scientific(Float.toString(f));
    }

    /** xsd:double: one non-zero digit before the point, at least one after, then E and the exponent. */
    public static String doubleValue(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return special(d);
        }
        return scientific(Double.toString(d));
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        return d > 0 ? "INF" : "-INF";
    }

    private static String scientific(String shortest) {
        boolean negative = shortest.startsWith("-");
        BigDecimal bd = new BigDecimal(shortest);
        if (bd.signum() == 0) {
            return negative ? "-0.0E0" : "0.0E0";
        }
        bd = bd.stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - bd.scale();
        String fraction = digits.length() > 1 ? digits.substring(1) : "0";
        return (bd.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + fraction + "E" + exponent;
    }

    /** xsd:hexBinary in upper case. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** xsd:time: hh:mm:ss with a fraction only when there is one. */
    public static String time(LocalTime t) {
        StringBuilder sb = new StringBuilder(18);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        fraction(sb, t.getNano());
        return sb.toString();
    }

    /** xsd:time with a time zone. */
    public static String time(OffsetTime t) {
        return time(t.toLocalTime()) + zone(t.getOffset());
    }

    /** xsd:dateTime without a time zone. */
    public static String dateTime(LocalDateTime dt) {
        return dt.toLocalDate() + "T" + time(dt.toLocalTime());
    }

    /** xsd:dateTime with a time zone, in canonical form (UTC written Z). */
    public static String dateTime(OffsetDateTime dt) {
        return dateTime(dt.toLocalDateTime()) + zone(dt.getOffset());
    }

    private static String zone(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "Z" : offset.getId();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static void fraction(StringBuilder sb, int nanos) {
        if (nanos == 0) {
            return;
        }
        String f = String.format("%09d", nanos);
        int end = f.length();
        while (end > 0 && f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }
}
