package fr.regie.stream;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
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

    /** A raw connection to {@code url}, for what the log does not do (other streams, deletions). */
    static Connection raw(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0).build());
    }

    /** Deletes the streams, ignoring those that are not there. */
    static void delete(String url, String... names) {
        try (Connection c = raw(url)) {
            for (String n : names) {
                try {
                    c.jetStreamManagement().deleteStream(n);
                } catch (JetStreamApiException e) {
                    // not there: nothing to clean
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete test streams at " + url, e);
        }
    }
}
