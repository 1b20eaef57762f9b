package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.testing.Cli;

/** {@code regie bench check} refuses, in one line, what it cannot run, and then writes nothing. */
class BenchCheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutAStoreItSaysHowToBuildOneAndWritesNothing() {
        Path store = dir.resolve("no-store");
        Path work = dir.resolve("work");
        Cli r = Cli.run("bench", "check", "--store", store.toString(), "--dir", work.toString(), "--rows", "10");
        assertEquals(1, r.exitCode(), r.err());
        CliErrorsTest.oneLine(r);
        assertTrue(r.err().contains("regie demo --no-serve"), r.err());
        assertFalse(Files.exists(store));
        assertFalse(Files.exists(work));
    }

    @Test
    void rowsMustBeAtLeastOne() {
        Cli r = Cli.run("bench", "check", "--store", dir.toString(), "--rows", "0");
        assertEquals(1, r.exitCode(), r.err());
        CliErrorsTest.oneLine(r);
        assertTrue(r.err().contains("--rows"), r.err());
    }
}
