package fr.regie.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
 * or with the first message to arrive within the wait). Requests have their own reply subjects so
 * a late answer to an earlier one is never taken for this one's; a consumer without
 * acknowledgements numbers its deliveries 1, 2, 3…, so a delivery that went to an abandoned
 * request shows as a gap, and the consumer is then recreated where the caller stands.
 */
final class PullReader {
    /** How long the server keeps the consumer without a pull request. */
    static final Duration INACTIVE = Duration.ofMinutes(2);
    /** The bodies one read returns at most (more than one message when the server allows larger ones). */
    static final long BYTE_BUDGET = 16L * 1024 * 1024;

    private final Connection conn;
    private final JetStreamManagement jsm;
    private final String stream;
    private final Duration timeout;
    private final String where;
    private final String inbox;
    private Subscription sub;
    private String consumer;
    /** The position the consumer delivers next, and the number of its last delivery. */
    private long next;
    private long delivered;
    private long requests;
    /** The consumer delivered out of turn or went away after this read's messages: recreate it at the next. */
    private boolean lost;
    private int created;

    PullReader(Connection conn, JetStreamManagement jsm, String stream, Duration timeout, String where) {
        this.conn = conn;
        this.jsm = jsm;
        this.stream = stream;
        this.timeout = timeout;
        this.where = where;
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
        long budget = Math.max(BYTE_BUDGET, maxPayload + 64 * 1024);
        long deadline = System.nanoTime() + wait.toNanos() + timeout.toNanos();
        boolean retried = false;
        while (true) {
            try {
                if (consumer == null || lost || start != next) {
                    recreate(start);
                }
                List<LogMessage> got = pull(max, budget, maxPayload, wait, deadline);
                if (got != null) {
                    return got;
                }
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                consumer = null;
                throw new LogException("read from position " + start + " of stream " + stream + " at " + where + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("read from position " + start + " of stream " + stream + " at " + where + " interrupted", e);
            }
            // the consumer was lost or missed a delivery: once more on a new one, then give up
            consumer = null;
            if (retried || System.nanoTime() > deadline) {
                throw new LogException("read from position " + start + " of stream " + stream + " at " + where
                        + ": the server lost the reading consumer twice in a row");
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
            first = false;
            int came = 0;
            while (came < batch) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (out.isEmpty() && conn.getStatus() != Connection.Status.CONNECTED) {
                        throw new IllegalStateException("not connected (" + conn.getStatus() + ")");
                    }
                    return out; // the server did not end the request in time; what it sends later comes in order next time
                }
                Message m = sub.nextMessage(Duration.ofNanos(left));
                if (m == null) {
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
        ConsumerInfo ci = jsm.addOrUpdateConsumer(stream, cc);
        consumer = ci.getName();
        next = from;
        delivered = 0;
        lost = false;
        created++;
    }

    /** Deletes the current consumer, if any; a failure leaves it to the server's inactivity limit. */
    private void drop() {
        String old = consumer;
        consumer = null;
        if (old != null && conn.getStatus() == Connection.Status.CONNECTED) {
            try {
                jsm.deleteConsumer(stream, old);
            } catch (IOException | JetStreamApiException e) {
                // gone already, or the server is busy: it deletes an idle consumer after INACTIVE
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
