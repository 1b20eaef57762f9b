package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;

import fr.regie.registry.Registry;
import fr.regie.server.access.Access;
import fr.regie.server.access.Caller;
import fr.regie.store.Store;
import fr.regie.territory.GeoFunctions;

/**
 * What visibility costs: each query of a folder run on the store itself (TDB2's engine over its
 * union default graph, as {@code regie query} does) and on an anonymous caller's view of it
 * (what {@code /sparql} runs since every path reads a view), alternately, after a warm-up; the
 * median of each and their ratio, with the row counts (which must agree when the caller sees all
 * the data, as on the demo).
 */
public final class ViewBenchmark {
    /** One query's figures. */
    public record Line(String query, long rows, long viewRows, double storeMs, double viewMs) {
        public double ratio() {
            return viewMs / storeMs;
        }
    }

    private final Store store;
    private final Registry registry;
    private final int runs;

    public ViewBenchmark(Store store, Registry registry, int runs) {
        this.store = store;
        this.registry = registry;
        this.runs = runs;
    }

    public List<Line> run(Path folder, PrintWriter log) throws IOException {
        GeoFunctions.register();
        DatasetGraph raw = store.dataset();
        DatasetGraph view = Access.of(registry).view(raw, Caller.ANONYMOUS);
        List<Line> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        for (Path f : files) {
            Query q = QueryFactory.create(Files.readString(f));
            if (!q.isSelectType()) {
                continue;
            }
            long rows = count(raw, q);
            long viewRows = count(view, q);
            double[] a = new double[runs];
            double[] b = new double[runs];
            for (int i = 0; i < runs; i++) {
                a[i] = time(raw, q);
                b[i] = time(view, q);
            }
            Line line = new Line(f.getFileName().toString(), rows, viewRows, median(a), median(b));
            log.printf("%s: store %.1f ms, view %.1f ms%n", line.query(), line.storeMs(), line.viewMs());
            log.flush();
            out.add(line);
        }
        return out;
    }

    private long count(DatasetGraph dsg, Query q) {
        return Txn.calculateRead(store.dataset(), () -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
                RowSet rs = qe.select();
                long n = 0;
                while (rs.hasNext()) {
                    rs.next();
                    n++;
                }
                return n;
            }
        });
    }

    private double time(DatasetGraph dsg, Query q) {
        long t0 = System.nanoTime();
        count(dsg, q);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** Prints the table and the overall ratio (sum of medians). */
    public static void print(PrintWriter out, List<Line> lines) {
        out.printf("%-48s %8s %10s %10s %7s%n", "query", "rows", "store ms", "view ms", "ratio");
        double s = 0;
        double v = 0;
        for (Line l : lines) {
            out.printf("%-48s %8d %10.1f %10.1f %7.2f%s%n", l.query(), l.rows(), l.storeMs(), l.viewMs(), l.ratio(),
                    l.rows() == l.viewRows() ? "" : "  (view: " + l.viewRows() + " rows)");
            s += l.storeMs();
            v += l.viewMs();
        }
        out.printf("%-48s %8s %10.1f %10.1f %7.2f%n", "all", "", s, v, v / s);
        out.flush();
    }
}
