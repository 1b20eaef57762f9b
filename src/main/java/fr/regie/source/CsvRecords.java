package fr.regie.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import fr.regie.r2rml.Records;

/**
 * The records of a CSV or TSV file for an RML logical source (reference formulation CSV): one
 * record per row after the header, a reference is a header name (exact match), an empty cell
 * gives no value. The dialect is settled when the file is opened ({@link CsvSniffer}); the file
 * is streamed, never held whole.
 */
public final class CsvRecords implements Records {
    private final Path file;
    private final String name;
    private final Dialect dialect;
    private final CsvTokenizer tokens;
    private final InputStream in;
    private Columns columns;
    private long headerLine;
    private List<String> current = List.of();

    private CsvRecords(Path file, String name, Dialect dialect, InputStream in, CsvTokenizer tokens) {
        this.file = file;
        this.name = name;
        this.dialect = dialect;
        this.in = in;
        this.tokens = tokens;
    }

    /**
     * Opens {@code file}, named {@code name} in messages (as the mapping or registry writes it),
     * read as {@code declared} says and sniffed for the rest.
     */
    public static CsvRecords open(Path file, String name, DeclaredDialect declared) throws IOException {
        byte[] head = new byte[CsvSniffer.HEAD];
        int n;
        try (InputStream peek = Files.newInputStream(file)) {
            n = peek.readNBytes(head, 0, head.length);
        }
        boolean whole = n < head.length;
        char fallback = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        Dialect d = CsvSniffer.sniff(head, n, whole, declared, file, fallback);
        InputStream in = Files.newInputStream(file);
        CsvRecords r;
        try {
            in.skipNBytes(d.bom().length());
            CsvTokenizer t = new CsvTokenizer(new InputStreamReader(in, CsvSniffer.decoder(d.encoding())), file, d.delimiter(),
                    d.quote(), d.trim());
            r = new CsvRecords(file, name, d, in, t);
            r.readHeader();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return r;
    }

    private void readHeader() throws IOException {
        for (int i = 1; i < dialect.headerRow(); i++) {
            if (!tokens.next()) {
                throw new SourceFileException(file, "line " + tokens.line(), "the header is declared on row " + dialect.headerRow()
                        + ", but the file has only " + (i - 1) + " non-empty lines");
            }
        }
        if (!dialect.header()) {
            return;
        }
        if (!tokens.next()) {
            columns = new Columns(List.of(), name, true);
            return;
        }
        columns = new Columns(tokens.fields(), name, true);
        headerLine = tokens.line();
    }

    /** How the file is read: encoding, marks seen, delimiter, header, and which were sniffed. */
    public Dialect dialect() {
        return dialect;
    }

    /** The header's names (or 1…n for a file without one, once the first record is read). */
    public List<String> columns() {
        return columns == null ? List.of() : columns.names();
    }

    @Override
    public boolean next() throws IOException {
        if (!tokens.next()) {
            current = List.of();
            return false;
        }
        List<String> f = tokens.fields();
        if (columns == null) {
            columns = Columns.numbered(f.size(), name);
        } else if (f.size() != columns.size()) {
            throw new SourceFileException(file, "line " + tokens.line(), f.size() + " fields, but "
                    + (dialect.header() ? "the header (line " + headerLine + ") has " : "the first record has ") + columns.size()
                    + " (delimiter " + Dialect.show(dialect.delimiter()) + ")");
        }
        current = f;
        return true;
    }

    /** The current record's cells in column order. */
    public List<String> cells() {
        return current;
    }

    @Override
    public List<Value> values(String reference) {
        int i = columns == null ? -1 : columns.of(reference);
        return i < 0 || current.isEmpty() ? List.of() : Cells.values(current.get(i), dialect.decimalSeparator());
    }

    @Override
    public String where() {
        return name + ", line " + tokens.line();
    }

    @Override
    public long hash() {
        return RecordHash.of(current);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
