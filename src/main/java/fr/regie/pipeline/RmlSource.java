package fr.regie.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.riot.system.StreamRDF;

import fr.regie.r2rml.JsonRecords;
import fr.regie.r2rml.LogicalSource;
import fr.regie.r2rml.LogicalSources;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Records;
import fr.regie.r2rml.Rml;
import fr.regie.r2rml.RunStats;
import fr.regie.r2rml.SourceException;
import fr.regie.registry.FileSource;
import fr.regie.source.CsvRecords;
import fr.regie.source.DeclaredDialect;
import fr.regie.source.FileSources;
import fr.regie.source.HttpFetcher;
import fr.regie.source.JsonOpener;
import fr.regie.source.Urls;
import fr.regie.source.XlsxRecords;

/**
 * A source of partner files or web feeds, mapped with RML. Each feed is fetched once when the
 * source is opened (conditionally: 304 or the same bytes leave its copy as it was) into the
 * work folder; the fingerprint is the SHA-256 of every file and feed copy, so an unchanged
 * source is skipped like an unchanged table. The files are read as the registry declares them
 * (encoding, delimiter, header, decimal separator, sheet), or as sniffed.
 */
final class RmlSource implements OpenedSource {
    /** How the JSONPath reader of the mapping language reads a file's or feed's bytes. */
    static final JsonOpener JSON = (in, iterator, where) -> JsonRecords.open(in, where, Optional.of(iterator), JsonRecords.DEFAULT_MAX_BYTES);

    private final FileSource declared;
    private final List<FileSources.Declared> files = new ArrayList<>();
    private final Map<String, String> digests = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private boolean feedsUnchanged = true;
    private Optional<Path> confinedTo = Optional.empty();

    /** Opens the files, fetching each feed into {@code workDir/feeds/DATASET/N/}. */
    RmlSource(String dataset, FileSource declared, Path workDir) {
        this(dataset, declared, workDir, Map.of());
    }

    /**
     * As above, with some declared files or feeds read from other files instead ({@code replaced}:
     * the declared path or URL, as {@link #declaredNames} gives it → the file to read): a check of
     * a partner's sample. A replaced feed is not fetched.
     */
    RmlSource(String dataset, FileSource declared, Path workDir, Map<String, Path> replaced) {
        this.declared = declared;
        for (Map.Entry<String, Path> e : replaced.entrySet()) {
            files.add(new FileSources.Declared(e.getKey(), e.getValue()));
            digests.put(e.getKey(), sha256(e.getValue()));
            notes.put(e.getKey(), "read from " + e.getValue().getFileName() + " instead");
        }
        for (Path f : declared.files()) {
            if (replaced.containsKey(f.toString())) {
                continue;
            }
            if (!Files.isRegularFile(f)) {
                throw new SourceException(f.toString(), "the partner's file is not there");
            }
            files.add(new FileSources.Declared(f.toString(), f));
            digests.put(f.getFileName().toString(), sha256(f));
        }
        HttpFetcher.Limits limits = new HttpFetcher.Limits(declared.timeout().orElse(HttpFetcher.Limits.DEFAULT.timeout()),
                declared.maxBytes().orElse(HttpFetcher.Limits.DEFAULT.maxBytes()), HttpFetcher.Limits.DEFAULT.maxRedirects());
        for (int i = 0; i < declared.urls().size(); i++) {
            URI u = declared.urls().get(i);
            if (replaced.containsKey(u.toString())) {
                continue;
            }
            HttpFetcher fetcher = new HttpFetcher(u, workDir.resolve("feeds").resolve(dataset).resolve(Integer.toString(i)), limits);
            HttpFetcher.Result r;
            try {
                r = fetcher.fetch();
            } catch (IOException e) {
                throw new SourceException(Urls.redact(u), e.getMessage());
            }
            feedsUnchanged &= r.unchanged();
            files.add(new FileSources.Declared(u.toString(), r.copy()));
            digests.put(Urls.redact(u), r.sha256());
            notes.put(Urls.redact(u), r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", " + r.bytes() + " bytes");
        }
    }

    /**
     * Reads an uploaded (untrusted) mapping: whatever folder its logical sources name
     * ({@code rml:root}: a literal folder, the working directory), a file that is not one the
     * registry declares is looked for in {@code folder} only — the partner's uploads — and never
     * elsewhere on the server.
     */
    RmlSource confinedTo(Path folder) {
        this.confinedTo = Optional.of(folder.toAbsolutePath().normalize());
        return this;
    }

    /** The names a source's files and feeds are declared with: each file's path, each feed's URL. */
    static List<String> declaredNames(FileSource declared) {
        List<String> out = new ArrayList<>();
        declared.files().forEach(f -> out.add(f.toString()));
        declared.urls().forEach(u -> out.add(u.toString()));
        return out;
    }

    private DeclaredDialect dialect() {
        return new DeclaredDialect(declared.encoding(), declared.delimiter(), Optional.empty(), declared.header(), declared.headerRow(),
                declared.decimalSeparator(), declared.sheet(), Optional.empty());
    }

    @Override
    public RunStats map(MappingDocument mapping, Run run, StreamRDF sink) {
        FileSources sources = new FileSources(files, dialect(), JSON);
        // What each reader found out (encoding, delimiter, byte order mark, sheet), for the reports.
        LogicalSources noting = declaredOrUploaded -> {
            LogicalSource ls = confinedTo.map(dir -> new LogicalSource(declaredOrUploaded.name(), dir, declaredOrUploaded.formulation(),
                    declaredOrUploaded.iterator(), declaredOrUploaded.dialect(), declaredOrUploaded.position())).orElse(declaredOrUploaded);
            Records r = sources.open(ls);
            if (r instanceof CsvRecords csv) {
                notes.put(ls.name(), csv.dialect().describe());
            } else if (r instanceof XlsxRecords x) {
                notes.put(ls.name(), "sheet " + x.sheet());
            }
            return r;
        };
        Rml.Builder b = Rml.create().mapping(mapping).sources(noting).baseIri(run.baseIri()).progress(run.progress());
        if (run.gate() != null) {
            b.rowGate(run.gate());
        }
        if (run.maxRowsPerPass() != Long.MAX_VALUE) {
            b.maxRecordsPerPass(run.maxRowsPerPass());
        }
        return b.build().run(sink);
    }

    @Override
    public Map<String, String> fingerprint(MappingDocument mapping) {
        return Map.copyOf(digests);
    }

    @Override
    public Map<String, String> notes() {
        return Map.copyOf(notes);
    }

    @Override
    public boolean quietWhenUnchanged() {
        return !declared.urls().isEmpty() && feedsUnchanged;
    }

    @Override
    public void close() {
        // Files are opened and closed by each pass.
    }

    private static String sha256(Path p) {
        try {
            return RefreshKey.sha256Of(p);
        } catch (IOException e) {
            throw new SourceException(p.toString(), "cannot read the partner's file: " + e.getMessage());
        }
    }
}
