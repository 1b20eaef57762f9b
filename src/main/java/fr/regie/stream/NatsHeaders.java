package fr.regie.stream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.nats.client.impl.Headers;

/**
 * How a {@link LogMessage}'s id and headers travel as NATS headers. The id is {@code Nats-Msg-Id},
 * the header JetStream deduplicates on; every other header is one NATS header of the same name and
 * one value. Names are ASCII 33–126 without {@code :} and must not start with {@code Nats-} (any
 * case: JetStream reads those); values are ASCII 32–126 and neither start nor end with a space
 * (NATS drops them), the empty value included. Read back, headers named {@code Nats-…}
 * are left out: they are JetStream's (the id, the expected stream), not the publisher's.
 */
final class NatsHeaders {
    /** The header JetStream deduplicates on. */
    static final String MSG_ID = "Nats-Msg-Id";
    private static final String RESERVED = "nats-";

    private NatsHeaders() {
    }

    /** The NATS headers of a message to publish, or why they cannot be. */
    static Headers of(LogMessage m) throws LogException {
        checkId(m.id());
        Headers h = new Headers();
        for (Map.Entry<String, String> e : m.headers().entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            checkName(name);
            checkValue(name, value);
            h.put(name, value);
        }
        h.put(MSG_ID, m.id());
        return h;
    }

    /** The id and the publisher's headers of a stored message. */
    static LogMessage read(String subject, Headers h, byte[] body, long position, java.time.Instant stored) {
        Map<String, String> out = new LinkedHashMap<>();
        String id = "";
        if (h != null) {
            for (String name : h.keySet()) {
                String value = h.getFirst(name);
                if (name.equalsIgnoreCase(MSG_ID)) {
                    id = value == null ? "" : value;
                } else if (!name.toLowerCase(Locale.ROOT).startsWith(RESERVED)) {
                    out.put(name, value == null ? "" : value);
                }
            }
        }
        return new LogMessage(subject, id, out, body == null ? new byte[0] : body, position, stored);
    }

    private static void checkId(String id) throws LogException {
        if (id == null || id.isEmpty()) {
            throw new LogException("a message needs an id: the log deduplicates on it");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 33 || c > 126) {
                throw new LogException("message id '" + id + "' has character U+" + hex(c) + " at " + i + ": ids are ASCII 33–126");
            }
        }
    }

    private static void checkName(String name) throws LogException {
        if (name == null || name.isEmpty()) {
            throw new LogException("a header has an empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new LogException("header name '" + name + "' has character U+" + hex(c) + ": names are ASCII 33–126 without ':'");
            }
        }
        if (name.toLowerCase(Locale.ROOT).startsWith(RESERVED)) {
            throw new LogException("header name '" + name + "' starts with Nats-, which JetStream reserves");
        }
    }

    private static void checkValue(String name, String value) throws LogException {
        if (value == null) {
            throw new LogException("header " + name + " has no value (use the empty string)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 32 || c > 126) {
                throw new LogException("header " + name + " has character U+" + hex(c) + " at " + i + ": values are ASCII 32–126");
            }
        }
        if (value.startsWith(" ") || value.endsWith(" ")) {
            throw new LogException("header " + name + " starts or ends with a space, which NATS would drop");
        }
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
