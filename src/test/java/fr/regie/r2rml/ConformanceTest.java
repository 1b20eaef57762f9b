package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import fr.regie.r2rml.conformance.CaseResult;
import fr.regie.r2rml.conformance.ConformanceRunner;
import fr.regie.r2rml.conformance.TestCase;
import fr.regie.r2rml.conformance.TestDatabases;
import fr.regie.testing.TestDb;

/**
 * The W3C R2RML and Direct Mapping test cases (63 + 24), each run on H2, PostgreSQL and MariaDB.
 * The suite files are the W3C originals (src/test/resources/conformance/r2rml, see SOURCE.md);
 * a database that cannot load a create.sql has a variant beside it saying why.
 */
class ConformanceTest {
    static final Path SUITE = Path.of("src/test/resources/conformance/r2rml");
    private static TestDb pg;
    private static TestDb maria;

    @TestFactory
    Stream<DynamicContainer> w3cSuite() throws IOException {
        List<TestCase> cases = ConformanceRunner.cases(SUITE);
        assertEquals(87, cases.size(), "the W3C suite has 63 R2RML and 24 Direct Mapping cases");
        assertEquals(63, cases.stream().filter(c -> c.kind() == TestCase.Kind.R2RML).count());
        pg = TestDb.create(TestDb.Kind.POSTGRESQL);
        maria = TestDb.create(TestDb.Kind.MARIADB);
        return Stream.of(
                container("h2", TestDatabases.freshH2(), cases),
                container("postgresql", TestDatabases.shared(pg.url(), null, null), cases),
                container("mariadb", TestDatabases.shared(maria.url(), null, null), cases));
    }

    private static DynamicContainer container(String name, TestDatabases dbs, List<TestCase> cases) {
        ConformanceRunner runner = new ConformanceRunner(dbs);
        return DynamicContainer.dynamicContainer(name, cases.stream().map(tc ->
                DynamicTest.dynamicTest(tc.id() + " on " + name, () -> {
                    CaseResult r = runner.run(tc);
                    assertTrue(r.passed(), r.line());
                })));
    }

    @AfterAll
    static void dropDatabases() {
        if (pg != null) {
            pg.close();
        }
        if (maria != null) {
            maria.close();
        }
    }
}
