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
 * {@code /ontology}, and the source of the labels of classes and properties on HTML pages, in French and English.
 */
public final class Ontology {
    private final Graph graph;
    private final List<Triple> triples;
    private final Map<String, String> labels = new HashMap<>();
    /** Labels by language code, then IRI. */
    private final Map<String, Map<String, String>> byLang = new HashMap<>();

    private Ontology(Graph graph) {
        this.graph = graph;
        this.triples = graph.find().toList();
        Map<String, String> other = new HashMap<>();
        graph.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isLiteral()) {
                String lang = t.getObject().getLiteralLanguage();
                (lang.equals("fr") ? labels : other).putIfAbsent(t.getSubject().getURI(), t.getObject().getLiteralLexicalForm());
                byLang.computeIfAbsent(lang, k -> new HashMap<>()).putIfAbsent(t.getSubject().getURI(), t.getObject().getLiteralLexicalForm());
            }
        });
        other.forEach(labels::putIfAbsent);
    }

    /** The ontology from the class path. */
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

    /** The label of a class or property in a language ({@code fr}, {@code en}), else in French, else any. */
    public Optional<String> label(String iri, String lang) {
        return Optional.ofNullable(byLang.getOrDefault(lang, Map.of()).get(iri)).or(() -> label(iri));
    }
}
