package fr.regie.server.datasetpage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

import fr.regie.server.tap.Tap;
import fr.regie.server.tap.Taps;

/**
 * Which taps read a dataset: those whose query names the dataset's graph ({@code <graph/ID>},
 * resolved against the base IRI), in {@code GRAPH}, {@code FROM}, {@code FROM NAMED} or a
 * {@code VALUES} block, subqueries included. A tap over the default graph alone (the union of
 * what the caller may see) names no dataset and is listed on none.
 */
final class TapsReading {
    private TapsReading() {}

    static List<Tap> of(Taps taps, Node graph) {
        return taps.taps().stream().filter(t -> graphs(t.query()).contains(graph)).toList();
    }

    /** The graph IRIs a query names. */
    static Set<Node> graphs(Query q) {
        Set<Node> out = new HashSet<>();
        q.getGraphURIs().forEach(u -> out.add(org.apache.jena.graph.NodeFactory.createURI(u)));
        q.getNamedGraphURIs().forEach(u -> out.add(org.apache.jena.graph.NodeFactory.createURI(u)));
        if (q.getValuesData() != null) {
            q.getValuesData().forEach(b -> b.vars().forEachRemaining(v -> out.add(b.get(v))));
        }
        if (q.getQueryPattern() != null) {
            ElementWalker.walk(q.getQueryPattern(), new ElementVisitorBase() {
                @Override
                public void visit(ElementNamedGraph el) {
                    out.add(el.getGraphNameNode());
                }

                @Override
                public void visit(ElementData el) {
                    el.getRows().forEach(b -> b.vars().forEachRemaining(v -> out.add(b.get(v))));
                }

                @Override
                public void visit(ElementSubQuery el) {
                    out.addAll(graphs(el.getQuery()));
                }
            });
        }
        return out;
    }
}
