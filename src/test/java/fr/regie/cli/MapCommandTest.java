package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.regie.testing.Cli;
import fr.regie.testing.TestDb;

/**
 * {@code regie map} on the three databases, and every kind of bad input: each gives one line
 * naming where the problem is, exit code 1, and no output file (an existing one is untouched).
 */
class MapCommandTest {
    private static TestDb h2;
    private static TestDb pg;
    private static TestDb maria;

    @TempDir
    Path dir;

    @BeforeAll
    static void databases() {
        h2 = TestDb.create(TestDb.Kind.H2);
        pg = TestDb.create(TestDb.Kind.POSTGRESQL);
        maria = TestDb.create(TestDb.Kind.MARIADB);
        for (TestDb db : new TestDb[] {h2, pg, maria}) {
            db.execute("CREATE TABLE \"Station\" (\"Code\" INTEGER PRIMARY KEY, \"Name\" VARCHAR(50), insee VARCHAR(5))",
                    "INSERT INTO \"Station\" VALUES (1, 'Saint-Denis - Stade de France', '93066')",
                    "INSERT INTO \"Station\" VALUES (2, 'Aubervilliers', '93001')",
                    "INSERT INTO \"Station\" VALUES (3, 'Bad IRI', 'a b')");
        }
    }

    @AfterAll
    static void drop() {
        for (TestDb db : new TestDb[] {h2, pg, maria}) {
            if (db != null) {
                db.close();
            }
        }
    }

    static Stream<TestDb> dbs() {
        return Stream.of(h2, pg, maria);
    }

    private Path mapping(String body) throws IOException {
        Path f = dir.resolve("stations.ttl");
        Files.writeString(f, """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix ex: <http://example.com/ns#> .
                """ + body);
        return f;
    }

    private static final String GOOD = """
            <#Stations> rr:logicalTable [ rr:tableName "\\"Station\\"" ] ;
                rr:subjectMap [ rr:template "http://example.com/station/{\\"Code\\"}" ; rr:class ex:Station ] ;
                rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "\\"Name\\"" ; rr:language "fr" ] ] ;
                rr:predicateObjectMap [ rr:predicate ex:commune ; rr:objectMap [ rr:template "http://example.com/commune/{insee}" ] ] .
            """;

