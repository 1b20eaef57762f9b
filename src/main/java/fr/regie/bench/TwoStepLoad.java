package fr.regie.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;
import fr.regie.store.Store;

/**
 * The two-step path the straight load is compared with: the engine maps the tables to an
 * N-Quads file (as {@code regie map --out} does), then TDB2's phased loader loads that file into
 * a fresh store (as {@code tdb2.tdbloader --loader=phased} does). The triples
 * go to the same named graph as the straight load's, so that both build the same quad indexes.
 */
final class TwoStepLoad {
    private static final int BUFFER = 1 << 16;

    private TwoStepLoad() {}

    /** The two phases, timed apart. */
    record Result(Measurement map, Measurement load) {
        Duration elapsed() {
            return map.elapsed().plus(load.elapsed());
        }
    }

    /**
     * Maps {@code mapping} into {@code graph} as N-Quads in {@code nq} (the heap probed after
     * {@code probeAtRow} rows), then loads them into a new store in {@code storeDir}.
     */
    static Result run(BenchDatabase source, MappingDocument mapping, long probeAtRow, Node graph, Path nq, Path storeDir,
                      LoaderClock clock) {
        Measurement map = map(source, mapping, probeAtRow, graph, nq);
        Measurement load = load(nq, storeDir, map.triples(), clock);
        return new Result(map, load);
    }

    private static Measurement map(BenchDatabase source, MappingDocument mapping, long probeAtRow, Node graph, Path nq) {
        try (Database db = source.connectEngine(); HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            PassClock passes = new PassClock(t0, probeAtRow, heap);
            RunStats stats;
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(nq), BUFFER)) {
                StreamRDF writer = StreamRDFWriter.getWriterStream(os, RDFFormat.NQUADS);
                stats = R2rml.create().mapping(mapping).database(db).baseIri(BenchRegistry.BASE)
                        .fetchSize(EngineRun.FETCH_SIZE).progress(passes).build().run(inGraph(writer, graph));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + nq, e);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Measurement("map to N-Quads", stats.rows(), stats.triples(), size(nq), elapsed,
                    heap.peakBytes(), heap.poolPeaksBytes(), heap.liveBytes(), Map.of());
        }
    }

    private static Measurement load(Path nq, Path storeDir, long triples, LoaderClock clock) {
        try (Store store = Store.open(storeDir); HeapMeter heap = HeapMeter.start()) {
            clock.probeAtDataPhaseEnd(heap);
            long t0 = System.nanoTime();
            // The plain loader: one aimed at a graph would ignore the quads of an N-Quads file.
            DataLoader loader = LoaderFactory.phasedLoader(store.dataset(), clock);
            loader.startBulk();
            try {
                loader.load(nq.toString());
                loader.finishBulk();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Measurement("TDB2 phased load", 0, triples, BenchDirs.size(storeDir), elapsed,
                    heap.peakBytes(), heap.poolPeaksBytes(), heap.liveBytes(), clock.split(t0, t0 + elapsed.toNanos()));
        }
    }

    /** The engine's triples as quads of {@code graph}, as the straight load sends them to TDB2. */
    private static StreamRDF inGraph(StreamRDF out, Node graph) {
        return new StreamRDFWrapper(out) {
            @Override
            public void triple(Triple t) {
                super.quad(Quad.create(graph, t));
            }
        };
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + f, e);
        }
    }
}
