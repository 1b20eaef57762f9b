package fr.regie.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.regie.testing.PrivateNats;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

/**
 * What the log refuses, and how it says so: bodies over {@code maxBody()} (the size named),
 * headers it cannot carry, subjects outside its stream, bad stream names (before any
 * connection), a stream whose subjects overlap another's, a stream of the same name that is not
 * ours (other subjects, memory storage); and what it accepts at the edge: a body of exactly
 * {@code maxBody()} with headers, an existing stream whose limits it updates in place.
 */
class JetStreamLogRefusalTest {
    @Test
    void refusesBodiesOverTheLargestAndTakesTheLargest() throws Exception {
        String url = PrivateNats.shared();
        String name = TestStreams.unique();
        try (JetStreamLog log = JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS)) {
            long max = log.maxBody();
            LogException e = assertThrows(LogException.class,
                    () -> log.publish(LogMessage.of(name + ".dataset.a", "big", Map.of(), new byte[(int) max + 1])));
            assertTrue(e.getMessage().contains(Long.toString(max + 1)) && e.getMessage().contains(Long.toString(max)), e.getMessage());
            assertTrue(e.getMessage().contains("big") && e.getMessage().contains(name + ".dataset.a"), e.getMessage());
            // the largest body, with headers filling most of the room kept for them
            Map<String, String> headers = new HashMap<>();
            for (int i = 0; i < 9; i++) {
                headers.put("Regie-H" + i, "v".repeat(400));
            }
            byte[] body = new byte[(int) max];
            Arrays.fill(body, (byte) 7);
            LogMessage largest = LogMessage.of(name + ".dataset.a", "largest", headers, body);
            assertEquals(1, log.publish(largest));
            LogMessage back = log.read(1, 1, Duration.ofSeconds(2)).get(0);
            assertArrayEquals(body, back.body());
            assertEquals(headers, back.headers());
            // headers beyond the room
            headers.put("Regie-H9", "v".repeat(400));
            e = assertThrows(LogException.class, () -> log.publish(LogMessage.of(name + ".dataset.a", "wide", headers, new byte[1])));
            assertTrue(e.getMessage().contains("headers take"), e.getMessage());
            assertEquals(new LogEngine.Range(1, 1), log.range(), "nothing refused was stored");
        } finally {
            TestStreams.delete(url, name);
        }
    }

    @Test
    void refusesHeadersIdsAndSubjectsItCannotCarry() throws Exception {
        String url = PrivateNats.shared();
        String name = TestStreams.unique();
        try (JetStreamLog log = JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS)) {
            String s = name + ".dataset.a";
            List<LogMessage> bad = new ArrayList<>(List.of(
                    LogMessage.of(s, "h1", Map.of("Nats-Msg-Id", "other"), new byte[1]),
                    LogMessage.of(s, "h2", Map.of("nats-expected-stream", "x"), new byte[1]),
                    LogMessage.of(s, "h3", Map.of("Regie-Run", "é"), new byte[1]),
                    LogMessage.of(s, "h4", Map.of("Regie-Run", "a\r\nInjected: yes"), new byte[1]),
                    LogMessage.of(s, "h5", Map.of("Regie-Run", " leading"), new byte[1]),
                    LogMessage.of(s, "h6", Map.of("Regie-Run", "trailing "), new byte[1]),
                    LogMessage.of(s, "h7", Map.of("Regie:Run", "x"), new byte[1]),
                    LogMessage.of(s, "h8", Map.of("Regie Run", "x"), new byte[1]),
                    LogMessage.of(s, "", Map.of(), new byte[1]),
                    LogMessage.of(s, "an id", Map.of(), new byte[1]),
                    LogMessage.of(s, "idé", Map.of(), new byte[1]),
                    LogMessage.of("other.dataset.a", "s1", Map.of(), new byte[1]),
                    LogMessage.of(name, "s2", Map.of(), new byte[1]),
                    LogMessage.of(name + ".", "s3", Map.of(), new byte[1]),
                    LogMessage.of(name + ".dataset.*", "s4", Map.of(), new byte[1]),
                    LogMessage.of(name + ".>", "s5", Map.of(), new byte[1]),
                    LogMessage.of(name + ".dataset..a", "s6", Map.of(), new byte[1]),
                    LogMessage.of(name + ".dataset.a b", "s7", Map.of(), new byte[1])));
            for (LogMessage m : bad) {
                LogException e = assertThrows(LogException.class, () -> log.publish(m), m.toString());
                assertTrue(e.getMessage().length() > 20, e.getMessage());
            }
            assertThrows(LogException.class, () -> log.last("other.registry"));
            assertEquals(new LogEngine.Range(0, 0), log.range(), "nothing refused was stored");
            // what the mapping allows goes through unchanged: the empty value, inner spaces, odd but legal names
            Map<String, String> fine = Map.of("Regie-Prev", "", "Regie-Run", "a  b", "x-~!#$%&'*+.^_`|", "~");
            assertEquals(1, log.publish(LogMessage.of(s, "fine@1@x", fine, new byte[0])));
            LogMessage back = log.last(s).orElseThrow();
            assertEquals(fine, back.headers());
            assertEquals("fine@1@x", back.id());
            assertEquals(0, back.body().length);
        } finally {
            TestStreams.delete(url, name);
        }
    }

    @Test
    void refusesBadStreamNamesBeforeConnecting() {
        List<String> names = Arrays.asList(null, "", "a.b", "a b", "a*", ">", "x".repeat(65), "é", "a/b", "a\tb");
        for (String n : names) {
            // port 1: a name must be refused before any connection is tried
            LogException e = assertThrows(LogException.class, () -> JetStreamLog.connect("nats://127.0.0.1:1", n, JetStreamLog.Settings.DEFAULTS));
            assertTrue(e.getMessage().startsWith("stream name"), e.getMessage());
        }
    }

    @Test
    void takesTheLongestName() throws Exception {
        String url = PrivateNats.shared();
        String name = (TestStreams.unique() + "_-" + "x".repeat(64)).substring(0, 64);
        try (JetStreamLog log = JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS)) {
            assertEquals(1, log.publish(LogMessage.of(log.registrySubject(), "r", Map.of(), new byte[1])));
        } finally {
            TestStreams.delete(url, name);
        }
    }

    @Test
    void refusesAStreamWhoseSubjectsClashOrAreNotOurs() throws Exception {
        String url = PrivateNats.shared();
        String name = TestStreams.unique();
        String other = TestStreams.unique();
        try (TestStreams.Raw c = TestStreams.raw(url)) {
            JetStreamManagement jsm = c.jsm();
            // another stream already takes some of our subjects
            jsm.addStream(StreamConfiguration.builder().name(other).subjects(name + ".dataset.>").storageType(StorageType.Memory).build());
            LogException e = assertThrows(LogException.class, () -> JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS));
            assertTrue(e.getMessage().contains("overlap") && e.getMessage().contains(other), e.getMessage());
            jsm.deleteStream(other);
            // a stream of our name with other subjects
            jsm.addStream(StreamConfiguration.builder().name(name).subjects(other + ".x").storageType(StorageType.Memory).build());
            e = assertThrows(LogException.class, () -> JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS));
            assertTrue(e.getMessage().contains("subjects [" + other + ".x]"), e.getMessage());
            jsm.deleteStream(name);
            // ours, but in memory
            jsm.addStream(StreamConfiguration.builder().name(name).subjects(name + ".>").storageType(StorageType.Memory).build());
            e = assertThrows(LogException.class, () -> JetStreamLog.connect(url, name, JetStreamLog.Settings.DEFAULTS));
            assertTrue(e.getMessage().contains("memory storage"), e.getMessage());
            jsm.deleteStream(name);
        } finally {
            TestStreams.delete(url, name, other);
        }
    }

    @Test
    void updatesTheLimitsOfAnExistingStreamAndKeepsItsMessages() throws Exception {
        String url = PrivateNats.shared();
        String name = TestStreams.unique();
        JetStreamLog.Settings first = JetStreamLog.Settings.DEFAULTS;
        JetStreamLog.Settings second = first.withMaxAge(Duration.ofDays(3)).withMaxBytes(1L << 30).withDuplicateWindow(Duration.ofMinutes(3));
        try (TestStreams.Raw c = TestStreams.raw(url)) {
            try (JetStreamLog log = JetStreamLog.connect(url, name, first)) {
                log.publish(LogMessage.of(log.registrySubject(), "kept", Map.of(), new byte[3]));
            }
            StreamConfiguration made = c.jsm().getStreamInfo(name).getConfiguration();
            assertEquals(List.of(name + ".>"), made.getSubjects());
            assertEquals(StorageType.File, made.getStorageType());
            assertEquals(DiscardPolicy.Old, made.getDiscardPolicy());
            assertEquals(1, made.getReplicas());
            assertEquals(Duration.ofDays(7), made.getMaxAge());
            assertEquals(2L << 30, made.getMaxBytes());
            assertEquals(Duration.ofMinutes(10), made.getDuplicateWindow());
            try (JetStreamLog log = JetStreamLog.connect(url, name, second)) {
                assertEquals(new LogEngine.Range(1, 1), log.range());
                assertEquals("kept", log.last(log.registrySubject()).orElseThrow().id());
            }
            StreamConfiguration updated = c.jsm().getStreamInfo(name).getConfiguration();
            assertEquals(Duration.ofDays(3), updated.getMaxAge());
            assertEquals(1L << 30, updated.getMaxBytes());
            assertEquals(Duration.ofMinutes(3), updated.getDuplicateWindow());
        } finally {
            TestStreams.delete(url, name);
        }
    }

    @Test
    void refusesSettingsThatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> JetStreamLog.Settings.DEFAULTS.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> JetStreamLog.Settings.DEFAULTS.withMaxBytes(0));
        assertThrows(IllegalArgumentException.class,
                () -> JetStreamLog.Settings.DEFAULTS.withMaxAge(Duration.ofMinutes(1)), "a window longer than the age");
    }
}
