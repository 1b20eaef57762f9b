package fr.regie.testing;

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
 * A log engine in memory, for tests: the interface's contract (positions from 1 across subjects,
 * each id kept once for ever, reads that wait, the last of a subject), plus what tests do to a
 * real log: cut it off ({@link #down}), lose acknowledgements after storing ({@link #loseAcks}),
 * forget its oldest messages as retention does ({@link #forgetUpTo}).
 */
public final class MemoryLog implements LogEngine {
    private final String name;
    private final long maxBody;
    private final List<LogMessage> messages = new ArrayList<>();
    private final Map<String, Long> ids = new HashMap<>();
    private long forgotten;
    private volatile boolean down;
    private int loseAcks;
    private int attempts;

    public MemoryLog(String name) {
        this(name, 1 << 20);
    }

    public MemoryLog(String name, long maxBody) {
        this.name = name;
        this.maxBody = maxBody;
    }

    /** Cuts the log off (every call throws) or brings it back. */
    public synchronized void down(boolean cut) {
        down = cut;
        notifyAll();
    }

    /** The next {@code n} publishes store their message, then fail as if the acknowledgement was lost. */
    public synchronized void loseAcks(int n) {
        this.loseAcks = n;
    }

    /** How many publishes were asked for, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }

    /** What the log holds, in order (forgotten ones included). */
    public synchronized List<LogMessage> messages() {
        return List.copyOf(messages);
    }

    /** The messages up to {@code position} are no longer held (as a stream's retention drops them). */
    public synchronized void forgetUpTo(long position) {
        forgotten = Math.max(forgotten, Math.min(position, messages.size()));
    }

    private void check() throws LogException {
        if (down) {
            throw new LogException("memory log " + name + " is down (test)");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized long publish(LogMessage m) throws LogException {
        attempts++;
        check();
        if (m.body().length > maxBody) {
            throw new LogException("message " + m.id() + " of " + m.body().length + " bytes is larger than " + maxBody);
        }
        Long at = ids.get(m.id());
        if (at == null) {
            at = (long) messages.size() + 1;
            messages.add(new LogMessage(m.subject(), m.id(), m.headers(), m.body(), at, Instant.now()));
            ids.put(m.id(), at);
            notifyAll();
        }
        if (loseAcks > 0) {
            loseAcks--;
            throw new LogException("memory log " + name + " lost the acknowledgement of " + m.id());
        }
        return at;
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

    @Override
    public long maxBody() {
        return maxBody;
    }

    @Override
    public void close() {
        // Nothing held outside memory.
    }
}
