package fr.regie.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;

/** A fixed sample of the resources a store serves: IRIs under {@code {base}id/}, drawn with a fixed seed. */
final class ResourceSample {
    private ResourceSample() {}

    /** Up to {@code size} subjects of the graphs of the datasets {@code which} accepts. */
    static List<String> of(DatasetGraph dsg, Registry registry, int size, Predicate<DatasetSpec> which) {
        GraphNames graphs = new GraphNames(registry.territory().baseIri());
        String prefix = graphs.base() + "id/";
        List<String> all = new ArrayList<>();
        Txn.executeRead(dsg, () -> {
            for (DatasetSpec ds : registry.datasets()) {
                if (!which.test(ds)) {
                    continue;
                }
                Set<String> seen = new HashSet<>();
                dsg.find(graphs.dataset(ds.id()), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    Node s = q.getSubject();
                    if (s.isURI() && s.getURI().startsWith(prefix) && seen.add(s.getURI())) {
                        all.add(s.getURI());
                    }
                });
            }
        });
        if (all.isEmpty()) {
            throw new IllegalStateException("no resource under " + prefix + " in the store: build the demo store first");
        }
        Collections.sort(all);
        Collections.shuffle(all, new Random(42));
        return List.copyOf(all.subList(0, Math.min(size, all.size())));
    }
}
