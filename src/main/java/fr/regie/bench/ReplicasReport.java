package fr.regie.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The report of {@code regie bench replicas}. */
public final class ReplicasReport {
    private static final String ROW = "%-7s %10s %9s %10s %8s %8s %7s   %s%n";

    private ReplicasReport() {}

    public static void print(PrintWriter out, ReplicasBenchmark.Figures f) {
        ReplicasBenchmark.Options o = f.options();
        out.printf(Locale.ROOT, "Régie replicas benchmark: %s, %d resources sampled, %d connections shared over the nodes, %d s per run"
                + " after %d s of warm-up%n", o.store(), f.resources(), o.connections(), o.duration().toSeconds(), o.warmUp().toSeconds());
        out.printf(Locale.ROOT, "Java %s, %d processors; each node a JVM as ./regie starts it, the load generator in this one%n%n",
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, ROW, "nodes", "requests", "req/s", "× 1 node", "p50 ms", "p99 ms", "errors", "each node: req/s (p50 / p99 ms)");
        double one = f.runs().get(0).perSecond();
        for (ReplicasBenchmark.NodesRun r : f.runs()) {
            StringBuilder each = new StringBuilder();
            for (LoadGenerator.Result n : r.perNode()) {
                each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %,.0f (%s / %s)", n.label(), n.perSecond(),
                        ms(n.p50Micros()), ms(n.p99Micros())));
            }
            long p50 = r.perNode().stream().mapToLong(LoadGenerator.Result::p50Micros).max().orElse(0);
            long p99 = r.perNode().stream().mapToLong(LoadGenerator.Result::p99Micros).max().orElse(0);
            out.printf(Locale.ROOT, ROW, r.nodes(), String.format(Locale.ROOT, "%,d", r.requests()),
                    String.format(Locale.ROOT, "%,.0f", r.perSecond()), String.format(Locale.ROOT, "%.2f", r.perSecond() / one),
                    ms(p50), ms(p99), Long.toString(r.errors()), each);
            r.perNode().forEach(n -> n.errorSamples().forEach(e -> out.println("    error: " + e)));
        }
        out.printf(Locale.ROOT, "(best of %d interleaved round(s) each; p50 and p99 of a row: the slowest node's)%n", o.runs());
        out.println();
        out.printf(Locale.ROOT, "replica bootstrap from the primary's snapshots, spawn to /$/ready 200: %s s%n",
                String.join(" s, ", f.bootstraps().stream().map(ReplicasReport::sec).toList()));
        f.build().ifPresent(b -> out.printf(Locale.ROOT, "the same store built from the sources (regie demo --no-serve): %s s;"
                + " bootstrap / build: %.2f%n", sec(b), seconds(f.bootstraps().get(0)) / seconds(b)));
        List<Long> d = f.propagation().micros().stream().sorted().toList();
        out.printf(Locale.ROOT, "propagation, commit on the primary (the entry's committed time) to visible on a replica, %d refreshes of one"
                + " triple: p50 %s ms, p99 %s ms, max %s ms (the replica polled every 2 ms, %.0f polls per refresh)%n", d.size(),
                ms(at(d, 0.50)), ms(at(d, 0.99)), ms(d.get(d.size() - 1)), f.propagation().pollsPerRefresh());
        List<Long> a = f.propagation().answerMicros().stream().sorted().toList();
        out.printf(Locale.ROOT, "  for comparison, commit to the primary's answer to the refresh request: p50 %s ms, p99 %s ms%n", ms(at(a, 0.50)),
                ms(at(a, 0.99)));
        out.flush();
    }

    private static long at(List<Long> sorted, double p) {
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, i));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static String sec(Duration d) {
        return String.format(Locale.ROOT, "%.1f", seconds(d));
    }
}
