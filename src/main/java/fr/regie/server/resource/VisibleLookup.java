package fr.regie.server.resource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import fr.regie.territory.Vocab;

/**
 * Index lookups in a caller's view of the store (for the HTML page: labels of linked resources,
 * types, the territories a resource lies in). Run inside a read transaction.
 */
final class VisibleLookup {
    /** The properties that name a resource, in order of preference. */
    private static final List<Node> LABELS = List.of(RDFS.label.asNode(), NodeFactory.createURI("https://schema.org/name"),
            Vocab.nom, NodeFactory.createURI("http://purl.org/dc/terms/title"));

    private final DatasetGraph view;

    VisibleLookup(DatasetGraph view) {
        this.view = view;
    }

    /** The objects of {@code s p ?o} in the visible graphs, without duplicates. */
    List<Node> values(Node s, Node p) {
        List<Node> out = new ArrayList<>();
        Iterator<Quad> it = view.find(Node.ANY, s, p, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            if (!out.contains(q.getObject())) {
                out.add(q.getObject());
            }
        }
        return out;
    }

    /** The property–value pairs of {@code s} in the visible graphs, at most {@code max}, without duplicates. */
    List<Node[]> all(Node s, int max) {
        List<Node[]> out = new ArrayList<>();
        java.util.Set<List<Node>> seen = new java.util.HashSet<>();
        Iterator<Quad> it = view.find(Node.ANY, s, Node.ANY, Node.ANY);
        while (it.hasNext() && out.size() < max) {
            Quad q = it.next();
            if (seen.add(List.of(q.getPredicate(), q.getObject()))) {
                out.add(new Node[] {q.getPredicate(), q.getObject()});
            }
        }
        return out;
    }

    List<Node> types(Node s) {
        return values(s, RDF.type.asNode());
    }

    /** A name for a resource: rdfs:label, schema:name, igeo:nom or dct:title, French first. */
    Optional<String> label(Node s) {
        for (Node p : LABELS) {
            List<Node> names = values(s, p).stream().filter(Node::isLiteral).toList();
            Optional<Node> pick = names.stream().filter(n -> n.getLiteralLanguage().startsWith("fr")).findFirst()
                    .or(() -> names.stream().findFirst());
            if (pick.isPresent()) {
                return Optional.of(pick.get().getLiteralLexicalForm());
            }
        }
        return Optional.empty();
    }
}
