package fr.regie.r2rml.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RiotException;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads the test cases of a suite folder. The vocabulary is the RDB2RDF test vocabulary; the
 * identifier may be Dublin Core elements or terms (the W3C files and the KG-Construct edition
 * differ), so both are read.
 */
public final class Manifest {
    private static final String TEST = "http://purl.org/NET/rdb2rdf-test#";
    private static final Node R2RML = uri(TEST + "R2RML");
    private static final Node DIRECT = uri(TEST + "DirectMapping");
    private static final Node DATABASE = uri(TEST + "database");
    private static final Node SCRIPT = uri(TEST + "sqlScriptFile");
    private static final Node MAPPING = uri(TEST + "mappingDocument");
    private static final Node OUTPUT = uri(TEST + "output");
    private static final Node HAS_OUTPUT = uri(TEST + "hasExpectedOutput");
    private static final Node FAIL = uri(TEST + "failMessage");
    private static final List<Node> IDENTIFIER = List.of(uri("http://purl.org/dc/elements/1.1/identifier"),
            uri("http://purl.org/dc/terms/identifier"));
    private static final List<Node> TITLE = List.of(uri("http://purl.org/dc/elements/1.1/title"),
            uri("http://purl.org/dc/terms/title"));

    private Manifest() {}

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    /** The database folders of a suite: {@code dir} itself if it has a manifest, else its sub-folders that do. */
    public static List<Path> databaseFolders(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("manifest.ttl"))) {
            return List.of(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("manifest.ttl"))).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** The test cases of one database folder, R2RML and Direct Mapping, in identifier order. */
    public static List<TestCase> read(Path folder) {
        Graph g;
        try {
            g = RDFDataMgr.loadGraph(folder.resolve("manifest.ttl").toString());
        } catch (RiotException e) {
            throw new IllegalArgumentException(folder.resolve("manifest.ttl") + ": " + e.getMessage(), e);
        }
        List<TestCase> cases = new ArrayList<>();
        for (Node kindNode : List.of(R2RML, DIRECT)) {
            for (Triple t : g.find(Node.ANY, RDF.Nodes.type, kindNode).toList()) {
                Node test = t.getSubject();
                String id = first(g, test, IDENTIFIER).orElse(test.toString());
                Node db = g.find(test, DATABASE, Node.ANY).nextOptional().map(Triple::getObject).orElse(null);
                String dbId = db == null ? folder.getFileName().toString()
                        : first(g, db, IDENTIFIER).orElse(folder.getFileName().toString());
                boolean hasOutput = literal(g, test, HAS_OUTPUT).map(Boolean::parseBoolean).orElse(true);
                cases.add(new TestCase(id, kindNode == R2RML ? TestCase.Kind.R2RML : TestCase.Kind.DIRECT_MAPPING,
                        first(g, test, TITLE).orElse(""), folder, dbId,
                        literal(g, test, MAPPING), hasOutput ? literal(g, test, OUTPUT) : Optional.empty(),
                        literal(g, test, FAIL)));
            }
        }
        cases.sort(Comparator.comparing(TestCase::id));
        return cases;
    }

    /** The SQL script of a database folder, as the manifest names it ({@code create.sql} by default). */
    public static String scriptFile(Path folder) {
        Graph g = RDFDataMgr.loadGraph(folder.resolve("manifest.ttl").toString());
        return literalOf(g, Node.ANY, SCRIPT).orElse("create.sql");
    }

    private static Optional<String> first(Graph g, Node s, List<Node> props) {
        for (Node p : props) {
            Optional<String> v = literal(g, s, p);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> literal(Graph g, Node s, Node p) {
        return literalOf(g, s, p);
    }

    private static Optional<String> literalOf(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).nextOptional().map(Triple::getObject)
                .map(o -> o.isLiteral() ? o.getLiteralLexicalForm() : o.toString());
    }
}
