package fr.regie.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import io.nats.client.impl.Headers;

/**
 * The log on a NATS JetStream stream: one stream per log ({@code NAME}, subjects {@code NAME.>},
 * file storage, limits retention, discard old, one replica), positions are the stream's sequence
 * numbers, the message id is {@code Nats-Msg-Id} (deduplicated within the stream's window), the
 * time a message was stored ({@link LogMessage#stored()}) is JetStream's timestamp of it, headers
 * map as {@link NatsHeaders} says, and the largest body is the server's {@code max_payload} less
 * {@link #HEADER_ROOM}. Reading keeps one consumer while the caller reads on ({@link PullReader}).
 * The connection reconnects forever, waiting at most {@link #RECONNECT_CAP} between tries (the
 * server may restart); every call fails with a {@link LogException} after the settings' timeout,
 * and at once when the connection is down. Publishing and reading may run on different threads.
 */
public final class JetStreamLog implements LogEngine {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamLog.class);
    /** The longest wait between two reconnection attempts. */
    static final Duration RECONNECT_CAP = Duration.ofSeconds(2);
    /**
     * The part of the server's {@code max_payload} kept for the headers (ours and JetStream's):
     * a body up to {@link #maxBody()} is accepted whenever its headers fit in it.
     */
    static final int HEADER_ROOM = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** JetStream's API error code for a subject without a message. */
    private static final int NO_MESSAGE = 10037;

    /**
     * How a log is kept and how long its calls wait: the timeout of connecting and of every call
     * (5 s), how long the stream keeps a message (7 days), the most bytes it keeps (2 GiB; the
     * oldest go first), how long it remembers an id (10 min).
     */
    public record Settings(Duration timeout, Duration maxAge, long maxBytes, Duration duplicateWindow) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), Duration.ofDays(7), 2L << 30, Duration.ofMinutes(10));

        public Settings {
            if (timeout.isNegative() || timeout.isZero() || maxAge.isNegative() || maxAge.isZero() || duplicateWindow.isNegative()
                    || duplicateWindow.isZero() || maxBytes < 1) {
                throw new IllegalArgumentException("log settings must be positive: " + timeout + ", " + maxAge + ", " + maxBytes + ", " + duplicateWindow);
            }
            if (duplicateWindow.compareTo(maxAge) > 0) {
                throw new IllegalArgumentException("the duplicate window " + duplicateWindow + " is longer than the age limit " + maxAge);
            }
        }

        public Settings withTimeout(Duration t) {
            return new Settings(t, maxAge, maxBytes, duplicateWindow);
        }

        public Settings withMaxAge(Duration a) {
            return new Settings(timeout, a, maxBytes, duplicateWindow);
        }

        public Settings withMaxBytes(long b) {
            return new Settings(timeout, maxAge, b, duplicateWindow);
        }

        public Settings withDuplicateWindow(Duration w) {
            return new Settings(timeout, maxAge, maxBytes, w);
        }
    }

    private final Connection conn;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final String name;
    private final String url;
    private final Settings settings;
    private final PullReader reader;

    private JetStreamLog(Connection conn, JetStream js, JetStreamManagement jsm, String name, String url, Settings settings, AtomicLong drops) {
        this.conn = conn;
        this.js = js;
        this.jsm = jsm;
        this.name = name;
        this.url = url;
        this.settings = settings;
        this.reader = new PullReader(conn, jsm, name, settings.timeout(), url, drops::get);
    }

    /**
     * Connects to the NATS server at {@code url} and makes sure stream {@code name} is there as
     * the settings say (created, or its limits updated).
     *
     * @throws LogException if the name is not a stream name, the server does not answer or has no
     *                      JetStream, or the stream there cannot be used (its subjects, storage or
     *                      retention differ; its subjects overlap another stream's)
     */
    public static JetStreamLog connect(String url, String name, Settings s) throws LogException {
        return open(url, name, s, true);
    }

    /**
     * Connects to the NATS server at {@code url} to follow stream {@code name}, made by its
     * primary: the stream is checked, never created nor changed (its limits are the primary's).
     *
     * @throws LogException as {@link #connect}; a stream not there yet is not {@link LogException#lasting()}
     */
    public static JetStreamLog follow(String url, String name, Settings s) throws LogException {
        return open(url, name, s, false);
    }

    private static JetStreamLog open(String url, String name, Settings s, boolean primary) throws LogException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LogException("stream name '" + name + "' is not 1 to 64 letters, digits, '-' or '_'", true);
        }
        AtomicLong drops = new AtomicLong();
        Options o;
        try {
            // no reconnect buffer: a call while the connection is down fails at once, nothing is sent late
            o = new Options.Builder().server(url).connectionName("regie-log-" + name).connectionTimeout(s.timeout())
                    .maxReconnects(-1).reconnectDelayHandler(JetStreamLog::reconnectDelay).reconnectBufferSize(0)
                    .pingInterval(Duration.ofSeconds(10)).connectionListener(events(url, drops)).errorListener(errors(url)).build();
        } catch (IllegalArgumentException e) {
            throw new LogException("NATS URL '" + url + "': " + e.getMessage(), e);
        }
        Connection c;
        try {
            c = Nats.connect(o);
        } catch (IOException e) {
            throw new LogException("cannot reach NATS at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogException("connecting to NATS at " + url + " interrupted", e);
        }
        try {
            if (!c.getServerInfo().isJetStreamAvailable()) {
                throw new LogException("NATS at " + url + " has no JetStream: start nats-server with -js (or jetstream {} in its configuration)", true);
            }
            JetStreamOptions jso = JetStreamOptions.builder().requestTimeout(s.timeout()).build();
            JetStreamManagement jsm = c.jetStreamManagement(jso);
            if (primary) {
                StreamSetup.ensure(jsm, name, s, url);
            } else {
                StreamSetup.check(jsm, name, url);
            }
            return new JetStreamLog(c, c.jetStream(jso), jsm, name, url, s, drops);
        } catch (IOException | JetStreamApiException | RuntimeException | LogException e) {
            closeQuietly(c);
            if (e instanceof LogException le) {
                throw le;
            }
            throw new LogException("stream " + name + " at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Counts the connection's drops (the reader's consumer may be gone after one) and logs them. */
    private static ConnectionListener events(String url, AtomicLong drops) {
        AtomicBoolean down = new AtomicBoolean();
        return (c, event) -> {
            if (event == ConnectionListener.Events.DISCONNECTED) {
                drops.incrementAndGet();
                if (down.compareAndSet(false, true)) {
                    LOG.warn("NATS at {}: connection lost, reconnecting", url);
                }
            } else if (event == ConnectionListener.Events.RECONNECTED) {
                down.set(false);
                LOG.info("NATS at {}: reconnected", url);
            }
        };
    }

    /** The client's errors in the log, its failed reconnection attempts only at debug level (one every 2 s while the server is away). */
    private static ErrorListener errors(String url) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection c, String error) {
                LOG.warn("NATS at {}: {}", url, error);
            }

            @Override
            public void exceptionOccurred(Connection c, Exception e) {
                LOG.debug("NATS at {}: {}", url, e.toString());
            }
        };
    }

    /** 100 ms, doubling, at most {@link #RECONNECT_CAP}: quick after a blip, gentle during an outage. */
    private static Duration reconnectDelay(long tries) {
        long ms = 100L << Math.min(tries, 10);
        return Duration.ofMillis(Math.min(ms, RECONNECT_CAP.toMillis()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long publish(LogMessage m) throws LogException {
        checkSubject(m.subject());
        long max = maxBody();
        if (m.body().length > max) {
            throw new LogException("message " + m.id() + " on " + m.subject() + ": its body of " + m.body().length
                    + " bytes is larger than the log accepts, " + max + " bytes");
        }
        Headers h = NatsHeaders.of(m);
        int room = HEADER_ROOM - ("Nats-Expected-Stream: " + name + "\r\n").length();
        if (h.serializedLength() > room) {
            throw new LogException("message " + m.id() + " on " + m.subject() + ": its headers take " + h.serializedLength()
                    + " bytes, more than the " + room + " the log keeps for them");
        }
        String what = "publish of " + m.id() + " on " + m.subject() + " to stream " + name + " at " + url;
        connected(what);
        try {
            PublishOptions po = PublishOptions.builder().messageId(m.id()).expectedStream(name).streamTimeout(settings.timeout()).build();
            PublishAck ack = js.publish(m.subject(), h, m.body(), po);
            return ack.getSeqno();
        } catch (IOException e) {
            throw new LogException(what + ": no acknowledgement within " + settings.timeout().toMillis() + " ms (" + e.getMessage()
                    + "); it may be stored: publish it again with the same id", e);
        } catch (JetStreamApiException | RuntimeException e) {
            throw new LogException(what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<LogMessage> read(long from, int max, Duration wait) throws LogException {
        connected("read from position " + from + " of stream " + name + " at " + url);
        return reader.read(from, max, wait, conn.getServerInfo().getMaxPayload());
    }

    @Override
    public Optional<LogMessage> last(String subject) throws LogException {
        checkSubject(subject);
        String what = "last message on " + subject + " in stream " + name + " at " + url;
        connected(what);
        try {
            MessageInfo mi = jsm.getLastMessage(name, subject);
            return Optional.of(NatsHeaders.read(mi.getSubject(), mi.getHeaders(), mi.getData(), mi.getSeq(), mi.getTime().toInstant()));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE) {
                return Optional.empty();
            }
            throw new LogException(what + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new LogException(what + ": " + e.getMessage(), e);
        }
    }

    /** The positions held; (0, 0) when the stream holds no message, even if it held some once. */
    @Override
    public Range range() throws LogException {
        String what = "state of stream " + name + " at " + url;
        connected(what);
        try {
            StreamInfo info = jsm.getStreamInfo(name);
            StreamState st = info.getStreamState();
            return st.getMsgCount() == 0 ? new Range(0, 0) : new Range(st.getFirstSequence(), st.getLastSequence());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            throw new LogException(what + ": " + e.getMessage(), e);
        }
    }

    /** The server's {@code max_payload} (as it said when the connection was last made) less {@link #HEADER_ROOM}. */
    @Override
    public long maxBody() {
        return conn.getServerInfo().getMaxPayload() - HEADER_ROOM;
    }

    /** How many reading consumers this log has created (a follower reading on creates one). */
    int consumersCreated() {
        return reader.consumersCreated();
    }

    @Override
    public void close() {
        reader.close();
        closeQuietly(conn);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails at once when the connection is down, rather than after the timeout: the caller retries later. */
    private void connected(String what) throws LogException {
        Connection.Status st = conn.getStatus();
        if (st != Connection.Status.CONNECTED) {
            throw new LogException(what + ": not connected to NATS (" + st.name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    private void checkSubject(String subject) throws LogException {
        String prefix = name + ".";
        boolean ok = subject != null && subject.startsWith(prefix) && subject.length() > prefix.length() && !subject.endsWith(".");
        if (ok) {
            for (String token : subject.substring(prefix.length()).split("\\.", -1)) {
                ok &= !token.isEmpty() && !token.equals("*") && !token.equals(">") && token.chars().allMatch(ch -> ch > 32 && ch < 127);
            }
        }
        if (!ok) {
            throw new LogException("subject '" + subject + "' is not a subject of stream " + name + " (" + prefix
                    + "TOKEN[.TOKEN…], ASCII tokens without blanks or wildcards)");
        }
    }
}
