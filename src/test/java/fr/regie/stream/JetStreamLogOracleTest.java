package fr.regie.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.regie.testing.PrivateNats;

/**
 * The JetStream log against a plain model of an ordered, deduplicated log: seeded random
 * publishes (several subjects, random ids some of them repeated with another body, random
 * headers, bodies up to the largest the log accepts) and reads (from random positions, with
 * random maxima, mostly continuing where the last stopped, as a follower does). Checks what each
 * call returns, the ids' first positions, {@code last}, {@code range}, the stored times, and that
 * a follower reading on keeps one consumer (a new one only when it jumps). A stream that drops its
 * oldest messages (its byte limit) shows a reader the first it still holds.
 */
class JetStreamLogOracleTest {
    /** What a message costs the server's byte count beyond its body (subject, reply, headers), generously. */
    private static final int OVERHEAD = 2048;

    /** The model: the messages in order, and the first position of each id. */
    private record Model(List<LogMessage> log, Map<String, Long> first) {
        long publish(LogMessage m) {
            Long p = first.get(m.id());
            if (p != null) {
                return p;
            }
            log.add(m);
            first.put(m.id(), (long) log.size());
            return log.size();
        }

        List<LogMessage> from(long from) {
            int i = (int) Math.max(0, from - 1);
            return i >= log.size() ? List.of() : log.subList(i, log.size());
        }
    }

