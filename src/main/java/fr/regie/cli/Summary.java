package fr.regie.cli;

import java.io.PrintWriter;
import java.util.List;

import fr.regie.pipeline.RefreshResult;
import fr.regie.territory.CommuneLinker;

/** The table printed after a build: one line per dataset, then what could not be placed or validated. */
final class Summary {
    private static final int SHOWN = 5;

    private Summary() {}

    private static String count(boolean shown, long n) {
        return shown ? String.format("%,d", n) : "-";
    }

    static void print(PrintWriter out, List<RefreshResult> results) {
        // linked = direct + history + geometry: how each record found today's commune; iris: records
        // whose point lies in an IRIS contour (the Grand Paris only).
        out.printf("%n%-20s %9s %10s %8s %8s %8s %8s %9s %7s  %-26s %7s%n", "dataset", "rows", "triples", "linked", "direct", "history",
                "geometry", "unmatched", "iris", "SHACL", "time");
        long triples = 0;
        for (RefreshResult r : results) {
            triples += r.added();
            boolean placing = r.linked() != 0 || r.unmatched() != 0;
            RefreshResult.Linking l = r.linking();
            out.printf("%-20s %,9d %,10d %8s %8s %8s %8s %9s %7s  %-26s %6.1fs%n", r.dataset(), r.rowsRead(), r.added(),
                    count(placing, r.linked()), count(placing, l.direct()), count(placing, l.throughHistory()),
                    count(placing, l.byGeometry()), count(placing, r.unmatched()), count(placing, r.irisPlaced()),
                    r.quality() == null ? r.outcome().name().toLowerCase() : r.quality().summary(), r.elapsed().toMillis() / 1000.0);
        }
        out.printf("%-20s %9s %,10d%n", "total", "", triples);
        for (RefreshResult r : results) {
            if (r.outcome() == RefreshResult.Outcome.FAILED || r.outcome() == RefreshResult.Outcome.REJECTED) {
                out.printf("%n%s: %s: %s%n", r.dataset(), r.outcome().name().toLowerCase(), r.message());
            }
            if (r.unmatched() > 0) {
                out.printf("%n%s: %,d record(s) not placed in a commune (kept, reported):%n", r.dataset(), r.unmatched());
                for (CommuneLinker.Unmatched u : r.unmatchedSamples().subList(0, Math.min(SHOWN, r.unmatchedSamples().size()))) {
                    out.printf("  %s: %s%n", u.subject(), u.reason());
                }
            }
            if (r.quality() != null && !r.quality().samples().isEmpty()) {
                out.printf("%n%s: SHACL %s:%n", r.dataset(), r.quality().summary());
                r.quality().byShape().forEach((shape, n) -> out.printf("  %,6d × %s%n", n, shape));
                for (String s : r.quality().samples().subList(0, Math.min(SHOWN, r.quality().samples().size()))) {
                    out.printf("  e.g. %s%n", s);
                }
            }
        }
    }
}
