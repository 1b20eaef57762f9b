package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.testing.Cli;

/**
 * {@code regie replica}: its help tells a newcomer what it does and what each option is for; a
 * primary that is not an http(s) URL, or a negative lag bound, is bad usage named in one line.
 */
class ReplicaCommandTest {
    @TempDir
    Path dir;

    @Test
    void theHelpSaysWhatAReplicaIsAndHowToStartOne() {
        Cli help = Cli.run("replica", "--help");
        assertEquals(0, help.exitCode(), help.err());
        for (String expected : new String[] {"--store", "--primary", "--stream", "--stream-name", "--ready-lag-versions", "--ready-lag-seconds",
                "--snapshot-max-bytes", "--port", "--public-url", "read replica", "421", "/$/ready", "admin key", "regie replica --store"}) {
            assertTrue(help.out().contains(expected), expected + " in\n" + help.out());
        }
    }

    @Test
    void badValuesAreBadUsage() {
        String store = dir.resolve("replica").toString();
        for (String[] args : new String[][] {
                {"replica", "--store", store, "--primary", "ftp://primary/", "--stream", "nats://127.0.0.1:4222"},
                {"replica", "--store", store, "--primary", "not a url", "--stream", "nats://127.0.0.1:4222"},
                {"replica", "--store", store, "--primary", "http://primary:3030/", "--stream", "nats://127.0.0.1:4222", "--ready-lag-versions", "-1"},
                {"replica", "--store", store, "--primary", "http://primary:3030/", "--stream", "nats://127.0.0.1:4222", "--stream-name", "a.b"}}) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains("regie replica --help"), r.err());
        }
    }

    /** Without the admin key the replica cannot tell the primary's messages from anyone's: it does not start, and says which variable. */
    @Test
    void withoutTheAdminKeyTheReplicaDoesNotStart() {
        String unset = "REGIE_TEST_UNSET_" + Long.toHexString(System.nanoTime());
        Cli r = Cli.run("replica", "--store", dir.resolve("replica").toString(), "--primary", "http://primary:3030/", "--stream",
                "nats://127.0.0.1:1", "--admin-key-env", unset);
        assertTrue(r.exitCode() != 0, r.out() + r.err());
        assertTrue(r.err().contains("$" + unset) && r.err().contains("--admin-key-env"), r.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("replica")), "no store created");
    }
}
