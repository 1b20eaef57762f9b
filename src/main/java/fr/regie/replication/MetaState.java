package fr.regie.replication;

import java.util.Iterator;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

import fr.regie.store.GraphNames;
import fr.regie.territory.Vocab;

/**
 * Where a dataset stands, as its metadata graph says: its live version ({@code regie:version}) and
 * the run that wrote it last ({@code regie:lastRefresh}, empty when none did). What a replica
 * places an entry with, and what a primary's snapshot is labelled with. The pipeline's
 * {@code MetaRecords} writes and reads the rest of that graph; replication sits below the
 * pipeline, so these three terms are read here again. Call inside a read or write transaction.
 */
public record MetaState(long version, String lastRun) {
    static final Node VERSION = NodeFactory.createURI(Vocab.REGIE + "version");
    static final Node LAST_REFRESH = NodeFactory.createURI(Vocab.REGIE + "lastRefresh");
    static final Node REFRESH = NodeFactory.createURI(Vocab.REGIE + "refresh");

    /** The state of nothing: no version, no run (a dataset never loaded). */
    public static final MetaState NONE = new MetaState(0, "");

    /** The node the metadata graph describes a dataset with ({@code {base}id/dataset/{id}}, as MetaRecords names it). */
    static Node datasetNode(GraphNames graphs, String dataset) {
        return NodeFactory.createURI(graphs.base() + "id/dataset/" + dataset);
    }

    /** The dataset's state in {@code dsg}. */
    public static MetaState of(DatasetGraph dsg, GraphNames graphs, String dataset) {
        Node meta = graphs.meta(dataset);
        Node ds = datasetNode(graphs, dataset);
        long version = 0;
        Iterator<Quad> v = dsg.find(meta, ds, VERSION, Node.ANY);
        if (v.hasNext()) {
            Node o = v.next().getObject();
            try {
                version = o.isLiteral() ? Long.parseLong(o.getLiteralLexicalForm()) : 0;
            } catch (NumberFormatException e) {
                version = 0; // not written by Régie: as if never loaded
            }
        }
        String run = "";
        Iterator<Quad> last = dsg.find(meta, ds, LAST_REFRESH, Node.ANY);
        if (last.hasNext()) {
            Node o = last.next().getObject();
            run = o.isURI() ? o.getURI() : "";
        }
        return new MetaState(version, run);
    }

    /** Whether the dataset's metadata graph records the run {@code run} (applied before, or brought by a snapshot). */
    public static boolean recorded(DatasetGraph dsg, GraphNames graphs, String dataset, String run) {
        return !run.isEmpty() && dsg.contains(graphs.meta(dataset), datasetNode(graphs, dataset), REFRESH, NodeFactory.createURI(run));
    }

    /** Whether the dataset has ever been loaded here (some run recorded). */
    public boolean loaded() {
        return !lastRun.isEmpty() || version > 0;
    }
}
