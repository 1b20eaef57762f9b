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
 * Reads descriptions straight from the store's indexes (no SPARQL): one lookup by subject across
 * all named graphs, keeping only the graphs the caller may see, then the blank nodes it reaches,
 * each in its own graph. Run inside a read transaction.
 */
final class Describer {
    private final DatasetGraph dsg;

    Describer(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    /** The description of {@code subject} from the {@code visible} graphs (empty when it has none). */
    Description describe(Node subject, Set<Node> visible) {
        Set<Triple> triples = new LinkedHashSet<>();
        Set<Node> graphs = new LinkedHashSet<>();
        Deque<Quad> blanks = new ArrayDeque<>();
        Set<Node> seen = new HashSet<>();
        collect(dsg.find(Node.ANY, subject, Node.ANY, Node.ANY), visible, triples, graphs, blanks);
        while (!blanks.isEmpty()) {
            Quad q = blanks.pop();
            if (seen.add(q.getObject())) {
                collect(dsg.find(q.getGraph(), q.getObject(), Node.ANY, Node.ANY), visible, triples, graphs, blanks);
            }
        }
        return new Description(subject, new ArrayList<>(triples), graphs);
    }

    private static void collect(Iterator<Quad> it, Set<Node> visible, Set<Triple> triples, Set<Node> graphs, Deque<Quad> blanks) {
        while (it.hasNext()) {
            Quad q = it.next();
            if (!visible.contains(q.getGraph())) {
                continue;
            }
            triples.add(q.asTriple());
            graphs.add(q.getGraph());
            if (q.getObject().isBlank()) {
                blanks.push(q);
            }
        }
    }
}
