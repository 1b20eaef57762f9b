package fr.regie.r2rml;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.RiotParseException;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.FactoryRDFStd;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.ParserProfileWrapper;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.tokens.Tokenizer;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.sys.JenaSystem;

/**
 * Parses Turtle into a graph and remembers where each triple was written, so that checks on
 * mappings and registries can name a line. Jena's Turtle parser hands every triple to its parser
 * profile with the line and column; a thin profile wrapper keeps them.
 */
public final class TurtleWithPositions {
    static {
        JenaSystem.init();
    }

    private final Graph graph;
    private final Map<Triple, Position> positions = new HashMap<>();

    public TurtleWithPositions(Graph graph) {
        this.graph = graph;
    }

    public Graph graph() {
        return graph;
    }

    /** Where a triple was written, or the source alone when it is not known. */
    public Position positionOf(Triple t, String fallbackSource) {
        Position p = positions.get(t);
        return p != null ? p : Position.of(fallbackSource);
    }

    /**
     * Where a node is described: the first triple written with it as subject, else with it as
     * object, else the source alone.
     */
    public Position positionOf(Node n, String source) {
        return first(graph.find(n, Node.ANY, Node.ANY).toList(), source)
                .orElseGet(() -> first(graph.find(Node.ANY, Node.ANY, n).toList(), source).orElse(Position.of(source)));
    }

    /** Where a property of a node was written (its first value), else where the node is described. */
    public Position positionOf(Node s, Node p, String source) {
        List<Triple> ts = inWrittenOrder(s, p, source);
        return ts.isEmpty() ? positionOf(s, source) : positionOf(ts.get(0), source);
    }

    /** The triples {@code (s, p, ?)} in the order they were written. */
    public List<Triple> inWrittenOrder(Node s, Node p, String source) {
        List<Triple> ts = new ArrayList<>(graph.find(s, p, Node.ANY).toList());
        ts.sort(Comparator.comparing((Triple t) -> positionOf(t, source).source())
                .thenComparingLong(t -> positionOf(t, source).line())
                .thenComparingLong(t -> positionOf(t, source).col()));
        return ts;
    }

    private Optional<Position> first(List<Triple> ts, String source) {
        return ts.stream().map(t -> positionOf(t, source)).min(Comparator.comparingLong(Position::line));
    }

    /** Parses one Turtle document into the graph; syntax errors become {@link MappingException}s. */
    public void parse(Reader in, String source, String baseIri) {
        ErrorHandler errors = new ErrorHandler() {
            @Override
            public void warning(String message, long line, long col) {
                // Warnings (such as a relative IRI resolved against the base) are not mapping errors.
            }

            @Override
            public void error(String message, long line, long col) {
                throw new RiotParseException(message, line, col);
            }

            @Override
            public void fatal(String message, long line, long col) {
                throw new RiotParseException(message, line, col);
            }
        };
        ParserProfile std = RiotLib.createParserProfile(new FactoryRDFStd(), errors, true);
        std.setBaseIRI(baseIri);
        ParserProfile recording = new ParserProfileWrapper(std) {
            @Override
            public Triple createTriple(Node s, Node p, Node o, long line, long col) {
                Triple t = super.createTriple(s, p, o, line, col);
                positions.putIfAbsent(t, new Position(source, line, col));
                return t;
            }
        };
        try {
            Tokenizer tokens = TokenizerText.create().source(in).errorHandler(errors).build();
            new LangTurtle(tokens, recording, StreamRDFLib.graph(graph)).parse();
        } catch (RiotParseException e) {
            throw new MappingException(new Position(source, e.getLine(), e.getCol()), null,
                    "Turtle syntax", e.getOriginalMessage());
        } catch (RiotException e) {
            throw new MappingException(Position.of(source), null, "Turtle syntax", e.getMessage());
        }
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was lost: the document has been read.
        }
    }
}
