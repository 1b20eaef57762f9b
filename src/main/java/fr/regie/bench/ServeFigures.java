package fr.regie.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What the serving benchmark measured, and its report. */
public record ServeFigures(ServeBenchmark.Options options, int resources, Duration firstStart, List<Duration> coldStarts,
                           LoadGenerator.Result resource, LoadGenerator.Result describe) {
    /** Resources per second over DESCRIBE per second. */
    static final double RATIO_TARGET = 1.0;
    /** Seconds from spawning {@code regie serve} to its first answer. */
    static final double COLD_START_TARGET = 3.0;

    private static final String ROW = "%-28s %10s %10s %9s %9s %9s %8s %10s%n";

    public double ratio() {
        return resource.perSecond() / describe.perSecond();
    }

    public Duration medianColdStart() {
        List<Duration> sorted = coldStarts.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "Régie serving benchmark: %s, %d resources sampled, %d connections, %d s per run after %d s of warm-up%n",
                options.store(), resources, options.connections(), options.duration().toSeconds(), options.warmUp().toSeconds());
        out.printf(Locale.ROOT, "Java %s (%s), %d processors, max heap %d MiB; server and load generator in one JVM%n%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, ROW, "run", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "MiB read");
        for (LoadGenerator.Result r : List.of(resource, describe)) {
            out.printf(Locale.ROOT, ROW, r.label(), String.format(Locale.ROOT, "%,d", r.requests()),
                    String.format(Locale.ROOT, "%,.0f", r.perSecond()), ms(r.p50Micros()), ms(r.p99Micros()), ms(r.maxMicros()),
                    Long.toString(r.errors()), String.format(Locale.ROOT, "%,.1f", r.bytes() / 1048576.0));
            r.errorSamples().forEach(e -> out.println("    error: " + e));
        }
        out.printf(Locale.ROOT, "%ncold start of regie serve to its first answer: %s s (median of %d: %s);"
                + " the first start before them took %s s%n", sec(medianColdStart()), coldStarts.size(),
                coldStarts.stream().map(ServeFigures::sec).toList(), sec(firstStart));
        out.println();
        out.println("Targets");
        out.printf(Locale.ROOT, "resources / DESCRIBE (req/s)     %5.2f   target ≥ %.1f  %s%n", ratio(), RATIO_TARGET,
                ratio() >= RATIO_TARGET ? "met" : "MISSED");
        long errors = resource.errors() + describe.errors();
        out.printf(Locale.ROOT, "errors                           %5d   target 0      %s%n", errors, errors == 0 ? "met" : "MISSED");
        double cold = medianColdStart().toMillis() / 1000.0;
        out.printf(Locale.ROOT, "cold start, median (s)           %5.2f   target ≤ %.0f    %s%n", cold, COLD_START_TARGET,
                cold <= COLD_START_TARGET ? "met" : "MISSED");
        out.flush();
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static String sec(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0);
    }
}
