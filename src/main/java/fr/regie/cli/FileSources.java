package fr.regie.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.regie.r2rml.JsonRecords;
import fr.regie.r2rml.LogicalSource;
import fr.regie.r2rml.LogicalSources;
import fr.regie.r2rml.Records;
import fr.regie.r2rml.SourceException;
import fr.regie.source.CsvReader;

/**
 * The logical sources of an RML mapping as files beside it: JSON read by {@link JsonRecords},
 * CSV by {@link CsvReader} (header first, separator guessed, empty cell = no value). Narrow on
 * purpose: enough for {@code regie conformance}; partners' files and feeds are read by the
 * registry's sources.
 */
public final class FileSources implements LogicalSources {
    private final long maxJsonBytes;

    public FileSources(long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    public FileSources() {
        this(JsonRecords.DEFAULT_MAX_BYTES);
    }

    @Override
    public Records open(LogicalSource source) throws IOException {
        Path file = source.mappingDirectory().resolve(source.name());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(source.position() + ": the logical source " + source.name() + " is not a file (looked for " + file + ")");
        }
        Charset cs = Charset.forName(source.dialect().getOrDefault("encoding", "UTF-8"));
        return switch (source.formulation()) {
            case JSONPATH -> JsonRecords.open(Files.newInputStream(file), source.name(), source.iterator(), maxJsonBytes);
            case CSV -> new CsvRecords(CsvReader.open(file, cs), source.name());
            case XPATH, OTHER -> throw new IOException(source.position() + ": only CSV and JSON sources are read");
        };
    }

    /** A CSV file's rows as records; a reference is a column name of the header. */
    private static final class CsvRecords implements Records {
        private final CsvReader csv;
        private final String name;
        private final Map<String, Integer> columns = new HashMap<>();
        private List<String> cells;

        CsvRecords(CsvReader csv, String name) {
            this.csv = csv;
            this.name = name;
            List<String> header = csv.header();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i), i);
            }
        }

        @Override
        public boolean next() throws IOException {
            cells = csv.next();
            return cells != null;
        }

        @Override
        public List<Value> values(String reference) {
            Integer i = columns.get(reference);
            if (i == null) {
                throw new SourceException(name, "no column \"" + reference + "\" in the header (it has: " + String.join(", ", csv.header()) + ")");
            }
            String v = i < cells.size() ? cells.get(i) : "";
            return v.isEmpty() ? List.of() : List.of(Value.string(v));
        }

        @Override
        public String where() {
            return name + ", " + csv.where();
        }

        @Override
        public long hash() {
            long h = 0xcbf29ce484222325L;
            for (String c : cells) {
                for (byte b : c.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xFF)) * 0x100000001b3L;
                }
                h = (h ^ 0x1E) * 0x100000001b3L;
            }
            return h;
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }
}
