package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.testing.Cli;
import fr.regie.testing.TestDb;

/** {@code regie refresh --allow-mass-deletion} and {@code --full} from the command line. */
class RefreshCommandTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Path registry;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                "INSERT INTO station VALUES (1, 'A', '93066', 10), (2, 'B', '93066', 12)");
        registry = fr.regie.pipeline.RefreshFixtureAccess.write(dir, db.url());
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Cli refresh(String... extra) {
        String[] base = {"refresh", "--store", dir.resolve("store").toString(), "--registry", registry.toString(), "--work", dir.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void aMassDeletionNeedsToBeAllowed() {
        assertEquals(0, refresh().exitCode());
        // Names and codes go (and the links the codes made): 6 of the 10 live triples, no row.
        db.execute("UPDATE station SET nom = NULL, code = NULL");
        Cli refused = refresh("stations");
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.out().contains("rejected") && refused.out().contains("mass-deletion guard: the refresh would delete 6 of the 10"),
                refused.out());
        Cli allowed = refresh("stations", "--allow-mass-deletion");
        assertEquals(0, allowed.exitCode(), allowed.out() + allowed.err());
        assertTrue(allowed.out().contains("accepted  v2") && allowed.out().contains("+0 -6 triples"), allowed.out());
    }

    @Test
    void fullMapsEverythingAgain() {
        assertEquals(0, refresh().exitCode());
        Cli skipped = refresh("stations");
        assertTrue(skipped.out().contains("unchanged") && skipped.out().contains("source fingerprint unchanged"), skipped.out());
        Cli full = refresh("stations", "--full");
        assertEquals(0, full.exitCode(), full.out() + full.err());
        assertTrue(full.out().contains("unchanged") && full.out().contains("2 rows  +0 -0 triples  conforms"), full.out());
    }
}
