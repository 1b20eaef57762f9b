package fr.regie.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** The load benchmark's report, with its targets. */
public final class LoadReport {
    /** Errors under load. */
    static final long ERRORS_TARGET = 0;
    /** Growth of the resident memory over the soak. */
    static final double GROWTH_TARGET = 0.10;

    private LoadReport() {}

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    public static void print(PrintWriter out, LoadBenchmark.Figures f) {
        LoadGenerator.Result r = f.load();
        out.printf(Locale.ROOT, "Régie load benchmark: %s, %d resources sampled, regie serve in its own process (launcher settings%s)%n",
                f.options().store(), f.resources(), System.getenv("REGIE_JAVA_OPTS") == null ? "" : ", REGIE_JAVA_OPTS="
                        + System.getenv("REGIE_JAVA_OPTS"));
        out.printf(Locale.ROOT, "mixed load: %d connections, %d s after %d s of warm-up, the operator's key%n%n", f.options().connections(),
                f.options().duration().toSeconds(), f.options().warmUp().toSeconds());
        out.printf(Locale.ROOT, "requests %,d   %,.0f req/s   p50 %.1f ms   p99 %.1f ms   max %.1f ms   errors %d   %,.1f MiB read%n",
                r.requests(), r.perSecond(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0, r.errors(),
                r.bytes() / 1048576.0);
        r.errorSamples().forEach(e -> out.println("    error: " + e));
        out.printf(Locale.ROOT, "resident memory: %s before, %s at the peak, %s 10 s after%n%n", mib(f.rss().idle()), mib(f.rss().peak()),
                mib(f.rss().after()));
        LoadBenchmark.Soak s = f.soak();
        out.printf(Locale.ROOT, "soak: %.0f req/s (%.0f%% of the measured rate) for %d min: %,d requests, p99 %.1f ms, errors %d%n",
                s.rate(), f.options().soakShare() * 100, f.options().soak().toMinutes(), s.result().requests(),
                s.result().p99Micros() / 1000.0, s.result().errors());
        out.printf(Locale.ROOT, "resident memory: %s at the start, %s at the end (%+.1f%%), %s at most; every 30 s: %s%n%n", mib(s.start()),
                mib(s.end()), s.growth() * 100, mib(s.max()), s.samples().stream().map(b -> Long.toString(b >> 20)).toList());
        out.println("Targets");
        long errors = r.errors() + s.result().errors();
        out.printf(Locale.ROOT, "errors (load and soak)            %6d   target 0       %s%n", errors, errors == ERRORS_TARGET ? "met" : "MISSED");
        out.printf(Locale.ROOT, "memory growth over the soak       %5.1f%%   target < %.0f%%  %s%n", s.growth() * 100, GROWTH_TARGET * 100,
                s.growth() < GROWTH_TARGET ? "met" : "MISSED");
        out.flush();
    }
}
