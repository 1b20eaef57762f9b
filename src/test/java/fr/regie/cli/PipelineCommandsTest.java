package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.testing.Cli;
import fr.regie.testing.TestDb;

/** {@code regie refresh}, {@code status}, {@code export}, {@code changes} and {@code load} from the command line. */
class PipelineCommandsTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Path registry;
    private Path store;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                "INSERT INTO station VALUES (1, 'A', '93066', 10), (2, 'B', '93066', 12)");
        registry = fr.regie.pipeline.RefreshFixtureAccess.write(dir, db.url());
        store = dir.resolve("store");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Cli run(String... args) {
        return Cli.run(args);
    }

    @Test
    void refreshStatusExportChanges() throws Exception {
        Cli r = run("refresh", "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("territory            accepted  v1"), r.out());
        assertTrue(r.out().contains("stations             accepted  v1"), r.out());

        db.execute("UPDATE station SET places = 11 WHERE id = 1");
        Cli again = run("refresh", "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString(), "stations");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("accepted  v2") && again.out().contains("+1 -1 triples (incremental)"), again.out());

        Cli status = run("status", "--store", store.toString(), "--registry", registry.toString());
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("stations: version 2, 10 triples"), status.out());
        assertTrue(status.out().contains("accepted  rows 2  +1 -1"), status.out());

        Path dump = dir.resolve("stations.nq.gz");
        Cli export = run("export", "--store", store.toString(), "--registry", registry.toString(), "stations", "--out", dump.toString());
        assertEquals(0, export.exitCode(), export.err());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(dump)), StandardCharsets.UTF_8))) {
            assertEquals(10, in.lines().filter(l -> l.endsWith("<https://t.example/graph/stations> .")).count());
        }

        Cli changes = run("changes", "--store", store.toString(), "stations", "--since", "1");
        assertEquals(0, changes.exitCode(), changes.err());
        assertTrue(changes.out().contains("H prev") && changes.out().contains("TX .") && changes.out().contains("TC ."), changes.out());
        assertTrue(changes.out().contains("D <https://t.example/id/station/1> <https://w3id.org/regie#dockCount> 10 <https://t.example/graph/stations> ."), changes.out());
        assertTrue(changes.out().contains("A <https://t.example/id/station/1> <https://w3id.org/regie#dockCount> 11 <https://t.example/graph/stations> ."), changes.out());

        Cli unknown = run("export", "--store", store.toString(), "--registry", registry.toString(), "nope");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("no dataset 'nope'"), unknown.err());

        Cli reload = run("load", "--store", store.toString(), "--registry", registry.toString(), "stations");
        assertEquals(1, reload.exitCode());
        assertTrue(reload.err().contains("already has version 2: use regie refresh"), reload.err());
    }

    /** {@code regie load} links records to the reference the registry names, whatever its identifier. */
    @Test
    void loadLinksToTheReferenceTheRegistryNames() throws Exception {
        Files.writeString(registry, Files.readString(registry).replace("dct:identifier \"territory\"", "dct:identifier \"reference\""));
        Cli reference = run("load", "--store", store.toString(), "--registry", registry.toString(), "reference");
        assertEquals(0, reference.exitCode(), reference.err());
        Cli stations = run("load", "--store", store.toString(), "--registry", registry.toString(), "stations");
        assertEquals(0, stations.exitCode(), stations.err());
        Cli export = run("export", "--store", store.toString(), "--registry", registry.toString(), "stations");
        assertEquals(0, export.exitCode(), export.err());
        assertEquals(2, export.out().lines().filter(l -> l.contains("<https://w3id.org/regie#inCommune>")).count(), export.out());

        Cli meta = run("export", "--store", store.toString(), "--registry", registry.toString(), "meta");
        assertEquals(1, meta.exitCode(), "'meta' is no dataset: its records are per dataset");
        assertTrue(meta.err().contains("no dataset 'meta'") && meta.err().contains("reference, stations"), meta.err());
    }

    @Test
    void aFailingRefreshExitsWithOneAndSaysWhy() throws Exception {
        Path down = Files.createDirectories(dir.resolve("down"));
        Path bad = fr.regie.pipeline.RefreshFixtureAccess.write(down, "jdbc:postgresql://127.0.0.1:1/nowhere");
        Cli r = run("refresh", "--store", store.toString(), "--registry", bad.toString(), "--retries", "0");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("territory            failed") && r.out().contains("cannot connect to database"), r.out());
    }
}
