package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import fr.regie.pipeline.Sources;
import fr.regie.r2rml.conformance.CaseResult;
import fr.regie.r2rml.conformance.ConformanceRunner;
import fr.regie.r2rml.conformance.TestCase;
import fr.regie.r2rml.conformance.TestDatabases;

/**
 * The RML-Core test cases (src/test/resources/rml-core, see SOURCE.md): the 76 JSON cases of the
 * current suite and the 48 CSV cases of the last multi-format snapshot, one test each. Every
 * case must pass; a case expecting an error passes only when the reader or the engine raises one.
 */
class RmlConformanceTest {
    static final Path SUITE = Path.of("src/test/resources/rml-core");

    @TestFactory
    Stream<DynamicTest> rmlCore() throws IOException {
        List<TestCase> cases = ConformanceRunner.cases(SUITE);
        assertEquals(76 + 48, cases.size(), "76 JSON cases (current) and 48 CSV cases (multiformat-2025-02)");
        assertTrue(cases.stream().allMatch(c -> c.kind() == TestCase.Kind.RML));
        ConformanceRunner runner = new ConformanceRunner(TestDatabases.freshH2(), Sources.besideMapping());
        return cases.stream().map(tc -> DynamicTest.dynamicTest(tc.id(), () -> {
            CaseResult r = runner.run(tc);
            assertFalse(r.failed(), r.line());
        }));
    }
}
