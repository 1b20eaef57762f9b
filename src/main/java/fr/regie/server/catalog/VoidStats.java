package fr.regie.server.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * VoID statistics of one dataset graph: triples, distinct subjects, objects, properties and
 * classes, and the number of entities (distinct subjects typed with it) of each class.
 */
record VoidStats(long triples, long distinctSubjects, long distinctObjects, long properties, Map<String, Long> entitiesByClass) {

    VoidStats {
        entitiesByClass = Map.copyOf(entitiesByClass);
    }

    long classes() {
        return entitiesByClass.size();
    }

    /** Counts in one pass over the graph; run it inside a read transaction. */
    static VoidStats of(Graph graph) {
        long triples = 0;
        Set<Node> subjects = new HashSet<>();
        Set<Node> objects = new HashSet<>();
        Set<Node> properties = new HashSet<>();
        Map<Node, Set<Node>> entities = new HashMap<>();
        var it = graph.find();
        try {
            while (it.hasNext()) {
                Triple t = it.next();
                triples++;
                subjects.add(t.getSubject());
                objects.add(t.getObject());
                properties.add(t.getPredicate());
                if (t.getPredicate().equals(RDF.Nodes.type)) {
                    entities.computeIfAbsent(t.getObject(), c -> new HashSet<>()).add(t.getSubject());
                }
            }
        } finally {
            it.close();
        }
        Map<String, Long> byClass = new TreeMap<>();
        entities.forEach((c, es) -> {
            if (c.isURI()) {
                byClass.put(c.getURI(), (long) es.size());
            }
        });
        return new VoidStats(triples, subjects.size(), objects.size(), properties.size(), byClass);
    }
}
