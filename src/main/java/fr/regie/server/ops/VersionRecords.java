package fr.regie.server.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.store.GraphNames;
import fr.regie.territory.Vocab;

/**
 * What the metadata graph says of each version of a dataset: the refresh that generated it
 * ({@code prov:generated <…/version/N>}), when it ended, and how many triples it added and
 * removed. Read inside a read transaction.
 */
final class VersionRecords {
    private static final Node GENERATED = NodeFactory.createURI("http://www.w3.org/ns/prov#generated");
    private static final Node ENDED = NodeFactory.createURI("http://www.w3.org/ns/prov#endedAtTime");
    private static final Node ADDED = NodeFactory.createURI(Vocab.REGIE + "triplesAdded");
    private static final Node REMOVED = NodeFactory.createURI(Vocab.REGIE + "triplesRemoved");
    private static final Pattern VERSION = Pattern.compile("/version/(\\d+)$");

    /** One version: when it was published, what it changed. */
    record Version(long version, String time, long added, long removed) {}

    private VersionRecords() {}

    /** Every recorded version of the dataset, by number. */
    static Map<Long, Version> of(DatasetGraph dsg, GraphNames graphs, String dataset) {
        Node meta = graphs.meta(dataset);
        Map<Long, Version> out = new HashMap<>();
        dsg.find(meta, Node.ANY, GENERATED, Node.ANY).forEachRemaining(q -> {
            Matcher m = VERSION.matcher(q.getObject().isURI() ? q.getObject().getURI() : "");
            if (m.find()) {
                Node act = q.getSubject();
                long v = Long.parseLong(m.group(1));
                out.put(v, new Version(v, value(dsg, meta, act, ENDED).orElse(""),
                        value(dsg, meta, act, ADDED).map(Long::parseLong).orElse(0L),
                        value(dsg, meta, act, REMOVED).map(Long::parseLong).orElse(0L)));
            }
        });
        return out;
    }

    private static Optional<String> value(DatasetGraph dsg, Node g, Node s, Node p) {
        var it = dsg.find(g, s, p, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject().getLiteralLexicalForm()) : Optional.empty();
    }
}
