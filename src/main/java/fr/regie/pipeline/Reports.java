package fr.regie.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import fr.regie.store.Store;

/**
 * The report a rejected refresh leaves beside the store ({@code STORE/regie/reports/DATASET/}),
 * for the operator and the partner: why, then the details (SHACL results by shape, or the triples
 * the refresh would have deleted). Its path goes into the run's record.
 */
final class Reports {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private Reports() {}

    /** Writes the report; returns its path relative to the store. */
    static String keep(Store store, String dataset, Instant start, String why, List<String> details) {
        Path dir = store.layout().reports(dataset);
        Path file = dir.resolve(STAMP.format(start) + ".txt");
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("Refresh of " + dataset + " rejected at " + start + ": " + why + "\n");
                for (String line : details) {
                    out.write(line + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the report of " + dataset + " in " + dir, e);
        }
        return store.dir().relativize(file).toString();
    }
}
