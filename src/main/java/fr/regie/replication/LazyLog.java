package fr.regie.replication;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * A log engine that connects at its first use, and again at the next use after a connection
 * failed, rather than at its creation: a node whose log cannot be reached when it starts still
 * starts, and its publisher (or follower) retries with its own backoff. Once connected, the engine
 * it made keeps the connection (a JetStream log reconnects by itself).
 */
public final class LazyLog implements LogEngine {
    /** Makes the connected engine; fails with a message naming where it tried. */
    @FunctionalInterface
    public interface Connector {
        LogEngine connect() throws LogException;
    }

    /** What {@link #maxBody} says before any connection: a size every NATS server accepts, headers included. */
    static final long UNCONNECTED_MAX_BODY = 64 * 1024;

    private final String name;
    private final Connector connector;
    private LogEngine engine;
    private boolean closed;

    public LazyLog(String name, Connector connector) {
        this.name = name;
        this.connector = connector;
    }

    private synchronized LogEngine engine() throws LogException {
        if (closed) {
            throw new LogException("log " + name + " is closed");
        }
        if (engine == null) {
            engine = connector.connect();
        }
        return engine;
    }

    /** Whether a connection was made (it may have dropped since, and be coming back). */
    public synchronized boolean connected() {
        return engine != null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long publish(LogMessage message) throws LogException {
        return engine().publish(message);
    }

    @Override
    public List<LogMessage> read(long from, int max, Duration wait) throws LogException {
        return engine().read(from, max, wait);
    }

    @Override
    public Optional<LogMessage> last(String subject) throws LogException {
        return engine().last(subject);
    }

    @Override
    public Range range() throws LogException {
        return engine().range();
    }

    @Override
    public synchronized long maxBody() {
        return engine == null ? UNCONNECTED_MAX_BODY : engine.maxBody();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (engine != null) {
            engine.close();
        }
    }
}
