package fr.regie.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

import fr.regie.store.GraphNames;

/** What the metadata graph says of each dataset: its version, size and its last refresh. */
public final class Status {
    private Status() {}

    /** A dataset's state, from its last recorded refresh. */
    public record DatasetStatus(String id, long version, Optional<String> modified, Optional<Long> triples,
                                Optional<Run> lastRun, List<Run> recentRuns) {}

    /** One recorded run. */
    public record Run(String activity, String started, String ended, String outcome, String message, long rowsRead,
                      long added, long removed, Map<String, String> measurements) {}

    /** The node the metadata graph describes a dataset with: {@code {base}id/dataset/{id}}. */
    public static Node datasetNode(GraphNames graphs, String id) {
        return MetaRecorder.datasetNode(graphs, id);
    }

    /** The live version of a dataset (0 when it was never loaded). Needs a read transaction. */
    public static long version(DatasetGraph dsg, GraphNames graphs, String id) {
        return MetaRecorder.version(dsg, graphs, id);
    }

    /**
     * The live version of a dataset, found without the registry (a store holds one territory's
     * graphs, whatever its base IRI): for readers that have the store alone, such as
     * {@code regie changes}. 0 when the dataset was never loaded. Needs a read transaction.
     */
    public static long version(DatasetGraph dsg, String id) {
        String meta = "graph/meta/" + id;
        Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, Prov.version, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            String g = q.getGraph().isURI() ? q.getGraph().getURI() : "";
            if (g.endsWith(meta) && q.getSubject().equals(datasetNode(new GraphNames(g.substring(0, g.length() - meta.length())), id))) {
                return Long.parseLong(q.getObject().getLiteralLexicalForm());
            }
        }
        return 0L;
    }

    /** When the live version was made: the {@code dct:modified} literal, if any. Needs a read transaction. */
    public static Optional<Node> modified(DatasetGraph dsg, GraphNames graphs, String id) {
        Iterator<Quad> it = dsg.find(graphs.meta(id), datasetNode(graphs, id), Prov.modified, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    }

    /** The status of every dataset the metadata graph knows, with up to {@code recent} runs each. */
    public static List<DatasetStatus> of(DatasetGraph dsg, GraphNames graphs, List<String> ids, int recent) {
        return Txn.calculateRead(dsg, () -> {
            List<DatasetStatus> out = new ArrayList<>();
            for (String id : ids) {
                Node meta = graphs.meta(id);
                Node ds = MetaRecorder.datasetNode(graphs, id);
                List<Run> runs = new ArrayList<>();
                dsg.find(meta, ds, Prov.refresh, Node.ANY).forEachRemaining(q -> runs.add(run(dsg, meta, q.getObject())));
                runs.sort((a, b) -> b.started().compareTo(a.started()));
                out.add(new DatasetStatus(id, version(dsg, graphs, id), modified(dsg, graphs, id).map(Node::getLiteralLexicalForm),
                        value(dsg, meta, ds, Prov.triples).map(Long::parseLong), runs.stream().findFirst(),
                        runs.subList(0, Math.min(recent, runs.size()))));
            }
            return out;
        });
    }

    private static Run run(DatasetGraph dsg, Node meta, Node act) {
        Map<String, String> measures = new TreeMap<>();
        dsg.find(meta, Node.ANY, Prov.wasGeneratedBy, act).forEachRemaining(q -> {
            Node m = q.getSubject();
            String metric = value(dsg, meta, m, Prov.isMeasurementOf).map(u -> u.substring(u.lastIndexOf('#') + 1)).orElse("?");
            String qualifier = value(dsg, meta, m, Prov.shape).or(() -> value(dsg, meta, m, Prov.property)).map(x -> " " + x).orElse("");
            measures.put(metric + qualifier, value(dsg, meta, m, Prov.value).orElse(""));
        });
        return new Run(act.getURI(), value(dsg, meta, act, Prov.startedAtTime).orElse(""), value(dsg, meta, act, Prov.endedAtTime).orElse(""),
                value(dsg, meta, act, Prov.outcome).orElse(""), value(dsg, meta, act, Prov.message).orElse(""),
                value(dsg, meta, act, Prov.rowsRead).map(Long::parseLong).orElse(0L),
                value(dsg, meta, act, Prov.triplesAdded).map(Long::parseLong).orElse(0L),
                value(dsg, meta, act, Prov.triplesRemoved).map(Long::parseLong).orElse(0L), measures);
    }

    private static Optional<String> value(DatasetGraph dsg, Node g, Node s, Node p) {
        Iterator<Quad> it = dsg.find(g, s, p, Node.ANY);
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Node o = it.next().getObject();
        return Optional.of(o.isLiteral() ? o.getLiteralLexicalForm() : o.isURI() ? o.getURI() : o.toString());
    }
}
