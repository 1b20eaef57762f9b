package fr.regie.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import fr.regie.testing.PrivateNats;

/** The private server the restart tests rely on: it answers, stops, dies and comes back on the same port. */
class PrivateNatsTest {
    @Test
    void stopsKillsAndRestartsOnTheSamePort() {
        try (PrivateNats n = PrivateNats.begin()) {
            int port = n.port();
            assertTrue(accepts(port), "answers once started");
            n.stop();
            assertFalse(n.running());
            assertFalse(accepts(port), "refuses once stopped");
            n.start();
            assertEquals(port, n.port());
            assertTrue(accepts(port), "answers again on the same port");
            n.kill();
            assertFalse(accepts(port), "refuses once killed");
            n.start();
            assertTrue(accepts(port), "answers after a kill");
            assertTrue(n.url().endsWith(":" + port));
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
