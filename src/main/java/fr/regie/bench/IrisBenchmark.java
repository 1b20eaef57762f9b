package fr.regie.bench;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.territory.Vocab;

/**
 * What placing a point in its IRIS costs beside placing it in its commune: the points of the
 * stations of some datasets of a built store (each record's geo:hasGeometry, a WKT point), placed
 * by {@link TerritoryIndex} in the IRIS whose contour covers them, and in the 2018 boundary that
 * covers them then today's commune (what a dataset linked by geometry does), alternately, after a
 * warm-up; the best and the median of each over the runs, and their ratio.
 */
public final class IrisBenchmark {
    private static final Pattern POINT = Pattern.compile("(?i)^\\s*(?:<[^>]*>\\s*)?POINT\\s*\\(\\s*([-+0-9.eE]+)\\s+([-+0-9.eE]+)\\s*\\)\\s*$");
    private static final int WARM_UP = 3;

    /** The figures: index build, points, how many placed, times in milliseconds. */
    public record Figures(List<String> datasets, int points, int irisContours, int boundaries, double indexMs,
                          long inIris, long inCommune, double irisBestMs, double irisMedianMs, double communeBestMs,
                          double communeMedianMs, int runs) {
        public double ratio() {
            return irisBestMs / communeBestMs;
        }
    }

    private IrisBenchmark() {}

    public static Figures run(Store store, Registry registry, List<String> datasets, int runs, PrintWriter log) {
        GraphNames graphs = new GraphNames(registry.territory().baseIri());
        DatasetGraph dsg = store.dataset();
        long t0 = System.nanoTime();
        TerritoryIndex index = Txn.calculateRead(dsg, () -> TerritoryIndex.of(dsg.getGraph(graphs.dataset(registry.territory().referenceDataset()))));
        double indexMs = (System.nanoTime() - t0) / 1e6;
        if (index.irisCount() == 0) {
            throw new IllegalStateException("the store's territory has no IRIS contours: build it again (regie demo --no-serve)");
        }
        List<double[]> points = new ArrayList<>();
        Txn.executeRead(dsg, () -> {
            for (String id : datasets) {
                Graph g = dsg.getGraph(graphs.dataset(id));
                int before = points.size();
                for (Triple t : g.find(Node.ANY, Vocab.hasGeometry, Node.ANY).toList()) {
                    g.find(t.getObject(), Vocab.asWKT, Node.ANY).nextOptional().map(Triple::getObject).filter(Node::isLiteral)
                            .map(n -> POINT.matcher(n.getLiteralLexicalForm())).filter(Matcher::matches)
                            .ifPresent(m -> points.add(new double[] {new BigDecimal(m.group(1)).doubleValue(), new BigDecimal(m.group(2)).doubleValue()}));
                }
                log.printf("%s: %,d points%n", id, points.size() - before);
            }
        });
        if (points.isEmpty()) {
            throw new IllegalStateException("no point in datasets " + datasets + " of the store: build it first (regie demo --no-serve)");
        }
        long inIris = 0;
        long inCommune = 0;
        double[] iris = new double[runs];
        double[] commune = new double[runs];
        for (int r = -WARM_UP; r < runs; r++) {
            long a = System.nanoTime();
            long n = 0;
            for (double[] p : points) {
                n += index.irisContaining(p[0], p[1]).isPresent() ? 1 : 0;
            }
            long b = System.nanoTime();
            long c = 0;
            for (double[] p : points) {
                Optional<String> code = index.boundaryContaining(p[0], p[1]);
                c += code.flatMap(index::resolve).isPresent() ? 1 : 0;
            }
            long e = System.nanoTime();
            if (r >= 0) {
                iris[r] = (b - a) / 1e6;
                commune[r] = (e - b) / 1e6;
            }
            inIris = n;
            inCommune = c;
        }
        Arrays.sort(iris);
        Arrays.sort(commune);
        return new Figures(List.copyOf(datasets), points.size(), index.irisCount(), index.boundaryCount(), indexMs, inIris, inCommune,
                iris[0], iris[runs / 2], commune[0], commune[runs / 2], runs);
    }

    public static void print(PrintWriter out, Figures f) {
        out.printf(Locale.ROOT, "%nIRIS placement: %,d points of %s; index of %,d IRIS contours and %,d commune boundaries read in %.0f ms%n",
                f.points(), String.join(", ", f.datasets()), f.irisContours(), f.boundaries(), f.indexMs());
        out.printf(Locale.ROOT, "%-26s %8s %10s %12s %10s%n", "placement", "placed", "best ms", "median ms", "µs/point");
        out.printf(Locale.ROOT, "%-26s %,8d %10.2f %12.2f %10.2f%n", "in its IRIS", f.inIris(), f.irisBestMs(), f.irisMedianMs(),
                f.irisBestMs() * 1000 / f.points());
        out.printf(Locale.ROOT, "%-26s %,8d %10.2f %12.2f %10.2f%n", "in its commune (2018+COG)", f.inCommune(), f.communeBestMs(),
                f.communeMedianMs(), f.communeBestMs() * 1000 / f.points());
        out.printf(Locale.ROOT, "ratio IRIS / commune (best of %d runs): %.2f%n", f.runs(), f.ratio());
    }
}
