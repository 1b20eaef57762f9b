package fr.regie.server.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How labels and queries are compared: accents and case folded away ({@code "Épinay-sur-Seine"}
 * → {@code "epinay sur seine"}), then cut into words at anything that is not a letter or a
 * digit. A label matches a query when each word of the query begins a word of the label.
 */
final class Folding {
    /** Words kept per text; a label or query longer than this is cut (bounded index and queries). */
    static final int MAX_WORDS = 16;

    private Folding() {}

    static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); ) {
            int c = d.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            b.appendCodePoint(Character.isLetterOrDigit(c) ? c : ' ');
        }
        return b.toString().toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    }

    /** The words of a text, folded, at most {@link #MAX_WORDS}. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : fold(s).split(" ")) {
            if (!w.isEmpty() && out.size() < MAX_WORDS) {
                out.add(w);
            }
        }
        return out;
    }
}
