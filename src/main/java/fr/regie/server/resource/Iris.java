package fr.regie.server.resource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * From a request's URI path to the IRI it names (RFC 3987, section 3.2): percent-encoded UTF-8
 * sequences of non-ASCII characters become those characters; percent-encoded ASCII stays
 * encoded, as it is in Régie's IRIs ({@code %20}); invalid UTF-8 stays encoded too. And back,
 * for HTTP headers, which carry ASCII only.
 */
final class Iris {
    private Iris() {}

    static String fromUri(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            int end = i;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (octet(path, end) >= 0x80) {
                bytes.write(octet(path, end));
                end += 3;
            }
            if (end > i) {
                out.append(utf8(bytes.toByteArray()).orElse(path.substring(i, end)));
                i = end;
            } else {
                out.append(path.charAt(i++));
            }
        }
        return out.toString();
    }

    /** An IRI (or its path) as a URI: non-ASCII characters percent-encoded in UTF-8 (RFC 3987, 3.1). */
    static String toUri(String iri) {
        StringBuilder b = new StringBuilder(iri.length());
        for (byte x : iri.getBytes(StandardCharsets.UTF_8)) {
            if (x >= 0) {
                b.append((char) x);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** The octet a {@code %XX} at {@code at} encodes, or -1. */
    private static int octet(String s, int at) {
        if (at + 2 >= s.length() || s.charAt(at) != '%') {
            return -1;
        }
        int hi = Character.digit(s.charAt(at + 1), 16);
        int lo = Character.digit(s.charAt(at + 2), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static Optional<String> utf8(byte[] b) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
