package fr.regie.r2rml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Reads R2RML mapping documents written in Turtle and checks them against the Recommendation.
 * Several files read together form one mapping, so a referencing object map may name a triples
 * map of another file. Every problem is a {@link MappingException} naming file and line.
 */
public final class MappingReader {
    /** The base IRI against which relative IRIs in a mapping file are resolved when it has no {@code @base}. */
    public static final String DEFAULT_DOCUMENT_BASE = "http://example.com/base/";

    private MappingReader() {}

    /** Reads and checks one or more mapping files as one mapping. */
    public static MappingDocument read(List<Path> files) {
        Graph graph = GraphFactory.createDefaultGraph();
        TurtleWithPositions parsed = new TurtleWithPositions(graph);
        StringBuilder names = new StringBuilder();
        for (Path file : files) {
            String source = file.toString();
            try {
                Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                parsed.parse(in, source, file.toAbsolutePath().toUri().toString());
            } catch (NoSuchFileException e) {
                throw new MappingException(Position.of(source), null, null, "mapping file not found");
            } catch (IOException e) {
                throw new MappingException(Position.of(source), null, null, "cannot read mapping file: " + e.getMessage());
            }
            names.append(names.isEmpty() ? "" : ", ").append(source);
        }
        return new MappingBuilder(parsed, names.toString()).build();
    }

    /** Reads and checks one mapping file. */
    public static MappingDocument read(Path file) {
        return read(List.of(file));
    }

    /** Reads and checks a mapping given as Turtle text; {@code source} names it in messages. */
    public static MappingDocument readString(String turtle, String source) {
        TurtleWithPositions parsed = new TurtleWithPositions(GraphFactory.createDefaultGraph());
        parsed.parse(new StringReader(turtle), source, DEFAULT_DOCUMENT_BASE);
        return new MappingBuilder(parsed, source).build();
    }
}
