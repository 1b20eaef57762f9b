package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Canonical XSD lexical forms (XML Schema 1.0 Part 2, which R2RML cites), as R2RML's natural mapping needs them. */
class XsdLexicalTest {
    @Test
    void doubles() {
        assertEquals("7.022E1", XsdLexical.floatAsDouble(70.22f));
        assertEquals("1.0E2", XsdLexical.doubleValue(100));
        assertEquals("-1.0E-3", XsdLexical.doubleValue(-0.001));
        assertEquals("0.0E0", XsdLexical.doubleValue(0));
        assertEquals("-0.0E0", XsdLexical.doubleValue(-0.0));
        assertEquals("1.65E0", XsdLexical.doubleValue(1.65));
        assertEquals("1.2345678901234E13", XsdLexical.doubleValue(12345678901234.0));
        assertEquals("INF", XsdLexical.doubleValue(Double.POSITIVE_INFINITY));
        assertEquals("NaN", XsdLexical.floatAsDouble(Float.NaN));
    }

    @Test
    void decimalsAlwaysHaveAPointAndADigitOnEachSide() {
        assertEquals("2.5", XsdLexical.decimal(new BigDecimal("2.500")));
        assertEquals("30.0", XsdLexical.decimal(new BigDecimal("30.00")));
        assertEquals("75.0", XsdLexical.decimal(new BigDecimal("75")));
        assertEquals("300.0", XsdLexical.decimal(new BigDecimal("3E+2")));
        assertEquals("0.0", XsdLexical.decimal(new BigDecimal("0.000")));
        assertEquals("0.0", XsdLexical.decimal(new BigDecimal("-0.00")));
        assertEquals("-0.01", XsdLexical.decimal(new BigDecimal("-0.0100")));
        assertEquals("0.5", XsdLexical.decimal(new BigDecimal(".50")));
        assertEquals("-12.0", XsdLexical.decimal(new BigDecimal("-12")));
    }

    @Test
    void timesAndDates() {
        assertEquals("22:17:00", XsdLexical.time(LocalTime.of(22, 17)));
        assertEquals("09:05:01.25", XsdLexical.time(LocalTime.of(9, 5, 1, 250_000_000)));
        assertEquals("2011-08-23T22:17:00", XsdLexical.dateTime(LocalDateTime.of(2011, 8, 23, 22, 17)));
        assertEquals("2011-08-23T22:17:00Z", XsdLexical.dateTime(OffsetDateTime.of(2011, 8, 23, 22, 17, 0, 0, ZoneOffset.UTC)));
        assertEquals("2011-08-23T22:17:00+02:00",
                XsdLexical.dateTime(OffsetDateTime.of(2011, 8, 23, 22, 17, 0, 0, ZoneOffset.ofHours(2))));
    }

    @Test
    void hexIsUpperCase() {
        assertEquals("00FF7F", XsdLexical.hex(new byte[] {0, (byte) 0xff, 0x7f}));
    }

    @Test
    void iriSafeKeepsUnreservedAndLettersBeyondAscii() {
        assertEquals("Évry", IriSafe.encode("Évry"));
        assertEquals("Évry-Courcouronnes", IriSafe.encode("Évry-Courcouronnes"));
        assertEquals("path%2F..%2FDanny", IriSafe.encode("path/../Danny"));
        assertEquals("Emily%20Smith", IriSafe.encode("Emily Smith"));
        assertEquals("a%7Bb%7D%25", IriSafe.encode("a{b}%"));
        assertEquals("\uD83D\uDE00", IriSafe.encode("\uD83D\uDE00"), "U+1F600 is a ucschar");
        assertEquals("%EF%BF%BF", IriSafe.encode("\uFFFF"), "U+FFFF is not");
        assertEquals("%C2%9F", IriSafe.encode("\u009F"), "C1 controls are not");
    }
}
