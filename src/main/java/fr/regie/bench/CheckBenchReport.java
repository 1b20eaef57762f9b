package fr.regie.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Prints the check benchmark's figures: one line per check (rows, triples, time, heap), the
 * ratio of the CSV-via-RML check to the H2-via-R2RML one, with and without the H2 table's
 * loading, and whether the targets hold. Reported, not enforced.
 */
public final class CheckBenchReport {
    /** Seconds a check of one of the demo's partners may take. */
    static final double PARTNER_SECONDS_TARGET = 15;
    /** Heap, in MiB, a check of a million rows must fit in. */
    static final long HEAP_TARGET_MIB = 256;

    private static final String ROW = "%-22s %11s %12s %8s %9s %10s  %s%n";

    private CheckBenchReport() {}

    public static void print(PrintWriter out, CheckBenchmark.Figures f) {
        long maxHeap = Runtime.getRuntime().maxMemory() >> 20;
        out.printf(Locale.ROOT, "Régie check benchmark: the demo's partners, then %,d generated station rows (%,d codes of today,"
                + " %,d former codes) as CSV via RML and as H2 via R2RML%n", f.rows(), f.todayCodes(), f.formerCodes());
        out.printf(Locale.ROOT, "Java %s, %d processors, max heap %d MiB, load average %.2f when it ended; rows generated in %.1f s%n%n",
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(), maxHeap,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), f.generation().toNanos() / 1e9);
        out.printf(Locale.ROOT, ROW, "check", "rows", "triples", "time s", "peak MiB", "afterGC MiB", "steps (the report's own)");
        f.partners().forEach(r -> line(out, r));
        line(out, f.rml());
        line(out, f.h2());
        out.println();
        for (CheckBenchmark.Run r : concat(f)) {
            out.printf(Locale.ROOT, "%-22s %s%n", r.label(), r.summary());
        }
        double rml = seconds(f.rml());
        double h2 = seconds(f.h2());
        double load = f.h2Load().toNanos() / 1e9;
        out.println();
        out.printf(Locale.ROOT, "H2 table loaded alone in %.1f s (the H2 check loads it again, in its \"source\" step)%n", load);
        out.printf(Locale.ROOT, "time CSV via RML / H2 via R2RML, loading included: %.2f; H2's loading left out: %.2f%n", rml / h2,
                rml / Math.max(0.001, h2 - load));
        out.println();
        out.println("Heap: peak = the fullest it got (read just before each collection; never above the max heap); afterGC = the");
        out.println("fullest right after a collection, an upper bound of what the check held. Steps: the check's own timings.");
        out.println();
        out.println("Targets");
        for (CheckBenchmark.Run r : f.partners()) {
            target(out, r.label(), "check time", String.format(Locale.ROOT, "%.1f s", seconds(r)), "< " + (int) PARTNER_SECONDS_TARGET + " s",
                    seconds(r) < PARTNER_SECONDS_TARGET);
        }
        for (CheckBenchmark.Run r : new CheckBenchmark.Run[] {f.rml(), f.h2()}) {
            String measured = String.format(Locale.ROOT, "%.0f MiB", mib(r.peakHeapBytes()));
            if (maxHeap > HEAP_TARGET_MIB + 16 || f.rows() < 1_000_000) {
                out.printf(Locale.ROOT, "%-22s %-24s %10s   target %-10s %s%n", r.label(), "heap", measured, "< " + HEAP_TARGET_MIB + " MiB",
                        "not judged: run 1,000,000 rows with REGIE_JAVA_OPTS=-Xmx256m");
            } else {
                // With -Xmx256m, finishing is the proof: the peak cannot pass the max heap, an OutOfMemoryError would have stopped the run.
                target(out, r.label(), "heap (max " + maxHeap + " MiB)", measured, "< " + HEAP_TARGET_MIB + " MiB", r.rows() == f.rows());
            }
        }
        out.flush();
    }

    private static java.util.List<CheckBenchmark.Run> concat(CheckBenchmark.Figures f) {
        java.util.List<CheckBenchmark.Run> all = new java.util.ArrayList<>(f.partners());
        all.add(f.rml());
        all.add(f.h2());
        return all;
    }

    private static void line(PrintWriter out, CheckBenchmark.Run r) {
        out.printf(Locale.ROOT, ROW, r.label(), String.format(Locale.ROOT, "%,d", r.rows()), String.format(Locale.ROOT, "%,d", r.triples()),
                String.format(Locale.ROOT, "%.1f", seconds(r)), String.format(Locale.ROOT, "%.0f", mib(r.peakHeapBytes())),
                r.afterGcHeapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", mib(r.afterGcHeapBytes())), r.steps());
    }

    private static void target(PrintWriter out, String who, String what, String measured, String goal, boolean met) {
        out.printf(Locale.ROOT, "%-22s %-24s %10s   target %-10s %s%n", who, what, measured, goal, met ? "met" : "MISSED");
    }

    private static double seconds(CheckBenchmark.Run r) {
        return r.took().toNanos() / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
