package fr.regie.source;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import fr.regie.source.Dialect.Origin;
import fr.regie.source.Dialect.Setting;

/**
 * Settles a table file's {@link Dialect} from what was declared and the file's first bytes: byte
 * order marks; the encoding (declared, else the marks', else UTF-8 when the bytes decode as
 * UTF-8, else windows-1252); the delimiter (declared, else the one of {@code ;} {@code ,} tab
 * {@code |} that splits the first records into the same number of fields, more than one,
 * quotes respected).
 */
final class CsvSniffer {
    /** How many bytes are looked at. */
    static final int HEAD = 1 << 16;
    private static final int RECORDS = 50;
    private static final char[] CANDIDATES = {';', ',', '\t', '|'};
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvSniffer() {}

    /**
     * The dialect of a file whose first {@code n} bytes are {@code head} ({@code whole} when
     * that is the whole file); {@code fallback} is the delimiter when none can be told (a single
     * column), e.g. tab for a {@code .tsv}.
     */
    static Dialect sniff(byte[] head, int n, boolean whole, DeclaredDialect d, Path file, char fallback) throws IOException {
        Map<Setting, Origin> origins = new EnumMap<>(Setting.class);
        origins.putAll(Dialect.origins(d));
        Bom bom = Bom.of(head, n);
        Charset cs;
        if (d.encoding().isPresent()) {
            cs = Charset.forName(d.encoding().get());
            if (bom.count() > 0 && !bom.kind().charset().orElseThrow().equals(cs)) {
                if (!cs.equals(StandardCharsets.UTF_16) || bom.kind() == Bom.Kind.UTF_8) {
                    throw new SourceFileException(file, "line 1", "the file starts with a " + bom + ", but its declared encoding is "
                            + cs.name() + " (declare " + bom.kind().charset().orElseThrow().name() + ", or leave the encoding out)");
                }
                cs = bom.kind().charset().orElseThrow();
            }
        } else if (bom.count() > 0) {
            cs = bom.kind().charset().orElseThrow();
            origins.put(Setting.ENCODING, Origin.SNIFFED);
        } else {
            cs = decodes(head, n, whole, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : WINDOWS_1252;
            origins.put(Setting.ENCODING, Origin.SNIFFED);
        }
        char quote = d.quote().orElse('"');
        boolean trim = d.trim().orElse(true);
        int headerRow = d.headerRow().orElse(1);
        char delimiter;
        if (d.delimiter().isPresent()) {
            delimiter = d.delimiter().get();
        } else {
            String text = cs.decode(ByteBuffer.wrap(head, bom.length(), n - bom.length())).toString();
            char found = delimiter(text, whole, quote, headerRow - 1, fallback);
            delimiter = found == 0 ? fallback : found;
            origins.put(Setting.DELIMITER, found == 0 ? Origin.DEFAULT : Origin.SNIFFED);
        }
        return new Dialect(cs, delimiter, quote, d.header().orElse(true), headerRow, d.decimalSeparator().orElse('.'),
                d.sheet(), trim, bom, origins);
    }

    /** True when the bytes decode in {@code cs}; a sequence cut by the end of a partial head is not held against it. */
    static boolean decodes(byte[] head, int n, boolean whole, Charset cs) {
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(head, 0, n);
        CharBuffer out = CharBuffer.allocate(n + 1);
        CoderResult r = dec.decode(in, out, whole);
        if (r.isError()) {
            return false;
        }
        if (whole) {
            try {
                dec.flush(out);
            } catch (IllegalStateException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The candidate that splits the first records most consistently into more than one field,
     * then into the most fields, {@code preferred} (the extension's) first on a tie; 0 when none does.
     */
    static char delimiter(String text, boolean whole, char quote, int skip, char preferred) {
        char best = 0;
        double bestShare = 0;
        int bestWidth = 1;
        StringBuilder order = new StringBuilder().append(preferred);
        for (char c : CANDIDATES) {
            if (c != preferred) {
                order.append(c);
            }
        }
        for (char c : order.toString().toCharArray()) {
            if (c == quote) {
                continue;
            }
            List<Integer> widths = widths(text, whole, c, quote, skip);
            if (widths.isEmpty() || widths.get(0) < 2) {
                continue;
            }
            int first = widths.get(0);
            double share = widths.stream().filter(w -> w == first).count() / (double) widths.size();
            if (share > bestShare || share == bestShare && first > bestWidth) {
                best = c;
                bestShare = share;
                bestWidth = first;
            }
        }
        return best;
    }

    private static List<Integer> widths(String text, boolean whole, char delimiter, char quote, int skip) {
        List<Integer> widths = new ArrayList<>();
        CsvTokenizer t = new CsvTokenizer(new StringReader(text), Path.of("head"), delimiter, quote, false);
        try {
            for (int i = 0; i < skip + RECORDS && t.next(); i++) {
                if (i >= skip) {
                    widths.add(t.fields().size());
                }
            }
        } catch (IOException e) {
            // A quoted field cut by the end of the head, or bytes of another encoding: judge on what was read.
        }
        if (!whole && widths.size() > 1) {
            widths.remove(widths.size() - 1);
        }
        return widths;
    }

    /** The decoder a reader uses: bytes that do not decode become {@link CsvTokenizer#BAD}, reported where they are. */
    static CharsetDecoder decoder(Charset cs) {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(CsvTokenizer.BAD));
    }
}
