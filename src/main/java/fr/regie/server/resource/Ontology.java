package fr.regie.server.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;

/**
 * Régie's ontology ({@code ontology/regie.ttl}), read once from the class path: served at
 * {@code /ontology}, and the source of the French labels of classes and properties on HTML pages.
 */
public final class Ontology {
    private final Graph graph;
    private final List<Triple> triples;
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, String> english = new HashMap<>();

    private Ontology(Graph graph) {
        this.graph = graph;
        this.triples = graph.find().toList();
        Map<String, String> other = new HashMap<>();
        graph.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isLiteral()) {
                String lang = t.getObject().getLiteralLanguage();
                if (lang.equals("en")) {
                    english.putIfAbsent(t.getSubject().getURI(), t.getObject().getLiteralLexicalForm());
                }
                (lang.equals("fr") ? labels : other).putIfAbsent(t.getSubject().getURI(), t.getObject().getLiteralLexicalForm());
            }
        });
        other.forEach(labels::putIfAbsent);
    }

    public static Ontology load() {
        try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream("ontology/regie.ttl")) {
            if (in == null) {
                throw new IllegalStateException("ontology/regie.ttl is not on the class path");
            }
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(Lang.TURTLE).parse(g);
            return new Ontology(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Graph graph() {
        return graph;
    }

    List<Triple> triples() {
        return triples;
    }

    /** The label of a class or property of the ontology, in French when it has one. */
    Optional<String> label(String iri) {
        return Optional.ofNullable(labels.get(iri));
    }

    /** The label of a class or property in English ({@code "en"}) when it has one, else as {@link #label(String)}. */
    public Optional<String> label(String iri, String lang) {
        return lang.equals("en") && english.containsKey(iri) ? Optional.of(english.get(iri)) : label(iri);
    }
}
