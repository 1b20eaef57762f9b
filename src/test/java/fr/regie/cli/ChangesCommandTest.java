package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.testing.Cli;
import fr.regie.testing.TestDb;

/**
 * {@code regie changes} prints committed versions only: a patch written beyond the live version
 * (what a kill between writing a patch and committing it leaves until the next refresh or server
 * start) is never printed.
 */
class ChangesCommandTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Path registry;
    private Path store;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')", "INSERT INTO station VALUES (1, 'A', '93066', 10)");
        registry = fr.regie.pipeline.RefreshFixtureAccess.write(dir, db.url());
        store = dir.resolve("store");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aPatchBeyondTheCommittedVersionIsNeverPrinted() throws Exception {
        assertEquals(0, Cli.run("refresh", "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString()).exitCode());
        db.execute("UPDATE station SET places = 11");
        assertEquals(0, Cli.run("refresh", "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString(),
                "stations").exitCode());
        Path log = store.resolve("regie/changes/stations");
        // What a refresh killed after writing its patch and before committing leaves behind.
        String uncommitted = Files.readString(log.resolve("00000002.rdfp")).replace("11", "12");
        Files.writeString(log.resolve("00000003.rdfp"), uncommitted);

        Cli all = Cli.run("changes", "--store", store.toString(), "stations");
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(2, all.out().split("H id ", -1).length - 1, "versions 1 and 2: " + all.out());
        assertTrue(all.out().contains("regie#dockCount> 11"), all.out());
        assertFalse(all.out().contains("regie#dockCount> 12"), all.out());

        Cli after = Cli.run("changes", "--store", store.toString(), "stations", "--since", "2");
        assertEquals(0, after.exitCode(), after.err());
        assertEquals("", after.out(), "nothing is committed after version 2");
        assertTrue(Files.exists(log.resolve("00000003.rdfp")), "a reader removes nothing: the next refresh or server start does");

        Cli nowhere = Cli.run("changes", "--store", dir.resolve("nothing").toString(), "stations");
        assertEquals(1, nowhere.exitCode());
        assertTrue(nowhere.err().contains("is not a store directory"), nowhere.err());
    }
}
