package fr.regie.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import fr.regie.stream.LogMessage;

/**
 * The primary's signature on the replication log: header {@code Regie-Signature}, the hex
 * HMAC-SHA256 of a message's subject, id, every other header (sorted by name) and body, each
 * length-prefixed so that no two messages sign the same, keyed with HMAC(admin key,
 * {@code "regie-replication-v1"}). Whoever can publish on the stream without the admin key cannot
 * make a replica take anything: replicas drop what does not verify before reading it.
 */
public final class Signature {
    /** The header carrying the signature. */
    public static final String HEADER = "Regie-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "regie-replication-v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    private Signature(byte[] derived) {
        this.key = new SecretKeySpec(derived, ALGORITHM);
    }

    /** The signature keyed from the admin key's value (not blank). */
    public static Signature of(String adminKey) {
        if (adminKey == null || adminKey.isBlank()) {
            throw new IllegalArgumentException("the replication log is signed with the admin key, which is not set");
        }
        return new Signature(hmac(new SecretKeySpec(adminKey.getBytes(StandardCharsets.UTF_8), ALGORITHM), PURPOSE));
    }

    /** The message with its signature header (any previous one replaced). */
    public LogMessage sign(LogMessage m) {
        Map<String, String> h = new HashMap<>(m.headers());
        h.remove(HEADER);
        h.put(HEADER, compute(m));
        return new LogMessage(m.subject(), m.id(), h, m.body(), m.position(), m.stored());
    }

    /** Whether the message carries this key's signature over exactly what it holds. */
    public boolean verifies(LogMessage m) {
        String given = m.header(HEADER);
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), compute(m).getBytes(StandardCharsets.US_ASCII));
    }

    private String compute(LogMessage m) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(m.body().length + 512);
        field(b, m.subject().getBytes(StandardCharsets.UTF_8));
        field(b, (m.id() == null ? "" : m.id()).getBytes(StandardCharsets.UTF_8));
        TreeMap<String, String> sorted = new TreeMap<>(m.headers());
        sorted.remove(HEADER);
        field(b, Integer.toString(sorted.size()).getBytes(StandardCharsets.US_ASCII));
        sorted.forEach((k, v) -> {
            field(b, k.getBytes(StandardCharsets.UTF_8));
            field(b, v.getBytes(StandardCharsets.UTF_8));
        });
        field(b, m.body());
        return HexFormat.of().formatHex(hmac(key, b.toByteArray()));
    }

    private static void field(ByteArrayOutputStream b, byte[] bytes) {
        int n = bytes.length;
        b.write(n >>> 24);
        b.write(n >>> 16);
        b.write(n >>> 8);
        b.write(n);
        b.writeBytes(bytes);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
