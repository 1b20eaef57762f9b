package fr.regie.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * A log held in memory, for tests until (and besides) the JetStream engine: the interface's
 * contract (positions from 1 across subjects, ids deduplicated, reads that wait, the last of a
 * subject), plus what tests do to a real log: cut it off ({@link #down}) and forget its oldest
 * messages ({@link #forgetUpTo}).
 */
public final class MemoryLog implements LogEngine {
    private final String name;
    private final List<LogMessage> messages = new ArrayList<>();
    private final Map<String, Long> ids = new HashMap<>();
    private long forgotten;
    private volatile boolean down;

    public MemoryLog(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Cuts the log off (every call throws) or brings it back. */
    public void down(boolean cut) {
        down = cut;
    }

    private void check() throws LogException {
        if (down) {
            throw new LogException("the log is cut off (test)");
        }
    }

    @Override
    public synchronized long publish(LogMessage m) throws LogException {
        check();
        Long known = ids.get(m.id());
        if (known != null) {
            return known;
        }
        long position = messages.size() + 1;
        messages.add(new LogMessage(m.subject(), m.id(), m.headers(), m.body(), position, Instant.now()));
        ids.put(m.id(), position);
        notifyAll();
        return position;
    }

    @Override
    public synchronized List<LogMessage> read(long from, int max, Duration wait) throws LogException {
        check();
        long deadline = System.nanoTime() + wait.toNanos();
        while (messages.size() < from && System.nanoTime() < deadline && !down) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("interrupted");
            }
        }
        check();
        List<LogMessage> out = new ArrayList<>();
        for (long p = Math.max(from, forgotten + 1); p <= messages.size() && out.size() < max; p++) {
            out.add(messages.get((int) p - 1));
        }
        return out;
    }

    @Override
    public synchronized Optional<LogMessage> last(String subject) throws LogException {
        check();
        for (int i = messages.size() - 1; i >= forgotten; i--) {
            if (messages.get(i).subject().equals(subject)) {
                return Optional.of(messages.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Range range() throws LogException {
        check();
        return messages.size() <= forgotten ? new Range(0, 0) : new Range(forgotten + 1, messages.size());
    }

    /** The messages up to {@code position} are no longer held (as a stream's retention drops them). */
    public synchronized void forgetUpTo(long position) {
        forgotten = Math.max(forgotten, Math.min(position, messages.size()));
    }

    @Override
    public long maxBody() {
        return 1 << 20;
    }

    @Override
    public void close() {
        // Nothing held outside memory.
    }
}
