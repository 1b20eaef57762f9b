package fr.regie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.junit.jupiter.api.Test;

/**
 * The caller's view against a model written in plain Java (a list of quads filtered by graph):
 * for random stores where graphs share triples, random visible subsets and every shape of
 * lookup (each of subject, predicate, object bound or not; a named, the default, the union or
 * any graph), the view returns exactly the model's quads, and its union each triple once.
 */
class StoreViewTest {
    private static Node n(String s) {
        return NodeFactory.createURI("urn:" + s);
    }

    @Test
    void everyLookupReturnsTheVisibleQuadsAndTheUnionEachTripleOnce() {
        long seed = Long.getLong("regie.oracle.seed", 8L);
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            DatasetGraph store = DatabaseMgr.createDatasetGraph();
            List<Node> graphs = new ArrayList<>();
            for (int g = 0; g < 5; g++) {
                graphs.add(n("g" + g));
            }
            List<Quad> all = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                all.add(Quad.create(graphs.get(rnd.nextInt(5)), n("s" + rnd.nextInt(4)), n("p" + rnd.nextInt(3)), n("o" + rnd.nextInt(4))));
            }
            Txn.executeWrite(store, () -> all.forEach(store::add));
            Set<Node> visible = new HashSet<>();
            graphs.forEach(g -> {
                if (rnd.nextBoolean()) {
                    visible.add(g);
                }
            });
            visible.add(n("not-in-the-store"));
            StoreView view = StoreView.of(store, visible);
            Set<Quad> stored = Txn.calculateRead(store, () -> new HashSet<>(Iter.toList(store.find())));
            for (int shape = 0; shape < 8; shape++) {
                Node s = (shape & 1) == 0 ? Node.ANY : n("s" + rnd.nextInt(4));
                Node p = (shape & 2) == 0 ? Node.ANY : n("p" + rnd.nextInt(3));
                Node o = (shape & 4) == 0 ? Node.ANY : n("o" + rnd.nextInt(4));
                List<Quad> expected = stored.stream().filter(q -> visible.contains(q.getGraph()) && matches(q, s, p, o)).toList();
                Set<Triple> union = new HashSet<>();
                expected.forEach(q -> union.add(q.asTriple()));
                String where = "seed " + seed + " round " + round + " pattern " + s + " " + p + " " + o + " visible " + visible;
                Txn.executeRead(view, () -> {
                    assertEquals(new HashSet<>(expected), new HashSet<>(Iter.toList(view.find(Node.ANY, s, p, o))), where);
                    assertEquals(expected.size(), Iter.count(view.find(Node.ANY, s, p, o)), where);
                    for (Node special : List.of(Quad.unionGraph, Quad.defaultGraphIRI, Quad.defaultGraphNodeGenerated)) {
                        List<Triple> got = Iter.toList(Iter.map(view.find(special, s, p, o), Quad::asTriple));
                        assertEquals(union, new HashSet<>(got), where + " in " + special);
                        assertEquals(union.size(), got.size(), "each triple once: " + where + " in " + special);
                    }
                    assertEquals(union.size(), view.getDefaultGraph().find(s, p, o).toList().size(), where);
                    for (Node g : graphs) {
                        long inG = expected.stream().filter(q -> q.getGraph().equals(g)).count();
                        assertEquals(inG, Iter.count(view.find(g, s, p, o)), where + " in " + g);
                        assertEquals(inG, view.getGraph(g).find(s, p, o).toList().size(), where + " in " + g);
                    }
                });
            }
            Txn.executeRead(view, () -> {
                Set<Node> listed = new HashSet<>(Iter.toList(view.listGraphNodes()));
                Set<Node> nonEmpty = new HashSet<>();
                stored.forEach(q -> nonEmpty.add(q.getGraph()));
                nonEmpty.retainAll(visible);
                assertEquals(nonEmpty, listed, "GRAPH ?g lists the visible graphs that hold something");
                assertFalse(view.containsGraph(n("not-in-the-store")));
            });
            store.close();
        }
    }

    @Test
    void aViewIsReadOnly() {
        DatasetGraph store = DatabaseMgr.createDatasetGraph();
        StoreView view = StoreView.of(store, List.of(n("g")));
        assertThrows(UnsupportedOperationException.class, () -> view.add(n("g"), n("s"), n("p"), n("o")));
        assertThrows(RuntimeException.class, () -> view.begin(org.apache.jena.query.TxnType.WRITE));
        Txn.executeRead(view, () -> assertTrue(view.isEmpty()));
    }

    private static boolean matches(Quad q, Node s, Node p, Node o) {
        return (s == Node.ANY || q.getSubject().equals(s)) && (p == Node.ANY || q.getPredicate().equals(p))
                && (o == Node.ANY || q.getObject().equals(o));
    }
}