    /** Seeds from {@code -Dregie.test.seed}, as many as {@code -Dregie.test.cases} (3). */
    static java.util.stream.LongStream seeds() {
        long seed = Long.getLong("regie.test.seed", 20261206L);
        return java.util.stream.LongStream.range(seed, seed + Integer.getInteger("regie.test.cases", 3));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void behavesAsAnOrderedDeduplicatedLog(long seed) throws Exception {
        String url = PrivateNats.shared();
        String name = TestStreams.unique();
        Random rnd = new Random(seed);
        Model model = new Model(new ArrayList<>(), new HashMap<>());
        Map<Long, Instant> stored = new HashMap<>();
        List<String> subjects = List.of(name + ".registry", name + ".dataset.a", name + ".dataset.b-2", name + ".dataset.c_3");
        List<String> ids = new ArrayList<>();
        Instant began = Instant.now().minusSeconds(1);
        int expectedConsumers = 0;
        long readerNext = -1;
        int big = 0;
        try (JetStreamLog log = JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS)) {
            assertEquals(new LogEngine.Range(0, 0), log.range());
            assertEquals(1024 * 1024 - JetStreamLog.HEADER_ROOM, log.maxBody(), "the shared server's max_payload is 1 MiB");
            long follow = 1;
            for (int op = 0; op < 240; op++) {
                int kind = rnd.nextInt(10);
                if (kind < 5) {
                    String id;
                    LogMessage m;
                    if (!ids.isEmpty() && rnd.nextInt(4) == 0) {
                        id = ids.get(rnd.nextInt(ids.size())); // again, maybe with another subject and body: still the first
                    } else {
                        id = "id-" + Long.toHexString(rnd.nextLong()) + "@" + op;
                        ids.add(id);
                    }
                    boolean large = rnd.nextInt(4) == 0;
                    int size = large ? (int) log.maxBody() - rnd.nextInt(2000) : rnd.nextInt(rnd.nextBoolean() ? 300 : 40_000);
                    big += large ? 1 : 0;
                    byte[] body = new byte[size];
                    rnd.nextBytes(body);
                    m = LogMessage.of(subjects.get(rnd.nextInt(subjects.size())), id, headers(rnd), body);
                    long expected = model.publish(m);
                    assertEquals(expected, log.publish(m), "position of " + id + " (op " + op + ")");
                } else if (kind < 9) {
                    // mostly a follower continuing; now and then a jump anywhere (before the start, past the end)
                    long from = rnd.nextInt(5) == 0 ? rnd.nextInt(model.log().size() + 4) : follow;
                    int max = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 60);
                    List<LogMessage> expected = model.from(from);
                    Duration wait = expected.isEmpty() ? Duration.ofMillis(150) : Duration.ofSeconds(5);
                    if (Math.max(1, from) != readerNext) {
                        expectedConsumers++;
                    }
                    long t0 = System.nanoTime();
                    List<LogMessage> got = log.read(from, max, wait);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    checkRead(expected, got, max, from, stored, began);
                    if (!expected.isEmpty()) {
                        assertTrue(ms < 2000, "messages that are there come at once, not after the wait: " + ms + " ms");
                    }
                    readerNext = got.isEmpty() ? Math.max(1, from) : got.get(got.size() - 1).position() + 1;
                    follow = readerNext;
                } else {
                    String subject = subjects.get(rnd.nextInt(subjects.size()));
                    Optional<LogMessage> last = log.last(subject);
                    LogMessage want = null;
                    long wantPos = 0;
                    for (int i = 0; i < model.log().size(); i++) {
                        if (model.log().get(i).subject().equals(subject)) {
                            want = model.log().get(i);
                            wantPos = i + 1;
                        }
                    }
                    assertEquals(want != null, last.isPresent(), "last on " + subject);
                    if (want != null) {
                        same(want, wantPos, last.get());
                        if (stored.containsKey(wantPos)) {
                            assertEquals(stored.get(wantPos), last.get().stored(), "last and read give the same stored time");
                        }
                    }
                    int n = model.log().size();
                    assertEquals(n == 0 ? new LogEngine.Range(0, 0) : new LogEngine.Range(1, n), log.range());
                }
            }
            // a final follower pass from the start reads everything once, in order
            List<LogMessage> all = new ArrayList<>();
            long from = 1;
            int cut = 0;
            while (all.size() < model.log().size()) {
                List<LogMessage> got = log.read(from, 1000, Duration.ofSeconds(5));
                checkRead(model.from(from), got, 1000, from, stored, began);
                all.addAll(got);
                from = got.get(got.size() - 1).position() + 1;
                cut += all.size() < model.log().size() ? 1 : 0;
            }
            long total = model.log().stream().mapToLong(m -> m.body().length).sum();
            assertEquals(total > PullReader.BYTE_BUDGET, cut > 0, "the byte budget cuts a read of " + total + " bytes");
            expectedConsumers += readerNext == 1 ? 0 : 1;
            assertEquals(model.log().size(), all.size());
            for (int i = 0; i < all.size(); i++) {
                same(model.log().get(i), i + 1, all.get(i));
            }
            assertEquals(expectedConsumers, log.consumersCreated(), "one consumer per jump, none for a follower continuing");
            assertTrue(big > 3, "a few bodies near the largest: " + big);
        } finally {
            TestStreams.delete(url, name);
        }
    }

    @Test
    void skipsPositionsNoLongerHeld() throws Exception {
        String url = PrivateNats.shared();
        String name = TestStreams.unique();
        // room for about 20 messages of 10 kB: the oldest go as new ones come
        JetStreamLog.Settings small = JetStreamLog.Settings.DEFAULTS.withMaxBytes(200_000);
        try (JetStreamLog log = JetStreamLog.connect(url, name, small)) {
            for (int i = 1; i <= 5; i++) {
                log.publish(LogMessage.of(log.registrySubject(), "a" + i, Map.of(), new byte[10_000]));
            }
            List<LogMessage> got = log.read(1, 3, Duration.ofSeconds(1));
            assertEquals(List.of(1L, 2L, 3L), got.stream().map(LogMessage::position).toList());
            for (int i = 6; i <= 60; i++) {
                log.publish(LogMessage.of(log.datasetSubject("d"), "a" + i, Map.of(), new byte[10_000]));
            }
            LogEngine.Range held = log.range();
            assertEquals(60, held.last());
            assertTrue(held.first() > 30, "the oldest went: " + held);
            int before = log.consumersCreated();
            // the follower continues at 4, which is gone: it gets the first held, on the consumer it had
            List<LogMessage> next = log.read(4, 5, Duration.ofSeconds(1));
            assertEquals(held.first(), next.get(0).position());
            assertEquals("a" + held.first(), next.get(0).id());
            assertEquals(before, log.consumersCreated());
            // a new reader from the start: the same
            assertEquals(held.first(), log.read(1, 1, Duration.ofSeconds(1)).get(0).position());
            assertTrue(log.last(log.registrySubject()).isEmpty(), "the registry's messages all went");
        } finally {
            TestStreams.delete(url, name);
        }
    }

    /** {@code got} is what the model holds from {@code from}: a prefix, cut only by the maximum or by the byte budget. */
    private static void checkRead(List<LogMessage> expected, List<LogMessage> got, int max, long from, Map<Long, Instant> stored, Instant began) {
        assertTrue(got.size() <= max, "at most " + max);
        if (expected.isEmpty()) {
            assertTrue(got.isEmpty(), "nothing from " + from + ", got " + got.stream().map(m -> m.position() + " " + m.id()).toList());
            return;
        }
        assertFalse(got.isEmpty(), "something from " + from);
        long firstPos = Math.max(1, from);
        long bytes = 0;
        for (int i = 0; i < got.size(); i++) {
            same(expected.get(i), firstPos + i, got.get(i));
            bytes += got.get(i).body().length + OVERHEAD;
            Instant t = got.get(i).stored();
            assertNotNull(t);
            assertFalse(t.isBefore(began) || t.isAfter(Instant.now().plusSeconds(1)), "stored time " + t);
            Instant before = stored.putIfAbsent(got.get(i).position(), t);
            if (before != null) {
                assertEquals(before, t, "the stored time of " + got.get(i).position() + " does not change");
            }
            if (i > 0) {
                assertFalse(t.isBefore(got.get(i - 1).stored()), "stored times follow positions");
            }
        }
        assertTrue(bytes <= PullReader.BYTE_BUDGET + (long) OVERHEAD * got.size(), "bounded bytes per read: " + bytes);
        if (got.size() < Math.min(max, expected.size())) {
            long withNext = bytes + expected.get(got.size()).body().length + OVERHEAD;
            assertTrue(withNext > PullReader.BYTE_BUDGET, "a read stops short only for the byte budget: " + got.size() + " of "
                    + Math.min(max, expected.size()) + ", " + bytes + " bytes");
        }
    }

    private static void same(LogMessage want, long position, LogMessage got) {
        assertEquals(position, got.position(), "position");
        assertEquals(want.subject(), got.subject(), "subject at " + position);
        assertEquals(want.id(), got.id(), "id at " + position);
        assertEquals(want.headers(), got.headers(), "headers at " + position);
        assertArrayEquals(want.body(), got.body(), "body at " + position);
    }

    /** Up to four headers with names and values as the mapping allows (inner spaces, empty values). */
    private static Map<String, String> headers(Random rnd) {
        Map<String, String> h = new LinkedHashMap<>();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            StringBuilder v = new StringBuilder();
            int len = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(80);
            for (int j = 0; j < len; j++) {
                char c = (char) (32 + rnd.nextInt(95));
                v.append((j == 0 || j == len - 1) && c == ' ' ? 'x' : c);
            }
            h.put(List.of("Regie-Store", "Regie-Prev", "x-Odd_Name.1", "Regie-Run", "~!#$%&'*+-.^_`|").get(rnd.nextInt(5)), v.toString());
        }
        return h;
    }
}
