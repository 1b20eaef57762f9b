package fr.regie.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.territory.Vocab;

/** The terms a dataset's graph uses that no ontology declares (predicates, and classes given by rdf:type). */
final class Terms {
    private static final Graph ONTOLOGY = load();

    private Terms() {}

    /** In Régie's namespace, the predicates and classes of {@code g} that Régie's ontology does not declare, sorted. */
    static List<String> undeclared(Registry registry, DatasetSpec spec, Graph g) {
        Set<String> out = new TreeSet<>();
        g.find().forEachRemaining(t -> {
            check(t.getPredicate(), out);
            if (t.getPredicate().equals(RDF.Nodes.type)) {
                check(t.getObject(), out);
            }
        });
        return List.copyOf(out);
    }

    private static void check(Node term, Set<String> out) {
        if (term.isURI() && term.getURI().startsWith(Vocab.REGIE) && !ONTOLOGY.contains(term, Node.ANY, Node.ANY)) {
            out.add(term.getURI());
        }
    }

    private static Graph load() {
        try (InputStream in = Terms.class.getClassLoader().getResourceAsStream("ontology/regie.ttl")) {
            if (in == null) {
                throw new IllegalStateException("ontology/regie.ttl is not on the class path");
            }
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(Lang.TURTLE).parse(g);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
