package fr.regie.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * How a territory names its graphs: {@code {base}graph/{dataset}} per partner dataset,
 * {@code {base}graph/territory} for the reference, {@code {base}graph/meta} for catalog,
 * provenance and quality. The base IRI ends with a slash.
 */
public record GraphNames(String base) {
    public GraphNames {
        if (!base.endsWith("/")) {
            base = base + "/";
        }
    }

    public Node dataset(String id) {
        return NodeFactory.createURI(base + "graph/" + id);
    }

    public Node territory() {
        return dataset("territory");
    }

    public Node meta() {
        return dataset("meta");
    }
}
