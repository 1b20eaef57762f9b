package fr.regie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.Store;
import fr.regie.testing.Cli;
import fr.regie.testing.StoreHolder;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the command line says when something is wrong: one line, never "unexpected error", exit 1
 * for a registry, a partner's file, a missing or locked store; exit 2 for bad usage, on every
 * command. Commands that read a store never create one.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    /** Every command a person can type, from the command line's own model: "serve", "bench r2rml"… */
    static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(new CommandLine(new Main()).getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!into.contains(s) && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                if (s.subcommands().isEmpty()) {
                    into.add(s);
                }
                collect(s, into);
            }
        }
    }

    static String[] args(CommandSpec spec, String... more) {
        List<String> a = new ArrayList<>(List.of(spec.qualifiedName().split(" ")).subList(1, spec.qualifiedName().split(" ").length));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static void oneLine(Cli r) {
        assertEquals(1, r.errLines().length, "one line: " + r.err());
        assertTrue(r.err().startsWith("regie: "), r.err());
        assertFalse(r.err().contains("unexpected error"), r.err());
    }

    @Test
    void badUsageExitsWithTwoOnEveryCommand() {
        List<CommandSpec> commands = commands();
        assertTrue(commands.size() >= 10, "the commands: " + commands.size());
        for (CommandSpec c : commands) {
            Cli unknown = Cli.run(args(c, "--no-such-option"));
            assertEquals(2, unknown.exitCode(), c.qualifiedName() + ": " + unknown.err());
            oneLine(unknown);
            assertTrue(unknown.err().contains(c.qualifiedName() + " --help"), unknown.err());
            if (!c.requiredArgs().isEmpty()) {
                Cli missing = Cli.run(args(c));
                assertEquals(2, missing.exitCode(), c.qualifiedName() + ": " + missing.err());
                oneLine(missing);
                assertTrue(missing.err().contains("Missing required"), missing.err());
            }
        }
    }

    @Test
    void aValueOfTheWrongFormIsBadUsageToo() throws IOException {
        Path registry = registry();
        for (String[] a : List.of(new String[] {"status", "--store", dir.toString(), "--runs", "many"},
                new String[] {"serve", "--store", dir.toString(), "--registry", registry.toString(), "--port", "-1"},
                new String[] {"serve", "--store", dir.toString(), "--registry", registry.toString(), "--allowed-host", "http://x/"},
                new String[] {"serve", "--store", dir.toString(), "--registry", registry.toString(), "--zone", "Mars/Olympus"},
                new String[] {"serve", "--store", dir.toString(), "--registry", registry.toString(), "--stream", "http://x/"},
                new String[] {"serve", "--store", dir.toString(), "--registry", registry.toString(), "--stream", "nats://127.0.0.1:4222",
                        "--stream-name", "a.b"})) {
            Cli r = Cli.run(a);
            assertEquals(2, r.exitCode(), String.join(" ", a) + ": " + r.err());
            oneLine(r);
        }
    }

    @Test
    void aRegistryErrorIsOneLineWithFileAndLine() throws IOException {
        Path registry = registry();
        List<String> lines = new ArrayList<>(Files.readAllLines(registry));
        lines.add("<#d> regie:shedule \"0 4 * * *\" .");
        Files.write(registry, lines);
        Cli r = Cli.run("status", "--store", dir.resolve("store").toString(), "--registry", registry.toString());
        assertEquals(1, r.exitCode());
        oneLine(r);
        assertTrue(r.err().contains(registry + ":" + lines.size()), r.err());
        assertTrue(r.err().contains("regie:shedule"), r.err());
    }

    @Test
    void readCommandsGivenAPathThatIsNotAStoreFailAndCreateNothing() throws IOException {
        Path registry = registry();
        Path missing = dir.resolve("missing");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (Path store : List.of(missing, empty)) {
            String s = store.toString();
            for (String[] a : List.of(new String[] {"status", "--store", s, "--registry", registry.toString()},
                    new String[] {"export", "--store", s, "--registry", registry.toString(), "d"},
                    new String[] {"query", "--store", s, "ASK {}"},
                    new String[] {"changes", "--store", s, "d"},
                    new String[] {"serve", "--store", s, "--registry", registry.toString(), "--port", "0", "--no-schedule"})) {
                Cli r = Cli.run(a);
                assertEquals(1, r.exitCode(), String.join(" ", a) + ": " + r.err());
                oneLine(r);
                assertTrue(r.err().contains(s), r.err());
            }
            assertEquals(store == empty, Files.exists(store), "nothing created at " + store);
        }
        try (var left = Files.list(empty)) {
            assertEquals(0, left.count(), "the empty folder stays empty");
        }
    }

    @Test
    void aStoreHeldByAnotherProcessIsOneLineNamingIt() throws Exception {
        Path registry = registry();
        Path store = dir.resolve("store");
        Store.open(store).close();
        Process holder = StoreHolder.start(store);
        try {
            for (String[] a : List.of(new String[] {"status", "--store", store.toString(), "--registry", registry.toString()},
                    new String[] {"query", "--store", store.toString(), "ASK {}"})) {
                Cli r = Cli.run(a);
                assertEquals(1, r.exitCode(), r.err());
                oneLine(r);
                assertTrue(r.err().contains("in use by another process (pid " + holder.pid() + ")"), r.err());
                assertTrue(r.err().contains(store.toAbsolutePath().toString()), r.err());
            }
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        assertEquals(0, Cli.run("status", "--store", store.toString(), "--registry", registry.toString()).exitCode(),
                "free again once the other process has stopped");
    }

    @Test
    void aValueThatDoesNotParseNamesFileLineColumnValueAndType() throws IOException {
        Path registry = registry();
        Path csv = dir.resolve("src/data/t.csv");
        Files.createDirectories(csv.getParent());
        String bad = "03/01/2024";
        List<String> rows = List.of("id;opened", "1;2024-01-02", "2;" + bad);
        Files.write(csv, rows);
        Cli r = Cli.run("demo", "--no-serve", "--registry", registry.toString(), "--store", dir.resolve("store").toString(),
                "--work", dir.resolve("work").toString());
        assertEquals(1, r.exitCode(), r.err());
        oneLine(r);
        for (String part : List.of(csv.toString(), "line " + rows.size(), "column 2", "OPENED", "'" + bad + "'", "DATE")) {
            assertTrue(r.err().contains(part), part + " in " + r.err());
        }
    }

    /** A registry of one dataset over an embedded database loaded from {@code src/}, whose table t has an id and a date. */
    private Path registry() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/schema.sql"), "CREATE TABLE t (id INTEGER, opened DATE);");
        Files.writeString(dir.resolve("m.ttl"), "# a mapping");
        Path f = dir.resolve("registry.ttl");
        Files.writeString(f, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "https://t.example/" ; regie:referenceDataset <#d> .
                <#p> foaf:name "P" .
                <#d> a dcat:Dataset ; dct:identifier "d" ; dct:title "D" ; dct:publisher <#p> ;
                    regie:source [ regie:embeddedDatabase "x" ; regie:loadFrom <src/> ] ; regie:mapping <m.ttl> .
                """);
        return f;
    }
}
