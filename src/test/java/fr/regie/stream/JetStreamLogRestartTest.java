package fr.regie.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import fr.regie.testing.PrivateNats;

/**
 * The log while its server goes away: stopped (SIGTERM) and started again, or killed (SIGKILL)
 * in the middle of a publishing loop and a follower's reading loop, each on its own connection
 * as a primary and a replica are. Calls fail with a {@link LogException} while the server is
 * down and succeed once it is back, without a new {@link JetStreamLog}; a message publishes
 * again under its id until acknowledged, and in the end the stream holds every id once, every
 * acknowledged one at the position its acknowledgement gave, and the follower has read them all
 * once, in order.
 */
class JetStreamLogRestartTest {
    private static final JetStreamLog.Settings SETTINGS = JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ofSeconds(2));
    private static final int MESSAGES = 400;

    @Test
    void survivesAStopAndStartOfTheServer() throws Exception {
        run(false);
    }

    @Test
    void keepsAcknowledgedMessagesWhenTheServerIsKilled() throws Exception {
        run(true);
    }

    private static void run(boolean kill) throws Exception {
        try (PrivateNats nats = PrivateNats.begin();
                JetStreamLog primary = JetStreamLog.connect(nats.url(), "regie", SETTINGS);
                JetStreamLog replica = JetStreamLog.connect(nats.url(), "regie", SETTINGS)) {
            Map<String, Long> acked = new ConcurrentHashMap<>();
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<Throwable> trouble = new AtomicReference<>();
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread publisher = new Thread(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        String id = "m" + i;
                        LogMessage m = LogMessage.of("regie.dataset.d" + (i % 3), id, Map.of("Regie-N", Integer.toString(i)),
                                ("body " + i + " ").repeat(1 + i % 50).getBytes(StandardCharsets.UTF_8));
                        acked.put(id, publishUntilAcknowledged(primary, m, failures));
                    }
                } catch (Throwable t) {
                    trouble.set(t);
                } finally {
                    publishing.set(false);
                }
            }, "publisher");
            List<LogMessage> followed = new ArrayList<>();
            AtomicInteger readFailures = new AtomicInteger();
            Thread follower = new Thread(() -> {
                long from = 1;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                try {
                    while (followed.size() < MESSAGES && System.nanoTime() < deadline) {
                        try {
                            List<LogMessage> got = replica.read(from, 17, Duration.ofMillis(200));
                            synchronized (followed) {
                                followed.addAll(got);
                            }
                            if (!got.isEmpty()) {
                                from = got.get(got.size() - 1).position() + 1;
                            }
                        } catch (LogException e) {
                            readFailures.incrementAndGet();
                            Thread.sleep(50); // the follower's backoff, as a replica's would be
                        }
                    }
                } catch (Throwable t) {
                    trouble.set(t);
                }
            }, "follower");
            publisher.start();
            follower.start();

            for (int round = 0; round < 2; round++) {
                int before = acked.size();
                poll("the publisher to move on", () -> acked.size() >= before + 60 || !publishing.get());
                if (kill) {
                    nats.kill();
                } else {
                    nats.stop();
                }
                int failed = failures.get();
                poll("the publisher to notice", () -> failures.get() > failed);
                int ackedDown = acked.size();
                callsFailFast(primary);
                assertEquals(ackedDown, acked.size(), "nothing acknowledged while the server is down");
                nats.start();
                long t0 = System.nanoTime();
                poll("a publish to succeed again", () -> acked.size() > ackedDown);
                System.out.printf("FIGURE %s round %d: %d acknowledged before, publishing again %d ms after the server answered%n",
                        kill ? "kill" : "stop", round, ackedDown, (System.nanoTime() - t0) / 1_000_000);
            }
            publisher.join(Duration.ofSeconds(120).toMillis());
            follower.join(Duration.ofSeconds(120).toMillis());
            if (trouble.get() != null) {
                throw new AssertionError("a worker failed", trouble.get());
            }
            assertFalse(publisher.isAlive() || follower.isAlive(), "the loops ended");
            assertEquals(MESSAGES, acked.size());

            // nothing stored twice, nothing acknowledged lost: each id once, at its acknowledged position
            assertEquals(new LogEngine.Range(1, MESSAGES), primary.range());
            List<LogMessage> all = readAll(primary);
            Set<String> ids = new HashSet<>();
            for (LogMessage m : all) {
                assertTrue(ids.add(m.id()), "stored once: " + m.id());
                assertEquals(acked.get(m.id()), m.position(), "where its acknowledgement said: " + m.id());
            }
            assertEquals(acked.keySet(), ids);
            // the follower read each once, in order, through both outages
            synchronized (followed) {
                assertEquals(all.stream().map(LogMessage::position).toList(), followed.stream().map(LogMessage::position).toList());
                assertEquals(all.stream().map(LogMessage::id).toList(), followed.stream().map(LogMessage::id).toList());
            }
            System.out.printf("FIGURE %s: %d publish failures, %d read failures, %d reading consumers for one follower%n",
                    kill ? "kill" : "stop", failures.get(), readFailures.get(), replica.consumersCreated());
        }
    }

    /** Publishes until acknowledged, as the publisher does (same id; capped backoff), at most 60 s. */
    private static long publishUntilAcknowledged(JetStreamLog log, LogMessage m, AtomicInteger failures) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long pause = 10;
        while (true) {
            try {
                return log.publish(m);
            } catch (LogException e) {
                failures.incrementAndGet();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no acknowledgement for " + m.id() + " in 60 s", e);
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 200);
            }
        }
    }

    /** While the server is down every call fails with a LogException, well within the timeout. */
    private static void callsFailFast(JetStreamLog log) {
        List<ThrowingCall> calls = List.of(
                () -> log.publish(LogMessage.of("regie.registry", "x", Map.of(), new byte[1])),
                () -> log.read(1, 10, Duration.ofSeconds(1)),
                () -> log.last("regie.registry"),
                log::range);
        for (ThrowingCall c : calls) {
            long t0 = System.nanoTime();
            try {
                c.call();
                fail("a call succeeded with the server down");
            } catch (LogException e) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < SETTINGS.timeout().toMillis() + 1500, "failed in " + ms + " ms: " + e.getMessage());
            }
        }
    }

    private interface ThrowingCall {
        void call() throws LogException;
    }

    static List<LogMessage> readAll(LogEngine log) throws LogException {
        List<LogMessage> all = new ArrayList<>();
        long from = 1;
        long last = log.range().last();
        while (from <= last) {
            List<LogMessage> got = log.read(from, 500, Duration.ofSeconds(2));
            if (got.isEmpty()) {
                break;
            }
            all.addAll(got);
            from = got.get(got.size() - 1).position() + 1;
        }
        return all;
    }

    /** Waits (at most 60 s) until {@code condition} holds. */
    static void poll(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 60 s for " + what);
            }
            Thread.sleep(10);
        }
    }
}
