package fr.regie.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of queries 12 to 14, read from the raw files with plain Java: Filosofi 2021
 * (examples/plaine-commune/filosofi/data, decimal commas and markers read here) and, through
 * {@link IrisFiles}, INSEE's IRIS reference of 2023 and the IGN-INSEE contours (JTS
 * point-in-polygon). Read once for all tests.
 */
final class FilosofiFiles {
    /** INSEE's markers for a withheld or missing figure. */
    static final Set<String> MARKERS = Set.of("s", "nd", "ns", "so");

    private static volatile FilosofiFiles instance;

    final IrisFiles iris;
    /** Filosofi IRIS file: IRIS code → column → cell as written. */
    final Map<String, Map<String, String>> byIris = new HashMap<>();
    /** Filosofi commune file: CODGEO → column → cell as written. */
    final Map<String, Map<String, String>> byCommune = new HashMap<>();

    private FilosofiFiles(Path root) throws IOException {
        iris = IrisFiles.read(root);
        read(root.resolve("examples/plaine-commune/filosofi/data/filosofi_iris.csv"), byIris);
        read(root.resolve("examples/plaine-commune/filosofi/data/filosofi_commune.csv"), byCommune);
    }

    private static void read(Path file, Map<String, Map<String, String>> into) throws IOException {
        SourceFiles.Table t = SourceFiles.csv(file);
        for (List<String> r : t.rows()) {
            Map<String, String> cells = new HashMap<>();
            t.columns().keySet().forEach(c -> cells.put(c, t.get(r, c)));
            into.put(r.get(0), cells);
        }
    }

    static FilosofiFiles get(Path projectDir) {
        FilosofiFiles s = instance;
        if (s == null) {
            synchronized (FilosofiFiles.class) {
                s = instance;
                if (s == null) {
                    try {
                        s = new FilosofiFiles(projectDir);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    instance = s;
                }
            }
        }
        return s;
    }

    /** A Filosofi cell as a number: decimal comma read; a marker, or no row at all, is null. */
    static BigDecimal number(Map<String, String> row, String column) {
        if (row == null) {
            return null;
        }
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return v.isEmpty() || MARKERS.contains(v) ? null : new BigDecimal(v.replace(',', '.'));
    }
}
