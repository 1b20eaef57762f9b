package fr.regie.r2rml.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RiotException;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads an RML-Core test suite: one {@code manifest.ttl} at the suite's root in the
 * {@code rmltest:} vocabulary, one folder per case named by its identifier, holding
 * {@code mapping.ttl}, the inputs and {@code output.nq} unless an error is expected.
 */
public final class RmlManifest {
    static final String TEST = "http://w3id.org/rml/test/";
    private static final Node TEST_CASE = uri("http://www.w3.org/2006/03/test-description#TestCase");
    private static final Node IDENTIFIER = uri("http://purl.org/dc/terms/identifier");
    private static final Node TITLE = uri("http://purl.org/dc/terms/title");
    private static final Node MAPPING = uri(TEST + "mappingDocument");
    private static final Node HAS_ERROR = uri(TEST + "hasError");
    private static final Node INPUT = uri(TEST + "input");
    private static final Node INPUT_FORMAT = uri(TEST + "inputFormat");
    private static final Node OUTPUT = uri(TEST + "output");
    private static final Node BASE = uri(TEST + "defaultBaseIRI");
    /**
     * Cases that cannot pass as published, with the reason; reported n/a, not hidden. The
     * mapping of RMLTC0024f-CSV writes {@code "{N\\\ame}"}, which no Turtle parser accepts.
     */
    private static final java.util.Map<String, String> BROKEN = java.util.Map.of("RMLTC0024f-CSV",
            "broken upstream: mapping.ttl is not valid Turtle (\\a is not a Turtle escape), yet no error is expected");

    private RmlManifest() {}

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    /** Whether {@code dir} holds an RML test suite (its manifest speaks {@code rmltest:}). */
    public static boolean isRmlSuite(Path dir) {
        Path m = dir.resolve("manifest.ttl");
        try {
            return Files.isRegularFile(m) && Files.readString(m).contains(TEST);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The cases of the suite, in identifier order. */
    public static List<TestCase> read(Path suite) {
        Graph g;
        try {
            g = RDFDataMgr.loadGraph(suite.resolve("manifest.ttl").toString());
        } catch (RiotException e) {
            throw new IllegalArgumentException(suite.resolve("manifest.ttl") + ": " + e.getMessage(), e);
        }
        List<TestCase> cases = new ArrayList<>();
        for (Triple t : g.find(Node.ANY, RDF.Nodes.type, TEST_CASE).toList()) {
            Node test = t.getSubject();
            String id = literal(g, test, IDENTIFIER).orElse(test.getURI().replaceAll(".*/", ""));
            Path folder = suite.resolve(id);
            boolean error = literal(g, test, HAS_ERROR).map(Boolean::parseBoolean).orElse(false);
            Optional<String> output = error ? Optional.empty()
                    : g.find(test, OUTPUT, Node.ANY).nextOptional().map(Triple::getObject)
                            .flatMap(o -> o.isLiteral() ? Optional.of(o.getLiteralLexicalForm()) : literal(g, o, OUTPUT))
                            .or(() -> Optional.of("output.nq"));
            cases.add(new TestCase(id, TestCase.Kind.RML, literal(g, test, TITLE).orElse(""), folder, id,
                    literal(g, test, MAPPING).or(() -> Optional.of("mapping.ttl")), output,
                    error ? Optional.of("an error") : Optional.empty(),
                    Optional.ofNullable(BROKEN.get(id)).or(() -> notApplicable(g, test, folder)),
                    g.find(test, BASE, Node.ANY).nextOptional().map(b -> b.getObject().isURI() ? b.getObject().getURI() : b.getObject().getLiteralLexicalForm())));
        }
        cases.sort(Comparator.comparing(TestCase::id));
        return cases;
    }

    /** Régie reads CSV and JSON files; other inputs make the case not applicable, with the reason. */
    private static Optional<String> notApplicable(Graph g, Node test, Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.of("the case folder " + folder.getFileName() + " is not in this copy of the suite");
        }
        try {
            String mapping = Files.readString(folder.resolve(literal(g, test, MAPPING).orElse("mapping.ttl")));
            if (mapping.contains("D2RQ") || mapping.contains("SQL2008")) {
                return Optional.of("SQL source (d2rq:Database): Régie maps SQL tables with R2RML, not RML logical sources");
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        boolean oldSuite = !g.contains(Node.ANY, BASE, Node.ANY);
        for (Triple in : g.find(test, INPUT, Node.ANY).toList()) {
            String format = literal(g, in.getObject(), INPUT_FORMAT).orElse("");
            if (oldSuite && format.equals("application/json")) {
                return Optional.of("superseded by the current suite: the 2025-02 JSON cases predate natural datatypes of JSON"
                        + " values (RML-Core now maps 10 to \"10\"^^xsd:integer); the current cases run instead");
            }
            if (format.equals("text/csv") || format.equals("application/json")) {
                continue;
            }
            if (format.contains("xml")) {
                return Optional.of("XML source (rml:XPath): Régie reads CSV and JSON files");
            }
            if (format.contains("sql")) {
                return Optional.of("SQL source (" + format + "): Régie maps SQL tables with R2RML, not RML logical sources");
            }
            if (format.contains("turtle") || format.contains("sparql")) {
                return Optional.of("SPARQL endpoint source: not a partner file or feed (rml-io, not RML-Core)");
            }
            return Optional.of("input format " + format + " is not read by Régie");
        }
        return Optional.empty();
    }

    private static Optional<String> literal(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).nextOptional().map(Triple::getObject)
                .map(o -> o.isLiteral() ? o.getLiteralLexicalForm() : o.toString());
    }
}
