package fr.regie.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import fr.regie.stream.LogMessage;

/** The log's signature: seeded messages verify once signed, and no longer after any change of a field, a header or a byte. */
class SignatureTest {
    private static final Signature KEY = Signature.of("k-admin");

    @Test
    void everyChangeBreaksTheSignature() {
        Random rnd = new Random(Long.getLong("regie.test.seed", 13L));
        for (int i = 0; i < 300; i++) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int k = rnd.nextInt(4); k > 0; k--) {
                h.put("H" + rnd.nextInt(6), Integer.toString(rnd.nextInt(100)));
            }
            byte[] body = new byte[rnd.nextInt(64)];
            rnd.nextBytes(body);
            LogMessage signed = KEY.sign(LogMessage.of("s." + rnd.nextInt(3), "id" + rnd.nextInt(3), h, body));
            assertTrue(KEY.verifies(signed), "case " + i);
            assertTrue(KEY.verifies(new LogMessage(signed.subject(), signed.id(), new HashMap<>(signed.headers()), signed.body(), 7, null)),
                    "header order and position do not matter");
            assertFalse(Signature.of("k-other").verifies(signed), "another key");
            assertFalse(KEY.verifies(LogMessage.of(signed.subject() + "x", signed.id(), signed.headers(), body)), "subject");
            assertFalse(KEY.verifies(LogMessage.of(signed.subject(), signed.id() + "x", signed.headers(), body)), "id");
            Map<String, String> more = new HashMap<>(signed.headers());
            more.put("Regie-Registry", "x");
            assertFalse(KEY.verifies(LogMessage.of(signed.subject(), signed.id(), more, body)), "a header added");
            if (!h.isEmpty()) {
                Map<String, String> changed = new HashMap<>(signed.headers());
                String name = h.keySet().iterator().next();
                changed.put(name, changed.get(name) + "0");
                assertFalse(KEY.verifies(LogMessage.of(signed.subject(), signed.id(), changed, body)), "a header changed");
                // Moving a byte between a header's name and value is not the same message.
                Map<String, String> shifted = new HashMap<>(signed.headers());
                String v = shifted.remove(name);
                shifted.put(name + v.charAt(0), v.substring(1));
                assertFalse(KEY.verifies(LogMessage.of(signed.subject(), signed.id(), shifted, body)), "a byte moved from value to name");
            }
            byte[] flipped = (body.length == 0 ? new byte[] {0} : body.clone());
            if (body.length > 0) {
                flipped[rnd.nextInt(body.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            assertFalse(KEY.verifies(LogMessage.of(signed.subject(), signed.id(), signed.headers(), flipped)), "body");
            Map<String, String> none = new HashMap<>(signed.headers());
            none.remove(Signature.HEADER);
            assertFalse(KEY.verifies(LogMessage.of(signed.subject(), signed.id(), none, body)), "unsigned");
        }
    }

    @Test
    void theKeyIsNeededAndDerived() {
        assertThrows(IllegalArgumentException.class, () -> Signature.of(" "));
        LogMessage m = KEY.sign(LogMessage.of("s", "i", Map.of(), "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(64, m.header(Signature.HEADER).length(), "hex HMAC-SHA256");
        assertTrue(Signature.of("k-admin").verifies(m), "the same admin key, the same signature key");
    }
}
