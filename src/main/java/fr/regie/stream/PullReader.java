package fr.regie.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;
import io.nats.client.support.Status;

/**
 * The reading side of a {@link JetStreamLog}: one ephemeral pull consumer over every subject of
 * the stream (no acknowledgements, its state in memory), kept from one {@link #read} to the next
 * while the caller continues where the last read stopped, recreated when it asks for another
 * position or when the consumer is lost (server restart, inactivity, a delivery missed).
 *
 * <p>A read sends a pull request ({@code batch} = max, {@code max_bytes} = the byte budget,
 * {@code no_wait} with {@code expires} = the wait: the server answers at once with what it holds,
 * or with the first message to arrive within the wait, and ends the request with a status).
 * Each request has its own reply subject, so the end of an earlier one is never taken for this
 * one's. Deliveries carry their own subject, whichever request asked for them; a consumer without
 * acknowledgements numbers them 1, 2, 3…, so one that arrives late is taken in turn, and one that
 * went missing shows as a gap, after which the consumer is recreated where the caller stands.
 *
 * <p>A request to a consumer the server no longer has gets no answer at all (the JetStream API
 * swallows it), so loss is inferred: after the connection dropped (the server may have restarted
 * without its in-memory consumers), when the consumer has been idle near its inactivity limit, and
 * when a request ends without the status the server always sends at its end.
 */
final class PullReader {
    /** How long the server keeps the consumer without a pull request. */
    static final Duration INACTIVE = Duration.ofMinutes(2);
    /** The bodies one read returns at most (more than one message when the server allows larger ones). */
    static final long BYTE_BUDGET = 16L * 1024 * 1024;
    /** How often a waiting read looks whether the connection dropped. */
    private static final Duration SLICE = Duration.ofMillis(200);

    private final Connection conn;
    private final JetStreamManagement jsm;
    private final String stream;
    private final Duration timeout;
    private final String where;
    private final String inbox;
    /** Counts the connection's drops: a consumer made before the last one may be gone. */
    private final LongSupplier drops;
    private long dropsAtCreation;
    private long lastPull;
    private Subscription sub;
    private String consumer;
    /** The position the consumer delivers next, and the number of its last delivery. */
    private long next;
    private long delivered;
    private long requests;
    /** The consumer delivered out of turn or went away after this read's messages: recreate it at the next. */
    private boolean lost;
    private int created;

    PullReader(Connection conn, JetStreamManagement jsm, String stream, Duration timeout, String where, LongSupplier drops) {
        this.conn = conn;
        this.jsm = jsm;
        this.stream = stream;
        this.timeout = timeout;
        this.where = where;
        this.drops = drops;
        this.inbox = conn.createInbox();
    }

    /** How many consumers this reader has created (for tests: one per position the caller jumps to). */
    synchronized int consumersCreated() {
        return created;
    }

