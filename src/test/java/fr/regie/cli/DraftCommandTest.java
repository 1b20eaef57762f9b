package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.regie.testing.Cli;
import fr.regie.testing.TestDb;

/**
 * {@code regie draft} writes a mapping that runs as it is and produces the W3C Direct Mapping of
 * the tables. The expected graph below is written by hand from the Direct Mapping rules.
 */
class DraftCommandTest {
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
            db.execute("CREATE TABLE commune (insee VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                    "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), insee VARCHAR(5),"
                            + " CONSTRAINT fk_commune FOREIGN KEY (insee) REFERENCES commune (insee))",
                    "CREATE TABLE releve (station_id INTEGER, places INTEGER)",
                    "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                    "INSERT INTO station VALUES (7, 'Stade de France', '93066')",
                    "INSERT INTO station VALUES (8, 'Sans commune', NULL)",
                    "INSERT INTO releve VALUES (7, 12)");
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

    /** Table names as each database stores unquoted identifiers. */
    private static String t(TestDb db, String name) {
        return db.kind() == TestDb.Kind.H2 ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }

    private static Graph expected(TestDb db) {
        String b = "http://example.com/base/";
        String commune = t(db, "commune");
        String station = t(db, "station");
        String releve = t(db, "releve");
        String insee = t(db, "insee");
        String nom = t(db, "nom");
        String id = t(db, "id");
        String ttl = """
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <B{C}/{INSEE}=93066> a <B{C}> ; <B{C}#{INSEE}> "93066" ; <B{C}#{NOM}> "Saint-Denis" .
                <B{S}/{ID}=7> a <B{S}> ; <B{S}#{ID}> 7 ; <B{S}#{NOM}> "Stade de France" ; <B{S}#{INSEE}> "93066" ;
                    <B{S}#ref-{INSEE}> <B{C}/{INSEE}=93066> .
                <B{S}/{ID}=8> a <B{S}> ; <B{S}#{ID}> 8 ; <B{S}#{NOM}> "Sans commune" .
                [] a <B{R}> ; <B{R}#{SID}> 7 ; <B{R}#{PLACES}> 12 .
                """.replace("B", b).replace("{C}", commune).replace("{S}", station).replace("{R}", releve)
                .replace("{INSEE}", insee).replace("{NOM}", nom).replace("{ID}", id)
                .replace("{SID}", t(db, "station_id")).replace("{PLACES}", t(db, "places"));
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(ttl, Lang.TURTLE).parse(g);
        return g;
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void draftRunsAndGivesTheDirectMapping(TestDb db) throws IOException {
        Cli draft = Cli.run("draft", "--jdbc", db.url());
        assertEquals(0, draft.exitCode(), draft.err());
        assertTrue(draft.out().contains("# Table " + t(db, "releve") + ": no primary key"), draft.out());
        Path mapping = dir.resolve("draft.ttl");
        Files.writeString(mapping, draft.out());
        Path out = dir.resolve("draft.nq");
        Cli map = Cli.run("map", "--mapping", mapping.toString(), "--jdbc", db.url(), "--out", out.toString());
        assertEquals(0, map.exitCode(), map.err() + "\n" + draft.out());
        Graph actual = RDFDataMgr.loadDatasetGraph(out.toString()).getDefaultGraph();
        assertTrue(IsoMatcher.isomorphic(expected(db), actual), "draft output:\n" + actual);
    }

    @Test
    void draftOfChosenTables() {
        Cli draft = Cli.run("draft", "--jdbc", pg.url(), "--table", "station");
        assertEquals(0, draft.exitCode(), draft.err());
        assertTrue(draft.out().contains("map:station a rr:TriplesMap"), draft.out());
        assertTrue(draft.out().contains("Foreign key insee → commune is left out"), draft.out());
        assertTrue(!draft.out().contains("map:commune a rr:TriplesMap"), draft.out());
    }

    @Test
    void unknownTableIsNamed() {
        Cli draft = Cli.run("draft", "--jdbc", pg.url(), "--table", "nope");
        assertEquals(1, draft.exitCode());
        assertTrue(draft.err().contains("no table named nope in the current schema (tables: commune, releve, station)"), draft.err());
    }
}
