package fr.regie.stream;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;

/** Unique stream names for tests, and their removal (straight through the NATS client, not the log under test). */
final class TestStreams {
    private TestStreams() {
    }

    /** A stream name no other test uses: {@code t} and 12 hex digits. */
    static String unique() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return "t" + HexFormat.of().formatHex(b);
    }

    /** A raw connection, for what the log does not do (other streams, deletions). */
    record Raw(Connection connection) implements AutoCloseable {
        JetStreamManagement jsm() throws java.io.IOException {
            return connection.jetStreamManagement();
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Raw raw(String url) throws Exception {
        return new Raw(Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0).build()));
    }

    /** Deletes the streams, ignoring those that are not there. */
    static void delete(String url, String... names) {
        try (Raw c = raw(url)) {
            for (String n : names) {
                try {
                    c.jsm().deleteStream(n);
                } catch (JetStreamApiException e) {
                    // not there: nothing to clean
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete test streams at " + url, e);
        }
    }
}
