package fr.regie.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.regie.testing.PrivateNats;

/**
 * Every call of the log returns within its timeout (plus the read's wait) when the server cannot
 * answer: a server frozen by SIGSTOP (the connection looks alive, nothing comes back), a port
 * that accepts connections and says nothing, a port where nothing listens. The bounds asserted
 * are generous (a second above the timeout); the times measured are printed.
 */
class JetStreamLogTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final JetStreamLog.Settings SETTINGS = JetStreamLog.Settings.DEFAULTS.withTimeout(TIMEOUT);
    private static final long SLACK_MS = 1000;

    @Test
    void callsToAFrozenServerEndWithinTheTimeout() throws Exception {
        try (PrivateNats nats = PrivateNats.begin(); JetStreamLog log = JetStreamLog.connect(nats.url(), "regie", SETTINGS)) {
            assertEquals(1, log.publish(LogMessage.of("regie.registry", "before", Map.of(), new byte[10])));
            assertEquals(1, log.read(1, 10, Duration.ofSeconds(1)).size());
            nats.freeze();
            try {
                bounded("publish", TIMEOUT, () -> log.publish(LogMessage.of("regie.dataset.a", "during", Map.of(), new byte[10])));
                bounded("read on", TIMEOUT.plusMillis(500), () -> log.read(2, 10, Duration.ofMillis(500)));
                bounded("read elsewhere", TIMEOUT.plusMillis(500), () -> log.read(1, 10, Duration.ofMillis(500)));
                bounded("last", TIMEOUT, () -> log.last("regie.registry"));
                bounded("range", TIMEOUT, log::range);
                bounded("connect", TIMEOUT, () -> JetStreamLog.connect(nats.url(), "regie", SETTINGS).close());
            } finally {
                nats.thaw();
            }
            // the publish that timed out may have been stored once the server woke: publishing it again stores it once
            long during = publishWhenBack(log, LogMessage.of("regie.dataset.a", "during", Map.of(), new byte[10]));
            assertEquals(2, during);
            assertEquals(new LogEngine.Range(1, 2), log.range());
            List<LogMessage> all = log.read(1, 10, Duration.ofSeconds(2));
            assertEquals(List.of("before", "during"), all.stream().map(LogMessage::id).toList());
        }
    }

    @Test
    void connectingToASilentPortEndsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            bounded("connect to a silent port", TIMEOUT, () -> JetStreamLog.connect("nats://127.0.0.1:" + silent.getLocalPort(), "regie", SETTINGS));
        }
    }

    @Test
    void connectingWhereNothingListensFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LogException e = bounded("connect to a closed port", TIMEOUT,
                () -> JetStreamLog.connect("nats://127.0.0.1:" + port, "regie", SETTINGS));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    private static long publishWhenBack(JetStreamLog log, LogMessage m) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return log.publish(m);
            } catch (LogException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private interface Call {
        void call() throws LogException;
    }

    private static LogException bounded(String what, Duration limit, Call c) {
        long t0 = System.nanoTime();
        LogException e = assertThrows(LogException.class, c::call, what);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("FIGURE %s failed after %d ms (timeout %d ms): %s%n", what, ms, TIMEOUT.toMillis(), e.getMessage());
        assertTrue(ms <= limit.toMillis() + SLACK_MS, what + " took " + ms + " ms");
        return e;
    }
}
