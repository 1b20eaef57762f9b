package fr.regie.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The figures of {@code regie bench mirror}: for each measured run, the refresh from the source,
 * the upstream building its dump, the mirror's first sync and its sync of the upstream's patches;
 * the best of each, the ratio of the mirror's first sync to the refresh from the source, and
 * whether the mirror held the upstream's graph exactly.
 */
public record MirrorFigures(long rows, long triples, long changedRowsPerRun, int patches, List<Run> runs, boolean same) {
    /** One measured run. */
    public record Run(Duration fromSource, Duration dumpBuild, Duration firstSync, Duration patches) {}

    public MirrorFigures {
        runs = List.copyOf(runs);
    }

    /** The shortest of one figure over the runs. */
    public Duration best(Function<Run, Duration> figure) {
        return runs.stream().map(figure).min(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /** The mirror's first sync over the refresh from the source, best against best. */
    public double ratio() {
        return seconds(best(Run::firstSync)) / seconds(best(Run::fromSource));
    }

    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "regie bench mirror: %,d rows, %,d triples, best of %d run(s)%n", rows, triples, runs.size());
        out.printf(Locale.ROOT, "  %-44s %s%n", "phase", "seconds (best; every run)");
        line(out, "refresh from the source, fresh store", Run::fromSource);
        line(out, "upstream builds its dump (first download)", Run::dumpBuild);
        line(out, "mirror's first sync (dump), fresh store", Run::firstSync);
        line(out, "mirror applies " + patches + " upstream patches", Run::patches);
        out.printf(Locale.ROOT, "  each patch changes %,d row(s) of the upstream (%,d triples: one removed, one added per row); %.3f s per patch%n",
                changedRowsPerRun / Math.max(1, patches), 2 * changedRowsPerRun / Math.max(1, patches),
                seconds(best(Run::patches)) / patches);
        out.printf(Locale.ROOT, "  first sync / refresh from the source: %.2f%n", ratio());
        out.printf(Locale.ROOT, "  the mirror holds exactly the upstream's graph: %s%n", same ? "yes" : "NO");
        out.flush();
    }

    private void line(PrintWriter out, String name, Function<Run, Duration> figure) {
        StringBuilder all = new StringBuilder();
        for (Run r : runs) {
            all.append(all.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", seconds(figure.apply(r))));
        }
        out.printf(Locale.ROOT, "  %-44s %7.2f  (%s)%n", name, seconds(best(figure)), all);
    }

    static double seconds(Duration d) {
        return Math.max(d.toNanos(), 1) / 1e9;
    }
}
