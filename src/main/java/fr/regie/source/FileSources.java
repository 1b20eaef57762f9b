package fr.regie.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.regie.r2rml.LogicalSource;
import fr.regie.r2rml.LogicalSources;
import fr.regie.r2rml.Records;
import fr.regie.r2rml.SourceException;

/**
 * Régie's {@link LogicalSources}: finds the bytes an RML logical source names and picks the reader.
 * The name is looked up first among the files the registry declares for the dataset (or the
 * last copies of its feeds), as written there, by file name or by trailing relative path; else
 * it is a file inside the mapping's folder (never outside it: a mapping sent to a server must not
 * read the server's files). CSV formulation: {@code .xlsx}/{@code .xls} are read as a sheet,
 * anything else as CSV/TSV; JSONPath: the bytes go to the {@link JsonOpener}. The dialect is the
 * mapping's CSVW settings, then the registry's, then sniffed.
 */
public final class FileSources implements LogicalSources {
    /** A file the registry declares: the name it was declared with (a relative path or URL) and where its bytes are. */
    public record Declared(String name, Path path) {}

    private final List<Declared> declared;
    private final DeclaredDialect dialect;
    private final JsonOpener json;

    public FileSources(List<Declared> declared, DeclaredDialect dialect, JsonOpener json) {
        this.declared = List.copyOf(declared);
        this.dialect = dialect;
        this.json = json;
    }

    /** Sources are files in the mapping's folder, read with the defaults and sniffing (the conformance runner). */
    public static FileSources besideMapping(JsonOpener json) {
        return new FileSources(List.of(), DeclaredDialect.NONE, json);
    }

    @Override
    public Records open(LogicalSource source) throws IOException {
        String where = source.position().toString();
        Located located = locate(source, where);
        Path file = located.path();
        String name = source.name();
        DeclaredDialect d = DeclaredDialect.ofCsvw(source.dialect(), where).orElse(dialect);
        // A feed's copy has no extension of its own: its URL's says what it is.
        String ext = extension(lastSegment(located.name()));
        return switch (source.formulation()) {
            case CSV -> {
                if (ext.equals("json") || ext.equals("geojson")) {
                    throw new SourceException(where, "source '" + name + "' is JSON, but the logical source reads it as CSV"
                            + " (declare rml:referenceFormulation rml:JSONPath and an rml:iterator)");
                }
                yield ext.equals("xlsx") || ext.equals("xls") || ext.equals("xlsm") ? XlsxRecords.open(file, name, d)
                        : CsvRecords.open(file, name, d);
            }
            case JSONPATH -> {
                InputStream in = Files.newInputStream(file);
                try {
                    yield json.open(in, source.iterator().orElse("$"), name);
                } catch (IOException | RuntimeException e) {
                    in.close();
                    throw e;
                }
            }
            case XPATH -> throw new SourceException(where, "source '" + name + "': XPath (XML sources) is not supported by Régie;"
                    + " publish the data as CSV or JSON");
            case OTHER -> throw new SourceException(where, "source '" + name + "': this reference formulation is not supported"
                    + " (Régie reads rml:CSV and rml:JSONPath)");
        };
    }

    /** The bytes found, and the name (a path or URL) whose extension tells what they are. */
    private record Located(Path path, String name) {}

    private Located locate(LogicalSource source, String where) throws SourceException {
        String name = source.name();
        List<Declared> matches = new ArrayList<>();
        for (Declared d : declared) {
            if (d.name().equals(name) || lastSegment(d.name()).equals(name) || endsWith(d.name(), name)) {
                matches.add(d);
            }
        }
        if (matches.size() == 1) {
            return new Located(matches.get(0).path(), matches.get(0).name());
        }
        if (matches.size() > 1) {
            throw new SourceException(where, "source '" + name + "' matches several files the registry declares ("
                    + String.join(", ", matches.stream().map(Declared::name).toList()) + "): write the path as the registry does");
        }
        if (name.matches("(?i)https?://.*")) {
            throw new SourceException(where, "source '" + name + "' is a URL the registry does not declare for this dataset"
                    + " (Régie fetches only the feeds a registry declares, with regie:url)");
        }
        Path dir = source.mappingDirectory().toAbsolutePath().normalize();
        Path p;
        try {
            p = dir.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new SourceException(where, "source '" + name + "' is not a file name");
        }
        if (!p.startsWith(dir)) {
            throw new SourceException(where, "source '" + name + "' is outside the mapping's folder " + dir
                    + " (sources are the registry's files, or files beside the mapping)");
        }
        if (!Files.isRegularFile(p)) {
            throw new SourceException(where, "source '" + name + "' is neither a file the registry declares for the dataset"
                    + (declared.isEmpty() ? "" : " (" + String.join(", ", declared.stream().map(Declared::name).toList()) + ")")
                    + " nor a file in the mapping's folder (" + p + ")");
        }
        return new Located(p, p.getFileName().toString());
    }

    private static String lastSegment(String s) {
        String t = s.replaceFirst("[?#].*$", "");
        int slash = Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\'));
        return t.substring(slash + 1);
    }

    /** True when {@code declared} ends with the relative path {@code name}, whole segments only. */
    private static boolean endsWith(String declared, String name) {
        String d = declared.replace('\\', '/');
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return !n.isEmpty() && (d.equals(n) || d.endsWith("/" + n));
    }

    private static String extension(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
