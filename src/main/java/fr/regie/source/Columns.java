package fr.regie.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.regie.r2rml.SourceException;

/**
 * The columns of a table file, by the names its header gives (exact match), or numbered from 1
 * when it has none. A reference to a name the header does not have, or has twice, is an error
 * naming the file and the names it has.
 */
final class Columns {
    private static final int SHOWN = 40;

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, List<Integer>> duplicates = new HashMap<>();
    private final String file;
    private final boolean header;

    Columns(List<String> names, String file, boolean header) {
        this.names = List.copyOf(names);
        this.file = file;
        this.header = header;
        for (int i = 0; i < names.size(); i++) {
            Integer before = index.putIfAbsent(names.get(i), i);
            if (before != null) {
                duplicates.computeIfAbsent(names.get(i), k -> new ArrayList<>(List.of(before + 1))).add(i + 1);
            }
        }
    }

    /** Columns numbered 1 to {@code width}, for a file without a header. */
    static Columns numbered(int width, String file) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
            names.add(Integer.toString(i));
        }
        return new Columns(names, file, false);
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /** The position (from 0) of the column {@code reference} names. */
    int of(String reference) {
        Integer i = index.get(reference);
        if (i == null) {
            if (!header) {
                throw new SourceException(file, "column '" + reference + "' does not exist: the file has no header, so its"
                        + " columns are referenced by number, 1 to " + names.size());
            }
            throw new SourceException(file, "column '" + reference + "' is not in the header (columns: " + shown() + ")");
        }
        List<Integer> twice = duplicates.get(reference);
        if (twice != null) {
            throw new SourceException(file, "column '" + reference + "' appears " + twice.size() + " times in the header"
                    + " (columns " + String.join(", ", twice.stream().map(String::valueOf).toList()) + ")");
        }
        return i;
    }

    private String shown() {
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + ", … (" + names.size() + " in all)";
    }
}
