package fr.regie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of another process, read from {@code /proc/PID/status} (Linux): now, and
 * the largest seen by a sampler that reads it every 100 ms until closed.
 */
final class RssMeter implements AutoCloseable {
    private final long pid;
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    RssMeter(long pid) {
        this.pid = pid;
        this.peak = now();
        this.sampler = Thread.ofPlatform().daemon().name("rss-" + pid).start(() -> {
            while (running) {
                peak = Math.max(peak, now());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** The resident set size now, in bytes (0 once the process is gone). */
    long now() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The largest resident size seen since the last {@link #resetPeak}. */
    long peak() {
        return Math.max(peak, now());
    }

    void resetPeak() {
        peak = now();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
