package fr.regie.server.ops;

import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.pipeline.MetaRecords;
import fr.regie.server.http.Conditional;
import fr.regie.store.GraphNames;

/**
 * A dataset's live version as the metadata graph records it, and the entity tag that names it:
 * the version number and the time it was published, so that a store rebuilt from scratch (whose
 * version 1 is another version 1) never matches a tag handed out before.
 */
record LiveVersion(String dataset, long version, Optional<String> modified) {

    /** The live version of a dataset; inside a read transaction, the one that transaction sees. */
    static LiveVersion of(DatasetGraph dsg, GraphNames graphs, String dataset) {
        return new LiveVersion(dataset, MetaRecords.version(dsg, graphs, dataset),
                MetaRecords.modified(dsg, graphs, dataset).map(Node::getLiteralLexicalForm));
    }

    /** The tag without quotes, safe in a file name: {@code 7-20261129T181500123Z}. */
    String token() {
        return version + "-" + modified.map(m -> m.replaceAll("[^0-9A-Za-z]", "")).orElse("0");
    }

    /** The strong entity tag, quoted. */
    String etag() {
        return "\"" + token() + "\"";
    }

    /** Whether an {@code If-None-Match} header names this version (or is {@code *}). */
    boolean matches(String ifNoneMatch) {
        return Conditional.matches(ifNoneMatch, etag());
    }
}
