package fr.regie.r2rml;

import java.nio.charset.StandardCharsets;

/**
 * The IRI-safe version of a string (R2RML §7.3): every character that is not in RFC 3987's
 * {@code iunreserved} production is percent-encoded as UTF-8 bytes. Letters outside ASCII
 * ({@code ucschar}) stay as they are, so that {@code Évry} remains readable.
 */
public final class IriSafe {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private IriSafe() {}

    /** Appends the IRI-safe form of {@code s} to {@code out}. */
    public static void append(StringBuilder out, String s) {
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (isIUnreserved(cp)) {
                out.appendCodePoint(cp);
            } else {
                for (byte b : s.substring(i, i + len).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += len;
        }
    }

    /** The IRI-safe form of a string. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        append(sb, s);
        return sb.toString();
    }

    /** RFC 3987: iunreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" / ucschar. */
    static boolean isIUnreserved(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
        }
        return (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF)
                || (c >= 0x10000 && c <= 0xEFFFD && (c & 0xFFFE) != 0xFFFE && (c < 0xE0000 || c >= 0xE1000));
    }
}
