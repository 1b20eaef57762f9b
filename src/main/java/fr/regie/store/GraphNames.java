package fr.regie.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * How a territory names its graphs: {@code {base}graph/{dataset}} per dataset (the territory's
 * reference is one of them, named in the registry), and {@code {base}graph/meta/{dataset}} for each dataset's
 * provenance and quality records, so that they are as visible as the dataset itself. The base IRI
 * ends with a slash.
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

    /** The graph of a dataset's refresh records. */
    public Node meta(String dataset) {
        return dataset("meta/" + dataset);
    }
}
