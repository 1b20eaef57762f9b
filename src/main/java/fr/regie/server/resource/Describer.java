package fr.regie.server.resource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Reads descriptions straight from the indexes of a caller's view of the store (no SPARQL): one
 * lookup by subject across the graphs of the view, then the blank nodes it reaches, each in its
 * own graph. Run inside a read transaction.
 */
final class Describer {
    private final DatasetGraph dsg;

    Describer(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    /** The description of {@code subject} in the view (empty when it has none there). */
    Description describe(Node subject) {
        Set<Triple> triples = new LinkedHashSet<>();
        Set<Node> graphs = new LinkedHashSet<>();
        Deque<Quad> blanks = new ArrayDeque<>();
        Set<Node> seen = new HashSet<>();
        collect(dsg.find(Node.ANY, subject, Node.ANY, Node.ANY), triples, graphs, blanks);
        while (!blanks.isEmpty()) {
            Quad q = blanks.pop();
            if (seen.add(q.getObject())) {
                collect(dsg.find(q.getGraph(), q.getObject(), Node.ANY, Node.ANY), triples, graphs, blanks);
            }
        }
        return new Description(subject, new ArrayList<>(triples), graphs);
    }

    private static void collect(Iterator<Quad> it, Set<Triple> triples, Set<Node> graphs, Deque<Quad> blanks) {
        while (it.hasNext()) {
            Quad q = it.next();
            triples.add(q.asTriple());
            graphs.add(q.getGraph());
            if (q.getObject().isBlank()) {
                blanks.push(q);
            }
        }
    }
}
