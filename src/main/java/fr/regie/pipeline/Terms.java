package fr.regie.pipeline;

import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Vocabularies;

/**
 * The terms a dataset's graph uses (predicates, and classes given by rdf:type) that neither
 * Régie's ontology, a reused standard vocabulary, nor the dataset's own vocabulary files declare.
 */
final class Terms {
    private Terms() {}

    /** The undeclared terms of {@code g}, as IRIs, sorted. */
    static List<String> undeclared(DatasetSpec spec, Graph g) {
        return Vocabularies.read(spec.vocabularies()).undeclared(g).stream().map(Node::getURI).toList();
    }
}
