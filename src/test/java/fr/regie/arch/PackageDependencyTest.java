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
    private static final Pattern REF = Pattern.compile("\\bfr\\.regie\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

    /** Which top-level packages each may use (besides itself and its sub-packages). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "cli", Set.of("server", "pipeline", "store", "territory", "source", "r2rml", "bench"),
            "bench", Set.of("server", "pipeline", "store", "territory", "r2rml"),
            "server", Set.of("pipeline", "store", "territory", "r2rml"),
            "pipeline", Set.of("r2rml", "source", "store", "territory"),
            "source", Set.of("r2rml"),
            "store", Set.of(),
            "territory", Set.of(),
            "r2rml", Set.of());

    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SRC)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SRC.relativize(f.getParent()).toString().replace('/', '.').replaceFirst("^fr\\.regie\\.?", "");
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
        List<String> wrong = new ArrayList<>();
        graph().forEach((pkg, deps) -> {
            assertTrue(ALLOWED.containsKey(top(pkg)), "package fr.regie." + pkg + " is not in the architecture table");
            for (String d : deps) {
                if (!top(d).equals(top(pkg)) && !ALLOWED.get(top(pkg)).contains(top(d))) {
                    wrong.add("fr.regie." + pkg + " -> fr.regie." + d);
                }
            }
        });
        assertEquals(List.of(), wrong);
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
