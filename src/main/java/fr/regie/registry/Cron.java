package fr.regie.registry;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week), as in crontab:
 * numbers, ranges {@code a-b}, lists {@code a,b}, steps {@code *}{@code /n} and {@code a-b/n}; day of
 * week 0–7 with 0 and 7 both Sunday. When both day fields are restricted, either may match, as
 * in crontab.
 */
public record Cron(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                   boolean anyDay, boolean anyWeekday) {

    public static Cron parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("a schedule has 5 fields (minute hour day month weekday), found " + f.length);
        }
        BitSet weekdays = field(f[4], 0, 7, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        return new Cron(text.trim(), field(f[0], 0, 59, "minute"), field(f[1], 0, 23, "hour"), field(f[2], 1, 31, "day of month"),
                field(f[3], 1, 12, "month"), weekdays, f[2].equals("*"), f[4].equals("*"));
    }

    private static BitSet field(String spec, int min, int max, String name) {
        BitSet bits = new BitSet();
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, name);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                lo = number(ab[0], min, max, name);
                hi = number(ab[1], min, max, name);
                if (lo > hi) {
                    throw new IllegalArgumentException(name + " range " + range + " goes backwards");
                }
            } else {
                lo = number(range, min, max, name);
                hi = slash >= 0 ? max : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, int min, int max, String name) {
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " " + v + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is not a number, range, list or step");
        }
    }

    /** The first time strictly after {@code after} that the expression matches (minute precision). */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (int i = 0; i < 366 * 24 * 60 * 5; i++) {
            if (matches(t.toLocalDateTime())) {
                return t;
            }
            t = t.plusMinutes(1);
        }
        throw new IllegalStateException("schedule '" + text + "' never fires");
    }

    boolean matches(LocalDateTime t) {
        if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
            return false;
        }
        boolean dom = days.get(t.getDayOfMonth());
        boolean dow = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (anyDay || anyWeekday) {
            return dom && dow;
        }
        return dom || dow;
    }
}
