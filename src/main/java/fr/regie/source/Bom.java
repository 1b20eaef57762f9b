package fr.regie.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The byte order marks at the start of a file: which encoding they announce and how many there
 * are (some exports write two). Readers skip them all; reports say they were seen.
 */
public record Bom(Kind kind, int count) {
    public static final Bom NONE = new Bom(Kind.NONE, 0);

    /** The encodings a mark announces. */
    public enum Kind {
        NONE(new byte[0], null),
        UTF_8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
        UTF_16LE(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE),
        UTF_16BE(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE);

        private final byte[] bytes;
        private final Charset charset;

        Kind(byte[] bytes, Charset charset) {
            this.bytes = bytes;
            this.charset = charset;
        }

        /** The encoding the mark announces; empty for {@link #NONE}. */
        public Optional<Charset> charset() {
            return Optional.ofNullable(charset);
        }
    }

    /** The marks at the start of {@code head} (the first bytes of a file). */
    public static Bom of(byte[] head, int length) {
        for (Kind k : new Kind[] {Kind.UTF_8, Kind.UTF_16LE, Kind.UTF_16BE}) {
            int n = 0;
            while (startsWith(head, length, n * k.bytes.length, k.bytes)) {
                n++;
            }
            if (n > 0) {
                return new Bom(k, n);
            }
        }
        return NONE;
    }

    private static boolean startsWith(byte[] head, int length, int at, byte[] mark) {
        if (at + mark.length > length) {
            return false;
        }
        for (int i = 0; i < mark.length; i++) {
            if (head[at + i] != mark[i]) {
                return false;
            }
        }
        return true;
    }

    /** How many bytes the marks take. */
    public int length() {
        return kind.bytes.length * count;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "no byte order mark";
            case UTF_8 -> (count > 1 ? count + " UTF-8 byte order marks" : "UTF-8 byte order mark");
            case UTF_16LE -> (count > 1 ? count + " " : "") + "UTF-16LE byte order mark" + (count > 1 ? "s" : "");
            case UTF_16BE -> (count > 1 ? count + " " : "") + "UTF-16BE byte order mark" + (count > 1 ? "s" : "");
        };
    }
}
