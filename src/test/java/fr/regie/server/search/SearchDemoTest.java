package fr.regie.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

import fr.regie.registry.Registry;
import fr.regie.server.access.Access;
import fr.regie.server.access.Caller;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.SharedDemo;

/**
 * The label index over the Plaine Commune demo: what it costs (labels, memory, time to build,
 * time to check for new versions), and that the territory's places come first ("epinay" is
 * Épinay-sur-Seine, "saint-denis" the commune 93066, before their homonyms elsewhere).
 */
class SearchDemoTest {
    @Test
    void theDemosLabelsAreIndexedQuicklyAndTheTerritoryComesFirst() throws Exception {
        Store store = SharedDemo.store();
        Registry registry = SharedDemo.registry();
        GraphNames graphs = new GraphNames(registry.territory().baseIri());
        Set<Node> visible = Access.of(registry, java.util.Map.of()).visibleGraphs(Caller.ANONYMOUS);
        try (LabelIndex index = new LabelIndex(graphs)) {
            long t0 = System.nanoTime();
            int done = Txn.calculateRead(store.dataset(), () -> index.sync(store.dataset(), registry));
            long built = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            int again = Txn.calculateRead(store.dataset(), () -> index.sync(store.dataset(), registry));
            long checked = (System.nanoTime() - t1) / 1_000;
            System.out.printf("search index on the demo: %d datasets, %d labels, %d KiB, built in %d ms; version check %d µs%n",
                    done, index.size(), index.bytes() / 1024, built, checked);
            assertEquals(registry.datasets().size(), done);
            assertEquals(0, again, "nothing changed, nothing re-indexed");
            assertTrue(index.size() > 10_000, "the demo has tens of thousands of labels");

            LabelIndex.Hit epinay = index.search("epinay", visible, 5).hits().get(0);
            assertEquals("Épinay-sur-Seine", epinay.label(), epinay.toString());
            LabelIndex.Result sd = index.search("saint-denis", visible, 5);
            assertTrue(sd.hits().stream().anyMatch(h -> h.iri().endsWith("id/commune/93066")), sd.toString());
            long t2 = System.nanoTime();
            for (String q : new String[] {"s", "sa", "sai", "sain", "saint", "gare", "festival", "e"}) {
                index.search(q, visible, 100);
            }
            System.out.printf("search index on the demo: 8 searches in %d µs%n", (System.nanoTime() - t2) / 1_000);
        }
    }
}
