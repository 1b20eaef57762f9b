package fr.regie.r2rml.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.IsoMatcher;

import fr.regie.r2rml.DataException;
import fr.regie.r2rml.LogicalSources;
import fr.regie.r2rml.Rml;
import fr.regie.r2rml.Database;
import fr.regie.r2rml.SqlScript;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.R2rmlException;
import fr.regie.r2rml.direct.DirectMapping;
import fr.regie.r2rml.direct.SchemaReader;

/**
 * Runs test cases: loads the folder's SQL script into a fresh database, runs the mapping (or the
 * Direct Mapping) and compares the output with the expected dataset, blank nodes matched up to
 * isomorphism. A case that expects an error passes only if the engine reports that kind of error.
 */
public final class ConformanceRunner {
    /** The base IRI the RDB2RDF test cases are written against. */
    public static final String BASE_IRI = "http://example.com/base/";

    private final TestDatabases databases;
    private final LogicalSources sources;

    public ConformanceRunner(TestDatabases databases) {
        this(databases, source -> {
            throw new IOException("no file sources are configured for this run: " + source.name());
        });
    }

    /** A runner for R2RML cases in {@code databases} and RML cases whose files {@code sources} opens. */
    public ConformanceRunner(TestDatabases databases, LogicalSources sources) {
        this.databases = databases;
        this.sources = sources;
    }

    /** Every case of every database folder (R2RML) or suite folder (RML-Core) under {@code suite}. */
    public static List<TestCase> cases(Path suite) throws IOException {
        List<TestCase> all = new ArrayList<>();
        for (Path folder : Manifest.databaseFolders(suite)) {
            all.addAll(RmlManifest.isRmlSuite(folder) ? RmlManifest.read(folder) : Manifest.read(folder));
        }
        return all;
    }

    /**
     * The script for this database: {@code create-<dialect>.sql} beside the original when the
     * original does not run there, else the one the manifest names.
     */
    Path scriptFor(Path folder) {
        String original = Manifest.scriptFile(folder);
        String base = original.endsWith(".sql") ? original.substring(0, original.length() - 4) : original;
        Path variant = folder.resolve(base + "-" + databases.dialect().fileSuffix() + ".sql");
        return Files.isRegularFile(variant) ? variant : folder.resolve(original);
    }

