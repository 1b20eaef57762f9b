package fr.regie.server.catalog;

import java.util.Iterator;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

import fr.regie.pipeline.Status;
import fr.regie.store.GraphNames;

/**
 * What a dataset's metadata graph says of its life (as {@code fr.regie.pipeline.MetaRecorder}
 * writes it on the node {@code {base}id/dataset/{id}}): its live version, when it last changed
 * (the end of the last accepted refresh) and when it was first published (the end of the refresh
 * that generated version 1).
 */
record RefreshRecords(long version, Optional<Node> modified, Optional<Node> issued) {

    /** Reads the records of a dataset; run inside a read transaction. */
    static RefreshRecords of(DatasetGraph dsg, GraphNames graphs, String id) {
        Node meta = graphs.meta(id);
        Node ds = Status.datasetNode(graphs, id);
        long version = Status.version(dsg, graphs, id);
        Optional<Node> modified = Status.modified(dsg, graphs, id);
        Node v1 = NodeFactory.createURI(ds.getURI() + "/version/1");
        Optional<Node> issued = Optional.empty();
        Iterator<Quad> gen = dsg.find(meta, Node.ANY, Terms.generated.asNode(), v1);
        if (gen.hasNext()) {
            issued = first(dsg, meta, gen.next().getSubject(), Terms.endedAtTime.asNode());
        }
        return new RefreshRecords(version, modified, issued.or(() -> modified));
    }

    private static Optional<Node> first(DatasetGraph dsg, Node g, Node s, Node p) {
        Iterator<Quad> it = dsg.find(g, s, p, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    }
}
