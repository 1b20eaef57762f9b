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
 * encoded, as it is in Régie's IRIs ({@code %20}); invalid UTF-8 stays encoded too.
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
