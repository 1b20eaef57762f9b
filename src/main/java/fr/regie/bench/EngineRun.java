package fr.regie.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDFWriter;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;

/** One run of the Régie R2RML engine over the benchmark tables, written as N-Quads to a file as {@code regie map --out} does. */
final class EngineRun {
    static final int FETCH_SIZE = 10_000;
    private static final int BUFFER = 1 << 16;

    private EngineRun() {}

    /** Runs {@code mapping}; the heap is probed once the first scan has read {@code probeAtRow} rows. */
    static Measurement run(BenchDatabase source, MappingDocument mapping, long probeAtRow, Path out) {
        try (Database db = source.connectEngine(); HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            PassClock clock = new PassClock(t0, probeAtRow, heap);
            RunStats stats;
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), BUFFER)) {
                stats = R2rml.create().mapping(mapping).database(db).baseIri(R2rml.DEFAULT_BASE_IRI)
                        .fetchSize(FETCH_SIZE).progress(clock).build()
                        .run(StreamRDFWriter.getWriterStream(os, RDFFormat.NQUADS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Measurement("engine", stats.rows(), stats.triples(), OutputFile.sizeAndDelete(out), elapsed,
                    heap.peakBytes(), heap.poolPeaksBytes(), heap.liveBytes(), clock.durations());
        }
    }
}