    public CaseResult run(TestCase tc) {
        if (tc.kind() == TestCase.Kind.RML) {
            return runRml(tc);
        }
        SqlScript script;
        Path scriptPath = scriptFor(tc.folder());
        try {
            script = SqlScript.parse(Files.readString(scriptPath, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new CaseResult(tc, false, "cannot read " + scriptPath + ": " + e.getMessage());
        }
        Database db;
        try {
            db = databases.open(script);
        } catch (R2rmlException e) {
            return new CaseResult(tc, false, e.getMessage());
        }
        try {
            try {
                script.run(db.connection());
            } catch (SQLException e) {
                return new CaseResult(tc, false, scriptPath.getFileName() + " does not load: " + e.getMessage());
            }
            return runLoaded(tc, db, script);
        } finally {
            databases.release(db, script);
        }
    }

    private CaseResult runLoaded(TestCase tc, Database db, SqlScript script) {
        DatasetGraph actual;
        try {
            MappingDocument mapping = tc.kind() == TestCase.Kind.DIRECT_MAPPING
                    ? DirectMapping.of(SchemaReader.read(db, script.createdTableNames()), BASE_IRI).mapping()
                    : MappingReader.read(tc.folder().resolve(tc.mappingFile().orElseThrow()));
            actual = R2rml.create().mapping(mapping).database(db).baseIri(BASE_IRI).build().toDataset();
        } catch (MappingException e) {
            if (tc.errorExpected() && !tc.dataErrorExpected()) {
                return new CaseResult(tc, true, "rejected as expected: " + e.getMessage());
            }
            return new CaseResult(tc, false, "unexpected mapping error: " + e.getMessage());
        } catch (DataException e) {
            if (tc.dataErrorExpected()) {
                return new CaseResult(tc, true, "data error as expected: " + e.getMessage());
            }
            return new CaseResult(tc, false, "unexpected data error: " + e.getMessage());
        } catch (R2rmlException e) {
            return new CaseResult(tc, false, e.getMessage());
        }
        if (tc.errorExpected()) {
            return new CaseResult(tc, false, "expected " + tc.failMessage().orElse("an error") + ", but the mapping ran and produced "
                    + count(actual) + " quads");
        }
        return compare(tc, actual);
    }

    /**
     * An RML case: any error from the reader or the engine passes a case that expects one
     * (RML-Core's cases do not say which kind); a case Régie cannot run is not applicable.
     */
    private CaseResult runRml(TestCase tc) {
        if (tc.notApplicable().isPresent()) {
            return new CaseResult(tc, CaseResult.Status.NOT_APPLICABLE, tc.notApplicable().get());
        }
        DatasetGraph actual;
        try {
            MappingDocument mapping = MappingReader.read(tc.folder().resolve(tc.mappingFile().orElseThrow()));
            actual = Rml.create().mapping(mapping).sources(sources).baseIri(tc.baseIri().orElse(BASE_IRI)).build().toDataset();
        } catch (R2rmlException e) {
            if (tc.errorExpected()) {
                return new CaseResult(tc, true, "error as expected: " + e.getMessage());
            }
            return new CaseResult(tc, false, "unexpected error: " + e.getMessage());
        }
        if (tc.errorExpected()) {
            return new CaseResult(tc, false, "expected an error, but the mapping ran and produced " + count(actual) + " quads");
        }
        return compare(tc, actual);
    }

    private static CaseResult compare(TestCase tc, DatasetGraph actual) {
        Path expectedFile = tc.folder().resolve(tc.expectedOutput().orElseThrow());
        DatasetGraph expected = DatasetGraphFactory.createTxnMem();
        try {
            Lang lang = RDFLanguages.filenameToLang(expectedFile.toString(), Lang.NQUADS);
            if (tc.kind() == TestCase.Kind.RML) {
                // rml:UnsafeIRI cases expect IRIs that N-Quads forbids (a space): read them as written.
                RDFParser.source(expectedFile).lang(lang).base(tc.baseIri().orElse(BASE_IRI))
                        .errorHandler(ErrorHandlerFactory.errorHandlerWarn).checking(false).parse(expected);
            } else {
                RDFDataMgr.read(expected, expectedFile.toString(), tc.baseIri().orElse(BASE_IRI), lang);
            }
        } catch (RiotException e) {
            return new CaseResult(tc, false, "cannot read expected output " + expectedFile.getFileName() + ": " + e.getMessage());
        }
        if (IsoMatcher.isomorphic(expected, actual)) {
            return new CaseResult(tc, true, count(actual) + " quads, as expected");
        }
        return new CaseResult(tc, false, "output differs from " + expectedFile.getFileName() + ": " + difference(expected, actual));
    }

    private static long count(DatasetGraph dsg) {
        long n = 0;
        for (Iterator<Quad> it = dsg.find(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    /** A short account of what differs, ignoring quads with blank nodes (they only match up to renaming). */
    private static String difference(DatasetGraph expected, DatasetGraph actual) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        expected.find().forEachRemaining(q -> {
            if (ground(q) && !actual.contains(q)) {
                missing.add(fmt(q));
            }
        });
        actual.find().forEachRemaining(q -> {
            if (ground(q) && !expected.contains(q)) {
                extra.add(fmt(q));
            }
        });
        return "expected " + count(expected) + " quads, got " + count(actual) + "; missing " + missing.size()
                + (missing.isEmpty() ? "" : " (e.g. " + missing.get(0) + ")") + "; unexpected " + extra.size()
                + (extra.isEmpty() ? "" : " (e.g. " + extra.get(0) + ")");
    }

    private static boolean ground(Quad q) {
        return !q.getSubject().isBlank() && !q.getObject().isBlank() && !q.getGraph().isBlank();
    }

    private static String fmt(Quad q) {
        String s = q.getSubject() + " " + q.getPredicate() + " " + q.getObject();
        return q.isDefaultGraph() ? s : s + " in " + q.getGraph();
    }
}