    private Cli map(TestDb db, Path mapping, Path out, String... extra) {
        String[] base = {"map", "--mapping", mapping.toString(), "--jdbc", db.url(), "--out", out.toString()};
        return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    private static void assertOneLineFailure(Cli r, String... fragments) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.errLines().length, "one line, no stack trace: " + r.err());
        String line = r.errLines()[0];
        assertTrue(line.startsWith("regie: "), line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "'" + f + "' missing from: " + line);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void mapsToNQuadsFile(TestDb db) throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = map(db, mapping(GOOD), out);
        // The third station's code 'a b' is percent-encoded by the template, so all rows map.
        assertEquals(0, r.exitCode(), r.err());
        DatasetGraph ds = RDFDataMgr.loadDatasetGraph(out.toString());
        assertTrue(ds.getDefaultGraph().contains(NodeFactory.createURI("http://example.com/station/1"),
                NodeFactory.createURI("http://example.com/ns#name"),
                NodeFactory.createLiteralLang("Saint-Denis - Stade de France", "fr")));
        assertTrue(ds.getDefaultGraph().contains(NodeFactory.createURI("http://example.com/station/3"),
                NodeFactory.createURI("http://example.com/ns#commune"),
                NodeFactory.createURI("http://example.com/commune/a%20b")));
        assertEquals(9, ds.getDefaultGraph().size());
        assertTrue(r.err().contains("9 triples from 3 rows"), r.err());
    }

    @Test
    void malformedTurtle() throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = map(h2, mapping("<#Stations> rr:logicalTable [ rr:tableName \"t\" ] \n rr:subjectMap [ ] ."), out);
        assertOneLineFailure(r, "stations.ttl:4:", "Turtle syntax");
        assertFalse(Files.exists(out));
    }

    @Test
    void nonConformingMapping() throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = map(h2, mapping(GOOD.replace("rr:language \"fr\"", "rr:language \"fr\" ; rr:termType rr:IRI")), out);
        assertOneLineFailure(r, "stations.ttl:5", "triples map <Stations>", "rr:language and rr:datatype only apply to literals");
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void missingTable(TestDb db) throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = map(db, mapping(GOOD.replace("\\\"Station\\\"", "\\\"Stations\\\"")), out);
        assertOneLineFailure(r, "stations.ttl:3", "triples map <Stations>", "the database rejects the table \"Stations\"", "Stations");
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void missingColumn(TestDb db) throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = map(db, mapping(GOOD.replace("\\\"Name\\\"", "\\\"Nom\\\"")), out);
        assertOneLineFailure(r, "stations.ttl:5", "column \"Nom\" is not in the table \"Station\"", "R2RML §7.2 rr:column");
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void sqlThatFails(TestDb db) throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = map(db, mapping(GOOD.replace("rr:tableName \"\\\"Station\\\"\"", "rr:sqlQuery \"SELEC * FROM \\\"Station\\\"\"")), out);
        assertOneLineFailure(r, "stations.ttl:3", "triples map <Stations>", "the database rejects the SQL query");
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void dataErrorLeavesNoFileAndKeepsTheOldOne(TestDb db) throws IOException {
        Path out = dir.resolve("out.nq");
        Files.writeString(out, "previous good output\n");
        Cli r = map(db, mapping(GOOD.replace("rr:template \"http://example.com/commune/{insee}\"", "rr:column \"insee\" ; rr:termType rr:IRI")), out);
        assertOneLineFailure(r, "triples map <Stations>, row 3", "'a b' does not make a valid IRI");
        assertEquals("previous good output\n", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".part")).count(), "temporary file removed");
        }
    }

    @Test
    void unreachableDatabase() throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = Cli.run("map", "--mapping", mapping(GOOD).toString(), "--jdbc", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "--out", out.toString());
        assertOneLineFailure(r, "cannot connect to database jdbc:postgresql://127.0.0.1:1/nowhere", "Connection");
        assertFalse(Files.exists(out));
    }

    @Test
    void wrongCredentials() throws IOException {
        Path out = dir.resolve("out.nq");
        Cli r = Cli.run("map", "--mapping", mapping(GOOD).toString(), "--jdbc", "jdbc:mariadb://127.0.0.1:3306/test",
                "--user", "root", "--password", "certainly-wrong", "--out", out.toString());
        assertOneLineFailure(r, "cannot connect to database jdbc:mariadb://127.0.0.1:3306/test", "Access denied");
        assertFalse(r.err().contains("certainly-wrong"), "the password never appears");
        assertFalse(Files.exists(out));
    }

    @Test
    void passwordInUrlIsMasked() throws IOException {
        Cli r = Cli.run("map", "--mapping", mapping(GOOD).toString(), "--jdbc",
                "jdbc:mariadb://127.0.0.1:3306/test?user=nobody&password=s3cret", "--out", dir.resolve("o.nq").toString());
        assertOneLineFailure(r, "password=***");
        assertFalse(r.err().contains("s3cret"));
    }

    @Test
    void unknownDriver() throws IOException {
        Cli r = Cli.run("map", "--mapping", mapping(GOOD).toString(), "--jdbc", "jdbc:oracle:thin:@x", "--out", dir.resolve("o.nq").toString());
        assertOneLineFailure(r, "no JDBC driver for this URL");
    }

    @Test
    void namedGraphsNeedAQuadFormat() throws IOException {
        Path out = dir.resolve("out.ttl");
        Cli r = map(h2, mapping(GOOD.replace("rr:class ex:Station", "rr:class ex:Station ; rr:graph ex:stations")), out,
                "--format", "turtle");
        assertOneLineFailure(r, "named graph http://example.com/ns#stations", "use --format nquads or trig");
        assertFalse(Files.exists(out));
    }

    @Test
    void usageErrorsExitWithTwo() {
        Cli r = Cli.run("map", "--jdbc", "jdbc:h2:mem:x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Missing required option: '--mapping=FILE'"), r.err());
    }

    /** {@code regie conformance} runs in fresh H2 databases, or in the one {@code --jdbc} names; a user alone is bad usage. */
    @Test
    void conformanceTakesTheSameDatabaseOptionsAsOptional() {
        String one = "src/test/resources/conformance/r2rml/D000-1table1column0rows";
        Cli fresh = Cli.run("conformance", one);
        assertEquals(0, fresh.exitCode(), fresh.err() + fresh.out());
        Cli shared = Cli.run("conformance", one, "--jdbc", "jdbc:h2:mem:conformance-cli;DB_CLOSE_DELAY=-1", "--user", "sa");
        assertEquals(0, shared.exitCode(), shared.err() + shared.out());
        assertEquals(fresh.out(), shared.out());
        Cli userAlone = Cli.run("conformance", one, "--user", "sa");
        assertEquals(2, userAlone.exitCode(), userAlone.err());
        assertTrue(userAlone.err().contains("--jdbc"), userAlone.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"demo", "query", "map", "draft", "conformance", "bench"}) {
            Cli r = Cli.run(cmd, "--help");
            assertEquals(0, r.exitCode(), cmd);
            assertTrue(r.out().contains("Usage: regie " + cmd), r.out());
        }
    }
}
