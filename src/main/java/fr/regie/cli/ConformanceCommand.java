package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import fr.regie.r2rml.conformance.CaseResult;
import fr.regie.r2rml.conformance.ConformanceRunner;
import fr.regie.r2rml.conformance.TestCase;
import fr.regie.r2rml.conformance.TestDatabases;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie conformance}: run a W3C-style R2RML / Direct Mapping test suite. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Run a W3C-style R2RML and Direct Mapping test suite folder (one folder per database with",
                "manifest.ttl, create.sql, mappings and expected outputs), or an RML-Core test suite folder (manifest.ttl in the",
                "rmltest: vocabulary, one folder per case with its CSV or JSON files), and print one line per test case, then",
                "the totals. RML cases over XML, SQL or SPARQL sources are reported n/a with the reason.",
                "Without --jdbc each case gets a fresh in-memory H2 database; with --jdbc the cases run in that database,",
                "which must allow creating and dropping tables (each case's tables are dropped before and after it).",
                "Exit code 0 only when no case failed."})
final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The suite folder (or one database folder of it).")
    Path dir;

    /** A database to run in instead of fresh H2 ones. */
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    JdbcOptions jdbc;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ErrorHandler.UserException(dir + " is not a folder");
        }
        List<TestCase> cases = ConformanceRunner.cases(dir);
        if (cases.isEmpty()) {
            throw new ErrorHandler.UserException("no manifest.ttl with test cases under " + dir);
        }
        TestDatabases dbs = jdbc == null ? TestDatabases.freshH2() : TestDatabases.shared(jdbc.url, jdbc.user, jdbc.password());
        ConformanceRunner runner = new ConformanceRunner(dbs, fr.regie.pipeline.Sources.besideMapping());
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        int notApplicable = 0;
        for (TestCase tc : cases) {
            CaseResult r = runner.run(tc);
            out.println(r.line());
            out.flush();
            switch (r.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case NOT_APPLICABLE -> notApplicable++;
            }
        }
        out.printf(notApplicable == 0 ? "%d passed, %d failed%n" : "%d passed, %d failed, %d not applicable%n", passed, failed, notApplicable);
        return failed == 0 ? 0 : 1;
    }
}
