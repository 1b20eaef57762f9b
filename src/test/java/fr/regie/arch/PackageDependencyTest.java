package fr.regie.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering of the architecture (README, "Architecture"): dependencies between Régie's
 * packages point down the list only, and no package cycle exists. Read from the sources'
 * imports and fully qualified references.
 */
class PackageDependencyTest {
    private static final Path SRC = Path.of("src/main/java");
    /** A reference to a class of a Régie package; package names may hold digits ({@code r2rml}). */
    private static final Pattern REF = Pattern.compile("\\bfr\\.regie\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    /** Which top-level packages each may use (besides itself and its sub-packages). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cli", Set.of("error", "server", "replication", "stream", "pipeline", "registry", "store", "territory", "source", "r2rml", "bench", "demo")),
            Map.entry("bench", Set.of("error", "server", "replication", "stream", "pipeline", "registry", "store", "territory", "r2rml")),
            Map.entry("server", Set.of("error", "replication", "stream", "pipeline", "registry", "store", "territory", "r2rml")),
            // Replication: above the store and the log engine, below the server (which shows a node's state).
            Map.entry("replication", Set.of("error", "registry", "r2rml", "source", "store", "stream", "territory")),
            Map.entry("pipeline", Set.of("error", "registry", "r2rml", "source", "store", "territory")),
            Map.entry("registry", Set.of("error", "r2rml", "territory")),
            Map.entry("source", Set.of("error", "r2rml")),
            Map.entry("store", Set.of("error")),
            // The log engine knows nothing of RDF or stores.
            Map.entry("stream", Set.of()),
            Map.entry("territory", Set.of("error")),
            Map.entry("r2rml", Set.of("error")),
            // Demo fixtures (the live Vélib' feed) stand alone: only the CLI starts them.
            Map.entry("demo", Set.of("error")),
            Map.entry("error", Set.of()));

    private static Map<String, Set<String>> graph() throws IOException {
        return graph(SRC);
    }

    private static Map<String, Set<String>> graph(Path src) throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = src.relativize(f.getParent()).toString().replace('/', '.').replaceFirst("^fr\\.regie\\.?", "");
                Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REF.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return deps;
    }

    private static String top(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    @Test
    void dependenciesPointDown() throws IOException {
        assertEquals(List.of(), wrong(graph()));
    }

    /** The check itself sees a reference that goes up, from a package whose name holds a digit. */
    @Test
    void aPlantedViolationIsFound(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path r2rml = Files.createDirectories(dir.resolve("fr/regie/r2rml"));
        Files.writeString(r2rml.resolve("Planted.java"), "package fr.regie.r2rml;\nimport fr.regie.server.ServerContext;\n"
                + "class Planted { fr.regie.store.Store s; }\n");
        Path store = Files.createDirectories(dir.resolve("fr/regie/store"));
        Files.writeString(store.resolve("Low.java"), "package fr.regie.store;\nclass Low { fr.regie.r2rml.Planted p; }\n");
        assertEquals(List.of("fr.regie.r2rml -> fr.regie.server", "fr.regie.r2rml -> fr.regie.store",
                "fr.regie.store -> fr.regie.r2rml"), wrong(graph(dir)));
    }

    /** The references that go against the table, sorted. */
    private static List<String> wrong(Map<String, Set<String>> graph) {
        List<String> wrong = new ArrayList<>();
        graph.forEach((pkg, deps) -> {
            assertTrue(ALLOWED.containsKey(top(pkg)), "package fr.regie." + pkg + " is not in the architecture table");
            for (String d : deps) {
                if (!top(d).equals(top(pkg)) && !ALLOWED.get(top(pkg)).contains(top(d))) {
                    wrong.add("fr.regie." + pkg + " -> fr.regie." + d);
                }
            }
        });
        return wrong.stream().sorted().toList();
    }

    @Test
    void noCycles() throws IOException {
        Map<String, Set<String>> g = graph();
        for (String start : g.keySet()) {
            List<String> path = new ArrayList<>();
            assertTrue(!reaches(g, start, start, path, new TreeSet<>()), "package cycle: " + start + " -> " + path);
        }
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String target, List<String> path, Set<String> seen) {
        for (String next : g.getOrDefault(from, Set.of())) {
            path.add(next);
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reaches(g, next, target, path, seen)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
