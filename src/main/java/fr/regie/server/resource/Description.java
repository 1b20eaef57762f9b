package fr.regie.server.resource;

import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/**
 * What a caller may know of one resource: its concise bounded description (the triples whose
 * subject it is, and the closure over blank-node objects) from the graphs the caller sees, and
 * the graphs those triples came from.
 *
 * @param subject the resource
 * @param triples the triples, without duplicates, in the store's order
 * @param graphs  the named graphs that contributed at least one triple
 */
record Description(Node subject, List<Triple> triples, Set<Node> graphs) {

    boolean isEmpty() {
        return triples.isEmpty();
    }
}
