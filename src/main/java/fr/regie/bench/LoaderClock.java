package fr.regie.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Listens to TDB2's loader monitor and notes when each message came, so that a load can be split
 * into the loader's data phase (nodes and the first index; for the straight load, with the
 * mapping that feeds it), its index phase (the other five indexes), and what the caller does
 * after the loader. Messages are few (one per million quads and one per index), so listening
 * costs nothing. With an echo, the messages are also printed, for whoever wants the details.
 */
final class LoaderClock implements org.apache.jena.system.progress.MonitorOutput {
    private final PrintWriter echo;
    private final List<Long> times = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private HeapMeter heap;

    /** {@code echo} may be null: the messages are then only timed. */
    LoaderClock(PrintWriter echo) {
        this.echo = echo;
    }

    /**
     * Has {@code meter} probe the live heap when the data phase ends: then the mapping is over,
     * the row state is complete and the loader still holds its buffers.
     */
    synchronized void probeAtDataPhaseEnd(HeapMeter meter) {
        this.heap = meter;
    }

    @Override
    public synchronized void print(String fmt, Object... args) {
        String text = String.format(Locale.ROOT, fmt, args);
        times.add(System.nanoTime());
        texts.add(text);
        if (heap != null && text.startsWith("Finish - index")) {
            heap.probeLive();
            heap = null;
        }
        if (echo != null) {
            echo.println("  tdb2 loader: " + text);
            echo.flush();
        }
    }

    /**
     * A load from {@code start} to {@code end} split in three: until the first index is finished
     * (the data phase), until the loader's last message (the index phase), and after it.
     */
    synchronized Map<String, Duration> split(long start, long end) {
        Map<String, Duration> out = new LinkedHashMap<>();
        if (times.isEmpty()) {
            return out;
        }
        long data = start;
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).startsWith("Finish - index")) {
                data = times.get(i);
                break;
            }
        }
        long last = times.get(times.size() - 1);
        if (data > start) {
            out.put("data phase", Duration.ofNanos(data - start));
            out.put("index phase", Duration.ofNanos(last - data));
        } else {
            out.put("loader", Duration.ofNanos(last - start));
        }
        out.put("after the loader", Duration.ofNanos(end - last));
        return out;
    }
}
