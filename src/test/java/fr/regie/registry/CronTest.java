package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/** Schedules: crontab's five fields, and the next time they fire. */
class CronTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ZonedDateTime at(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.of(y, mo, d, h, mi, 0, 0, PARIS);
    }

    @Test
    void everyQuarterHour() {
        assertEquals(at(2026, 11, 29, 10, 15), Cron.parse("*/15 * * * *").next(at(2026, 11, 29, 10, 0)));
        assertEquals(at(2026, 11, 29, 11, 0), Cron.parse("*/15 * * * *").next(at(2026, 11, 29, 10, 50)));
    }

    @Test
    void dailyMonthlyYearly() {
        assertEquals(at(2026, 11, 30, 4, 0), Cron.parse("0 4 * * *").next(at(2026, 11, 29, 4, 0)));
        assertEquals(at(2026, 12, 1, 5, 0), Cron.parse("0 5 1 * *").next(at(2026, 11, 29, 10, 0)));
        assertEquals(at(2027, 1, 1, 3, 0), Cron.parse("0 3 1 1 *").next(at(2026, 11, 29, 10, 0)));
    }

    @Test
    void weekdaysWithSundayAsZeroOrSeven() {
        // 2026-11-29 is a Sunday.
        assertEquals(at(2026, 11, 30, 4, 0), Cron.parse("0 4 * * 1").next(at(2026, 11, 29, 10, 0)));
        assertEquals(at(2026, 12, 6, 4, 0), Cron.parse("0 4 * * 7").next(at(2026, 11, 29, 10, 0)));
        assertEquals(at(2026, 12, 1, 8, 30), Cron.parse("30 8 * * 1-5").next(at(2026, 11, 30, 9, 0)));
    }

    @Test
    void badExpressionsSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 4 * *")).getMessage().contains("5 fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("61 * * * *")).getMessage().contains("minute 61"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 4 * * mon")).getMessage().contains("'mon'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 5-2 * * *")).getMessage().contains("backwards"));
    }
}
