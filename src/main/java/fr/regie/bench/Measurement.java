package fr.regie.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured phase: what it read and wrote, how long it took, and the heap it used (see
 * {@link HeapMeter}). For the engine, {@code passes} gives the approximate time of each scan.
 */
public record Measurement(String phase, long rowsRead, long triples, long outputBytes, Duration elapsed,
                          long peakHeapBytes, long poolPeaksBytes, long liveHeapBytes,
                          Map<String, Duration> passes) {
    public Measurement {
        passes = Collections.unmodifiableMap(new LinkedHashMap<>(passes)); // keeps the order of the scans
    }

    public double triplesPerSecond() {
        return triples / seconds();
    }

    public double seconds() {
        return Math.max(elapsed.toNanos(), 1) / 1e9;
    }

    /** The faster of two measurements of the same phase. */
    static Measurement best(Measurement a, Measurement b) {
        return a == null || b.elapsed().compareTo(a.elapsed()) < 0 ? b : a;
    }
}
