package fr.regie.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.regie.r2rml.Progress;

/**
 * Follows the engine's progress reports: times each scan (a scan ends at its last report and the
 * next starts there) and has the heap probed once the first scan is half done. Reports come
 * every ten thousand rows, so following them costs nothing.
 */
final class PassClock implements Progress {
    private final long start;
    private final long probeAtRow;
    private final HeapMeter heap;
    private final Map<String, Long> lastReport = new LinkedHashMap<>();
    private boolean probed;

    PassClock(long startNanos, long probeAtRow, HeapMeter heap) {
        this.start = startNanos;
        this.probeAtRow = probeAtRow;
        this.heap = heap;
    }

    @Override
    public void update(String pass, long rows, long triples) {
        if (!probed && rows >= probeAtRow) {
            probed = true;
            heap.probeLive();
        }
        lastReport.put(pass, System.nanoTime());
    }

    /** Approximate time of each scan, in the order they ran; the first includes checking the mapping. */
    Map<String, Duration> durations() {
        Map<String, Duration> out = new LinkedHashMap<>();
        long from = start;
        for (Map.Entry<String, Long> e : lastReport.entrySet()) {
            out.put(e.getKey(), Duration.ofNanos(e.getValue() - from));
            from = e.getValue();
        }
        return out;
    }
}
