package fr.regie.bench;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.stream.Collectors;

import fr.regie.pipeline.RefreshResult;

/**
 * Prints the refresh benchmark's figures: a table of the phases, what the pipeline said of each
 * run, the correctness checks, then each target and whether it is met. Targets are reported, not
 * enforced: a run that misses one still succeeds.
 */
public final class RefreshReport {
    /** Straight load time over the two-step path's time. */
    static final double STRAIGHT_TARGET = 1.0;
    /** Refresh after 1% of the rows changed, as a fraction of the full load. */
    static final double CHANGED_TARGET = 0.2;
    /** Refresh with nothing changed, as a fraction of the full load. */
    static final double UNCHANGED_TARGET = 0.05;

    private static final String ROW = "%-4s %-20s %11s %12s %9s %8s %11s %9s %9s %9s%n";

    private RefreshReport() {}

    public static void print(PrintWriter out, RefreshFigures f) {
        out.printf(Locale.ROOT, "Régie refresh benchmark: PostgreSQL, %,d rows × 8 columns (+ %,d categories), one TDB2 named"
                + " graph; warm-up on %,d rows%n", f.rows(), BenchData.CATEGORIES, f.warmUpRows());
        out.printf(Locale.ROOT, "Java %s (%s), %d processors, max heap %d MiB, GC %s%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, collectors());
        // Other processes on the machine skew every figure: say how busy it was.
        out.printf(Locale.ROOT, "System load average (1 min): %.1f at the start, %.1f at the end%n%n", f.loadAverageAtStart(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, ROW, "step", "phase", "rows read", "triples", "disk MiB", "time s", "triples/s", "peak MiB",
                "pools MiB", "live MiB");
        line(out, "1", f.twoStep().map());
        line(out, "1", f.twoStep().load());
        split(out, f.twoStep().load());
        out.printf(Locale.ROOT, ROW, "1", "two-step, total", "", count(f.twoStep().load().triples()), "",
                String.format(Locale.ROOT, "%.1f", RefreshFigures.seconds(f.twoStep().elapsed())),
                String.format(Locale.ROOT, "%,.0f", f.twoStep().load().triples() / RefreshFigures.seconds(f.twoStep().elapsed())),
                "", "", "");
        line(out, "1", f.straightWithPatch().measurement());
        split(out, f.straightWithPatch().measurement());
        line(out, "1", f.straight().measurement());
        split(out, f.straight().measurement());
        line(out, "2", f.refreshChanged().measurement());
        line(out, "3", f.refreshUnchanged().measurement());
        out.printf(Locale.ROOT, "     (data generation %.1f s, not measured; disk = the N-Quads file, or the store with its change"
                + " log and row state)%n", RefreshFigures.seconds(f.generation()));
        out.println("Heap: peak = the fullest it got (read just before each collection); pools = sum of each pool's own peak"
                + " (an upper bound);");
        out.println("live = left after a full GC forced halfway through the mapping (map, refresh) or at the end of the"
                + " loader's data phase (loads).");
        out.println();

        out.println("What the pipeline said (its own times end before the change log, the write transaction and the row state)");
        out.println("1 straight + patch  " + f.straightWithPatch().result().line());
        out.println("1 straight          " + f.straight().result().line());
        out.println("2 refresh, changed  " + f.refreshChanged().result().line());
        out.println("3 refresh, same     " + f.refreshUnchanged().result().line());
        out.println();
        checks(out, f);
        out.println();
        out.println("Targets (times; the straight load is the one without the patch)");
        target(out, "straight / two-step", f.straightRatio(), "≤ " + STRAIGHT_TARGET, f.straightRatio() <= STRAIGHT_TARGET);
        out.printf(Locale.ROOT, "%-36s %6.2f   (with the version-1 patch; not a target)%n", "straight + patch / two-step",
                f.straightWithPatchRatio());
        target(out, "refresh, 1% changed / full load", f.changedFraction(), "≤ " + CHANGED_TARGET,
                f.changedFraction() <= CHANGED_TARGET);
        target(out, "refresh, no change / full load", f.unchangedFraction(), "≤ " + UNCHANGED_TARGET,
                f.unchangedFraction() <= UNCHANGED_TARGET);
        out.flush();
    }

    private static void checks(PrintWriter out, RefreshFigures f) {
        out.println("Checks");
        RefreshResult changed = f.refreshChanged().result();
        long expected = f.changedRows() * RowChange.TRIPLES_PER_ROW;
        check(out, String.format(Locale.ROOT, "step 2 outcome %s, incremental %s", changed.outcome(), changed.incremental()),
                changed.outcome() == RefreshResult.Outcome.ACCEPTED && changed.incremental());
        check(out, String.format(Locale.ROOT, "step 2 changed %,d rows: +%,d -%,d triples, expected +%,d -%,d", f.changedRows(),
                changed.added(), changed.removed(), expected, expected), changed.added() == expected && changed.removed() == expected);
        check(out, String.format(Locale.ROOT, "graph size after step 1 %,d, after step 2 %,d", f.sizeAfterLoad(), f.sizeAfterRefresh()),
                f.sizeAfterLoad() == f.sizeAfterRefresh() && f.sizeAfterLoad() == f.straight().result().added());
        for (RowChange.Sample s : f.samples()) {
            check(out, String.format(Locale.ROOT, "item %d in the store: name %s, price %s (source: \"%s\", %s)", s.id(),
                    s.storeNames(), s.storePrices(), s.name(), s.price().toPlainString()), s.ok());
        }
        RefreshResult same = f.refreshUnchanged().result();
        check(out, String.format(Locale.ROOT, "step 3 outcome %s%s", same.outcome(),
                same.message().isEmpty() ? "" : " (" + same.message() + ")"), same.outcome() == RefreshResult.Outcome.UNCHANGED);
    }

    private static void line(PrintWriter out, String step, Measurement m) {
        out.printf(Locale.ROOT, ROW, step, m.phase(), m.rowsRead() == 0 ? "-" : count(m.rowsRead()), count(m.triples()),
                m.outputBytes() == 0 ? "-" : String.format(Locale.ROOT, "%,.1f", mib(m.outputBytes())),
                String.format(Locale.ROOT, "%.1f", m.seconds()), String.format(Locale.ROOT, "%,.0f", m.triplesPerSecond()),
                String.format(Locale.ROOT, "%.0f", mib(m.peakHeapBytes())), String.format(Locale.ROOT, "%.0f", mib(m.poolPeaksBytes())),
                m.liveHeapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", mib(m.liveHeapBytes())));
    }

    private static void split(PrintWriter out, Measurement m) {
        if (!m.passes().isEmpty()) {
            out.printf(Locale.ROOT, "     %s%n", m.passes().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), RefreshFigures.seconds(e.getValue())))
                    .collect(Collectors.joining(", ")));
        }
    }

    private static void target(PrintWriter out, String what, double measured, String goal, boolean met) {
        out.printf(Locale.ROOT, "%-36s %6.2f   target %-6s %s%n", what, measured, goal, met ? "met" : "MISSED");
    }

    private static void check(PrintWriter out, String what, boolean ok) {
        out.printf(Locale.ROOT, "  %-4s %s%n", ok ? "ok" : "FAIL", what);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
