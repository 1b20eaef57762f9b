package fr.regie.server.catalog;

import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.pipeline.MetaRecords;
import fr.regie.store.GraphNames;

/**
 * What the catalog says of a dataset's life, from its metadata graph ({@link MetaRecords}): its
 * live version, when it last changed and when it was first published.
 */
record RefreshRecords(long version, Optional<Node> modified, Optional<Node> issued) {

    /** Reads the records of a dataset; run inside a read transaction. */
    static RefreshRecords of(DatasetGraph dsg, GraphNames graphs, String id) {
        return new RefreshRecords(MetaRecords.version(dsg, graphs, id), MetaRecords.modified(dsg, graphs, id),
                MetaRecords.issued(dsg, graphs, id));
    }
}