    synchronized List<LogMessage> read(long from, int max, Duration wait, long maxPayload) throws LogException {
        if (max < 1) {
            throw new IllegalArgumentException("read " + max + " messages: at least 1");
        }
        long start = Math.max(1, from);
        wait = wait.isNegative() ? Duration.ZERO : wait;
        long budget = Math.max(BYTE_BUDGET, maxPayload + 64 * 1024);
        long deadline = System.nanoTime() + wait.toNanos() + timeout.toNanos();
        boolean retried = false;
        while (true) {
            try {
                boolean idle = System.nanoTime() - lastPull > INACTIVE.minusSeconds(20).toNanos();
                if (consumer == null || lost || start != next || idle || drops.getAsLong() != dropsAtCreation) {
                    recreate(start);
                }
                List<LogMessage> got = pull(max, budget, maxPayload, wait, deadline);
                if (got != null) {
                    return got;
                }
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                drop();
                throw new LogException("read from position " + start + " of stream " + stream + " at " + where + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("read from position " + start + " of stream " + stream + " at " + where + " interrupted", e);
            }
            // the consumer was lost or missed a delivery: once more on a new one, then give up
            drop();
            if (retried || deadline - System.nanoTime() < timeout.toNanos()) {
                throw new LogException("read from position " + start + " of stream " + stream + " at " + where
                        + ": the server lost the reading consumer" + (retried ? " twice in a row" : ", and no time is left to make another"));
            }
            retried = true;
        }
    }

    /**
     * The messages of one read, or null when the consumer must be recreated. The first request
     * waits; another follows, without waiting, only when a full batch came with deliveries this
     * read does not return (positions before where it stands), so {@code max} is not cut short
     * for them. The byte budget covers every request of the read.
     */
    private List<LogMessage> pull(int max, long budget, long maxPayload, Duration wait, long deadline) throws InterruptedException {
        List<LogMessage> out = new ArrayList<>();
        long room = budget;
        boolean first = true;
        while (out.size() < max && (first || room > maxPayload + 64 * 1024)) {
            int batch = max - out.size();
            String reply = inbox + "." + (++requests);
            StringBuilder req = new StringBuilder("{\"batch\":").append(batch).append(",\"max_bytes\":").append(room).append(",\"no_wait\":true");
            if (first && !wait.isZero()) {
                req.append(",\"expires\":").append(wait.toNanos());
            }
            req.append('}');
            conn.publish("$JS.API.CONSUMER.MSG.NEXT." + stream + "." + consumer, reply, req.toString().getBytes(StandardCharsets.US_ASCII));
            lastPull = System.nanoTime();
            first = false;
            int came = 0;
            while (came < batch) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // the server always ends a request by the wait: it is stalled, or has lost the consumer
                    if (out.isEmpty()) {
                        throw new IllegalStateException("no answer within " + (wait.toMillis() + timeout.toMillis()) + " ms (" + conn.getStatus() + ")");
                    }
                    lost = true;
                    return out;
                }
                Message m = sub.nextMessage(Duration.ofNanos(Math.min(left, SLICE.toNanos())));
                if (m == null) {
                    if (drops.getAsLong() != dropsAtCreation) {
                        if (out.isEmpty()) {
                            throw new IllegalStateException("the connection dropped (" + conn.getStatus() + ")");
                        }
                        lost = true;
                        return out;
                    }
                    continue;
                }
                if (m.isStatusMessage()) {
                    if (!reply.equals(m.getSubject())) {
                        continue; // the end of an earlier request
                    }
                    Status st = m.getStatus();
                    if (st.getCode() == 404 || st.getCode() == 408 || (st.getCode() == 409 && st.getMessage().contains("MaxBytes"))) {
                        return out; // nothing more now, the wait is over, or the byte budget is spent
                    }
                    return lost(out); // 503: no consumer any more; 409: deleted, or another conflict
                }
                // a delivery arrives on its own subject, whichever request asked for it: its reply subject says whose it is
                Delivery d = Delivery.of(m.getReplyTo());
                if (d == null || !d.consumer().equals(consumer)) {
                    continue; // not a delivery, or one of a consumer since dropped
                }
                if (d.consumerSeq() != delivered + 1) {
                    return lost(out); // a delivery went missing: the consumer is no longer where we stand
                }
                delivered = d.consumerSeq();
                came++;
                // what the server counts against max_bytes: subject, reply, headers, body
                room -= m.getSubject().length() + m.getReplyTo().length() + (m.getHeaders() == null ? 0 : m.getHeaders().serializedLength())
                        + (m.getData() == null ? 0 : m.getData().length);
                if (d.streamSeq() < next) {
                    continue; // the server starts a consumer asked to start past the end at the end: not yet where we stand
                }
                next = d.streamSeq() + 1;
                out.add(NatsHeaders.read(m.getSubject(), m.getHeaders(), m.getData(), d.streamSeq(), d.stored()));
            }
        }
        return out;
    }

    /** The consumer cannot go on: null to recreate it at once, or what came, recreating it at the next read. */
    private List<LogMessage> lost(List<LogMessage> out) {
        if (out.isEmpty()) {
            return null;
        }
        lost = true;
        return out;
    }

    private void recreate(long from) throws IOException, JetStreamApiException {
        drop();
        if (sub == null) {
            sub = conn.subscribe(inbox + ".*");
        }
        ConsumerConfiguration cc = ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(from)
                .ackPolicy(AckPolicy.None).replayPolicy(ReplayPolicy.Instant).inactiveThreshold(INACTIVE).memStorage(true).build();
        long dropsBefore = drops.getAsLong();
        ConsumerInfo ci = jsm.addOrUpdateConsumer(stream, cc);
        dropsAtCreation = dropsBefore;
        lastPull = System.nanoTime();
        consumer = ci.getName();
        next = from;
        delivered = 0;
        lost = false;
        created++;
    }

    /**
     * Asks the server to delete the current consumer, if any, without waiting for its answer (a
     * read stays within its timeout); if the request is lost, the server deletes the consumer
     * once idle for {@link #INACTIVE}.
     */
    private void drop() {
        String old = consumer;
        consumer = null;
        if (old != null && conn.getStatus() == Connection.Status.CONNECTED) {
            try {
                conn.publish("$JS.API.CONSUMER.DELETE." + stream + "." + old, null);
            } catch (IllegalStateException e) {
                // the connection went down meanwhile: the inactivity limit will do
            }
        }
    }

    synchronized void close() {
        drop();
        if (sub != null && conn.getStatus() == Connection.Status.CONNECTED) {
            sub.unsubscribe();
        }
        sub = null;
    }

    /** What the reply subject of a JetStream delivery says: {@code $JS.ACK.STREAM.CONSUMER.DELIVERED.SSEQ.DSEQ.NANOS.PENDING}. */
    record Delivery(String consumer, long streamSeq, long consumerSeq, Instant stored) {
        static Delivery of(String ack) {
            if (ack == null || !ack.startsWith("$JS.ACK.")) {
                return null;
            }
            String[] t = ack.split("\\.");
            // v1: 9 tokens; v2 adds the domain and account hash after ACK and a token at the end
            int base = t.length == 9 ? 2 : t.length >= 11 ? 4 : -1;
            if (base < 0) {
                return null;
            }
            try {
                long nanos = Long.parseLong(t[base + 5]);
                return new Delivery(t[base + 1], Long.parseLong(t[base + 3]), Long.parseLong(t[base + 4]),
                        Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
