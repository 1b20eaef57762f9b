package fr.regie.server.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Token buckets by name (a client address, a partner), in a map of bounded size. A bucket left
 * alone for a minute has refilled to its capacity, so it is no different from a new one: buckets
 * idle that long are dropped (checked at most once a minute, and whenever the map is full), which
 * loses nothing. If the map is still full after that (more distinct callers in one minute than
 * {@code maxEntries}), the idlest buckets go: a caller coming back gets a full bucket, as a caller
 * with that many addresses could get anyway.
 */
public final class RateBuckets {
    /** How long an untouched bucket takes to refill completely: the rates are per minute. */
    static final long IDLE_NANOS = 60_000_000_000L;

    private final int maxEntries;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long lastSweep;

    /** Buckets on the system's monotonic clock. */
    public RateBuckets(int maxEntries) {
        this(maxEntries, System::nanoTime);
    }

    /** Buckets on a given clock of nanoseconds (tests move time themselves). */
    public RateBuckets(int maxEntries, LongSupplier clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
    }

    /**
     * Takes a token from the bucket of {@code name} (created full at {@code perMinute}); returns 0,
     * or the seconds to wait for the next token.
     */
    public long take(String name, int perMinute) {
        long now = clock.getAsLong();
        Bucket b = buckets.get(name);
        if (b == null) {
            if (buckets.size() >= maxEntries || now - lastSweep > IDLE_NANOS) {
                sweep(now);
            }
            b = buckets.computeIfAbsent(name, k -> new Bucket(perMinute, now));
        }
        return b.take(now);
    }

    /** How many buckets are held now. */
    public int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        // One sweeper at a time; the others go on (the map may briefly exceed its size by the
        // number of threads, never by more).
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            lastSweep = now;
            buckets.values().removeIf(b -> now - b.last() >= IDLE_NANOS);
            int excess = buckets.size() - maxEntries + 1;
            if (excess > 0) {
                // Leave room for a tenth of the map at once, so a flood of newcomers does not sort
                // the map at every request.
                List<Map.Entry<String, Bucket>> all = new ArrayList<>(buckets.entrySet());
                all.sort(Comparator.comparingLong(e -> e.getValue().last()));
                int drop = Math.min(all.size(), Math.max(excess, maxEntries / 10));
                for (int i = 0; i < drop; i++) {
                    buckets.remove(all.get(i).getKey(), all.get(i).getValue());
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    /** A sustained rate of N a minute with bursts up to N. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private volatile long last;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = now;
        }

        long last() {
            return last;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
