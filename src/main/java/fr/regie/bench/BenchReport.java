package fr.regie.bench;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the R2RML benchmark's figures as a table, then each target and whether it is met. The
 * targets are reported, not enforced: a run that misses one still succeeds.
 */
public final class BenchReport {
    /** Engine throughput over baseline throughput. */
    static final double RATIO_TARGET = 0.6;
    /** Peak heap of the engine phase, in MiB (the benchmark runs with -Xmx256m). */
    static final long HEAP_TARGET_MIB = 256;
    /** Seconds for about ten million triples from H2. */
    static final double H2_SECONDS_PER_10M_TARGET = 40;
    /** The row count the time target is meant for (about ten million triples). */
    static final long FULL_SIZE_ROWS = 1_000_000;

    private static final String ROW = "%-11s %-9s %11s %12s %10s %8s %11s %9s %9s %9s%n";

    private BenchReport() {}

    /** Prints the figures of {@code results}, measured on {@code rows} rows, best of {@code runs}. */
    public static void print(PrintWriter out, long rows, int runs, List<DatabaseResult> results) {
        out.printf(Locale.ROOT, "Régie R2RML benchmark: %,d rows × 8 columns (+ %,d categories),"
                + " N-Quads written to a file, fetch size %,d%s%n", rows, BenchData.CATEGORIES, EngineRun.FETCH_SIZE,
                runs == 1 ? "" : ", best of " + runs + " runs");
        out.printf(Locale.ROOT, "Java %s (%s), %d processors, max heap %d MiB, GC %s%n%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, collectors());
        out.printf(Locale.ROOT, ROW, "database", "phase", "rows read", "triples", "output MiB", "time s",
                "triples/s", "peak MiB", "pools MiB", "live MiB");
        for (DatabaseResult r : results) {
            line(out, r.database(), r.baseline());
            line(out, r.database(), r.engine());
            out.printf(Locale.ROOT, "%-11s engine scans: %s; data generation %.1f s%n", "",
                    scans(r.engine().passes()), seconds(r.generation()));
        }
        out.println();
        out.println("Heap during each phase: peak = the fullest it got (read just before each collection); pools = sum of each");
        out.println("heap pool's own peak (an upper bound: pools peak at different moments); live = left after a full GC forced");
        out.println("halfway through the phase, i.e. what the code really holds while streaming (H2's page cache included).");
        out.println();
        out.println("Targets");
        for (DatabaseResult r : results) {
            targets(out, r);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String db, Measurement m) {
        out.printf(Locale.ROOT, ROW, db, m.phase(), String.format(Locale.ROOT, "%,d", m.rowsRead()),
                String.format(Locale.ROOT, "%,d", m.triples()), String.format(Locale.ROOT, "%,.1f", mib(m.outputBytes())),
                String.format(Locale.ROOT, "%.1f", m.seconds()), String.format(Locale.ROOT, "%,.0f", m.triplesPerSecond()),
                String.format(Locale.ROOT, "%.0f", mib(m.peakHeapBytes())),
                String.format(Locale.ROOT, "%.0f", mib(m.poolPeaksBytes())),
                m.liveHeapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", mib(m.liveHeapBytes())));
    }

    private static void targets(PrintWriter out, DatabaseResult r) {
        String db = r.database();
        target(out, db, "engine/baseline throughput", String.format(Locale.ROOT, "%.2f", r.ratio()),
                "≥ " + RATIO_TARGET, r.ratio() >= RATIO_TARGET);
        double peak = mib(r.engine().peakHeapBytes());
        target(out, db, "engine peak heap", String.format(Locale.ROOT, "%.0f MiB", peak),
                "< " + HEAP_TARGET_MIB + " MiB", peak < HEAP_TARGET_MIB);
        if (r.baseline().triples() != r.engine().triples()) {
            out.printf(Locale.ROOT, "%-11s note: the baseline wrote %,d lines, the engine %,d triples%n", db,
                    r.baseline().triples(), r.engine().triples());
        }
        if (db.equals("h2")) {
            // Scaled to ten million triples, so that the figure reads the same whatever --rows was;
            // judged only on a full-size run, since fixed costs weigh too much on a small one.
            double per10m = r.engine().seconds() * 10_000_000 / Math.max(1, r.engine().triples());
            String measured = String.format(Locale.ROOT, "%.1f s", per10m);
            String goal = "< " + (int) H2_SECONDS_PER_10M_TARGET + " s";
            if (r.rows() < FULL_SIZE_ROWS) {
                out.printf(Locale.ROOT, "%-11s %-30s %10s   target %-10s %s%n", db, "engine time for 10 M triples", measured,
                        goal, "not judged below " + String.format(Locale.ROOT, "%,d", FULL_SIZE_ROWS) + " rows");
            } else {
                target(out, db, "engine time for 10 M triples", measured, goal, per10m < H2_SECONDS_PER_10M_TARGET);
            }
        }
    }

    private static void target(PrintWriter out, String db, String what, String measured, String goal, boolean met) {
        out.printf(Locale.ROOT, "%-11s %-30s %10s   target %-10s %s%n", db, what, measured, goal, met ? "met" : "MISSED");
    }

    private static String scans(Map<String, Duration> passes) {
        return passes.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), seconds(e.getValue())))
                .collect(Collectors.joining(", "));
    }

    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
