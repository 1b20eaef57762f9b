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
 * A log engine in memory, for tests: an ordered list of messages that keeps each id once (for
 * ever, a window that never closes), positions from 1. It can be taken down (every call fails)
 * and told to fail the next publishes after storing them (an acknowledgement lost on the way).
 */
public final class MemoryLog implements LogEngine {
    private final String name;
    private final long maxBody;
    private final List<LogMessage> messages = new ArrayList<>();
    private final Map<String, Long> ids = new HashMap<>();
    private boolean down;
    private int loseAcks;
    private int attempts;

    public MemoryLog(String name, long maxBody) {
        this.name = name;
        this.maxBody = maxBody;
    }

    /** Every call fails while the log is down. */
    public synchronized void down(boolean down) {
        this.down = down;
    }

    /** The next {@code n} publishes store their message, then fail as if the acknowledgement was lost. */
    public synchronized void loseAcks(int n) {
        this.loseAcks = n;
    }

    /** How many publishes were asked for, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }

    /** What the log holds, in order. */
    public synchronized List<LogMessage> messages() {
        return List.copyOf(messages);
    }

    private void up() throws LogException {
        if (down) {
            throw new LogException("memory log " + name + " is down");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized long publish(LogMessage m) throws LogException {
        attempts++;
        up();
        if (m.body().length > maxBody) {
            throw new LogException("message " + m.id() + " of " + m.body().length + " bytes is larger than " + maxBody);
        }
        Long at = ids.get(m.id());
        if (at == null) {
            at = (long) messages.size() + 1;
            messages.add(new LogMessage(m.subject(), m.id(), m.headers(), m.body(), at, Instant.now()));
            ids.put(m.id(), at);
        }
        if (loseAcks > 0) {
            loseAcks--;
            throw new LogException("memory log " + name + " lost the acknowledgement of " + m.id());
        }
        return at;
    }

    @Override
    public synchronized List<LogMessage> read(long from, int max, Duration wait) throws LogException {
        up();
        int start = (int) Math.max(0, from - 1);
        return start >= messages.size() ? List.of() : List.copyOf(messages.subList(start, Math.min(messages.size(), start + max)));
    }

    @Override
    public synchronized Optional<LogMessage> last(String subject) throws LogException {
        up();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).subject().equals(subject)) {
                return Optional.of(messages.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Range range() throws LogException {
        up();
        return messages.isEmpty() ? new Range(0, 0) : new Range(1, messages.size());
    }

    @Override
    public long maxBody() {
        return maxBody;
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
