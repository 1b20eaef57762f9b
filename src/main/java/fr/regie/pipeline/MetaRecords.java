package fr.regie.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

import fr.regie.store.GraphNames;

/**
 * Reads back what {@link MetaRecorder} writes in a dataset's metadata graph, as typed records: the
 * live version and when it was made, the graph's size, each run, each version. The two are the
 * only code that knows the graph's shape; its terms are declared once, in {@link Prov}. Every
 * method needs a read transaction, except {@link #of}, which takes its own.
 */
public final class MetaRecords {
    private static final Pattern VERSION = Pattern.compile("/version/(\\d+)$");

    private MetaRecords() {}

    /** A dataset's state, from its last recorded refresh. */
    public record DatasetStatus(String id, long version, Optional<String> modified, Optional<Long> triples,
                                Optional<Run> lastRun, List<Run> recentRuns) {}

    /** One recorded run; {@code outcome} as written ({@code accepted}, {@code rejected}, …). */
    public record Run(String activity, String started, String ended, String outcome, String message, long rowsRead,
                      long added, long removed, Map<String, String> measurements, List<String> examples, List<String> notPlaced) {}

    /** One accepted version: when the run that made it ended, what it changed. */
    public record Version(long version, String time, long added, long removed) {}

    /** The node the metadata graph describes a dataset with: {@code {base}id/dataset/{id}}. */
    public static Node datasetNode(GraphNames graphs, String id) {
        return NodeFactory.createURI(graphs.base() + "id/dataset/" + id);
    }

    /** The IRI a version is named by in the records: {@code {dataset node}/version/N}. */
    static Node versionNode(GraphNames graphs, String id, long version) {
        return NodeFactory.createURI(datasetNode(graphs, id).getURI() + "/version/" + version);
    }

    /** The live version of a dataset (0 when it was never loaded). */
    public static long version(DatasetGraph dsg, GraphNames graphs, String id) {
        return value(dsg, graphs.meta(id), datasetNode(graphs, id), Prov.version).map(Long::parseLong).orElse(0L);
    }

    /**
     * The live version of a dataset, found without the registry (a store holds one territory's
     * graphs, whatever its base IRI): for readers that have the store alone, such as
     * {@code regie changes}. 0 when the dataset was never loaded.
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

    /**
     * Where a mirror resumes: the upstream version its live graph matches and the id of the last
     * upstream patch it applied; empty when it never synced (or is no mirror).
     */
    static Optional<UpstreamVersion> upstream(DatasetGraph dsg, GraphNames graphs, String id) {
        Node meta = graphs.meta(id);
        Node ds = datasetNode(graphs, id);
        Optional<Node> from = object(dsg, meta, ds, Prov.wasDerivedFrom);
        Optional<Long> v = value(dsg, meta, ds, Prov.upstreamVersion).map(Long::parseLong);
        if (from.isEmpty() || v.isEmpty() || version(dsg, graphs, id) == 0) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamVersion(from.get(), v.get(), object(dsg, meta, ds, Prov.upstreamPatch)));
    }

    /** The run recorded last ({@code regie:lastRefresh}), empty before the first: what a commit's entry names as before it. */
    public static Optional<String> lastRun(DatasetGraph dsg, GraphNames graphs, String id) {
        return value(dsg, graphs.meta(id), datasetNode(graphs, id), Prov.lastRefresh);
    }

    /** When the live version was made: the {@code dct:modified} literal, if any. */
    public static Optional<Node> modified(DatasetGraph dsg, GraphNames graphs, String id) {
        return object(dsg, graphs.meta(id), datasetNode(graphs, id), Prov.modified);
    }

    /** When the dataset was first published: the end of the run that made version 1, else the last change. */
    public static Optional<Node> issued(DatasetGraph dsg, GraphNames graphs, String id) {
        Node meta = graphs.meta(id);
        Iterator<Quad> gen = dsg.find(meta, Node.ANY, Prov.generated, versionNode(graphs, id, 1));
        Optional<Node> first = gen.hasNext() ? object(dsg, meta, gen.next().getSubject(), Prov.endedAtTime) : Optional.empty();
        return first.or(() -> modified(dsg, graphs, id));
    }

    /** The triples of the live graph, as last recorded. */
    public static Optional<Long> triples(DatasetGraph dsg, GraphNames graphs, String id) {
        return value(dsg, graphs.meta(id), datasetNode(graphs, id), Prov.triples).map(Long::parseLong);
    }

    /** The rows the run that made the live version read from the source, 0 when unknown. */
    public static long liveRows(DatasetGraph dsg, GraphNames graphs, String id) {
        long v = version(dsg, graphs, id);
        if (v == 0) {
            return 0;
        }
        Node meta = graphs.meta(id);
        Iterator<Quad> act = dsg.find(meta, Node.ANY, Prov.generated, versionNode(graphs, id, v));
        return act.hasNext() ? value(dsg, meta, act.next().getSubject(), Prov.rowsRead).map(Long::parseLong).orElse(0L) : 0L;
    }

    /** Every recorded version of the dataset, by number. */
    public static Map<Long, Version> versions(DatasetGraph dsg, GraphNames graphs, String id) {
        Node meta = graphs.meta(id);
        Map<Long, Version> out = new HashMap<>();
        dsg.find(meta, Node.ANY, Prov.generated, Node.ANY).forEachRemaining(q -> {
            Matcher m = VERSION.matcher(q.getObject().isURI() ? q.getObject().getURI() : "");
            if (m.find()) {
                Node act = q.getSubject();
                long v = Long.parseLong(m.group(1));
                out.put(v, new Version(v, value(dsg, meta, act, Prov.endedAtTime).orElse(""),
                        value(dsg, meta, act, Prov.triplesAdded).map(Long::parseLong).orElse(0L),
                        value(dsg, meta, act, Prov.triplesRemoved).map(Long::parseLong).orElse(0L)));
            }
        });
        return out;
    }

    /** How many runs ended with each outcome, as written ({@code accepted}, …). */
    public static Map<String, Long> outcomes(DatasetGraph dsg, GraphNames graphs, String id) {
        Node meta = graphs.meta(id);
        Map<String, Long> out = new TreeMap<>();
        dsg.find(meta, datasetNode(graphs, id), Prov.refresh, Node.ANY).forEachRemaining(q ->
                value(dsg, meta, q.getObject(), Prov.outcome).ifPresent(o -> out.merge(o, 1L, Long::sum)));
        return out;
    }

    /** The status of every dataset named, with up to {@code recent} runs each (in its own read transaction). */
    public static List<DatasetStatus> of(DatasetGraph dsg, GraphNames graphs, List<String> ids, int recent) {
        return Txn.calculateRead(dsg, () -> {
            List<DatasetStatus> out = new ArrayList<>();
            for (String id : ids) {
                Node meta = graphs.meta(id);
                Node ds = datasetNode(graphs, id);
                List<Run> runs = new ArrayList<>();
                dsg.find(meta, ds, Prov.refresh, Node.ANY).forEachRemaining(q -> runs.add(run(dsg, meta, q.getObject())));
                runs.sort((a, b) -> b.started().compareTo(a.started()));
                out.add(new DatasetStatus(id, version(dsg, graphs, id), modified(dsg, graphs, id).map(Node::getLiteralLexicalForm),
                        triples(dsg, graphs, id), runs.stream().findFirst(), runs.subList(0, Math.min(recent, runs.size()))));
            }
            return out;
        });
    }

    private static Run run(DatasetGraph dsg, Node meta, Node act) {
        Map<String, String> measures = new TreeMap<>();
        dsg.find(meta, Node.ANY, Prov.wasGeneratedBy, act).forEachRemaining(q -> {
            Node m = q.getSubject();
            if (!dsg.contains(meta, m, org.apache.jena.vocabulary.RDF.Nodes.type, Prov.QualityMeasurement)) {
                return; // the version the run generated
            }
            String metric = value(dsg, meta, m, Prov.isMeasurementOf).map(u -> u.substring(u.lastIndexOf('#') + 1)).orElse("?");
            String qualifier = value(dsg, meta, m, Prov.shape).or(() -> value(dsg, meta, m, Prov.property)).map(x -> " " + x).orElse("");
            measures.put(metric + qualifier, value(dsg, meta, m, Prov.value).orElse(""));
        });
        return new Run(act.getURI(), value(dsg, meta, act, Prov.startedAtTime).orElse(""), value(dsg, meta, act, Prov.endedAtTime).orElse(""),
                value(dsg, meta, act, Prov.outcome).orElse(""), value(dsg, meta, act, Prov.message).orElse(""),
                value(dsg, meta, act, Prov.rowsRead).map(Long::parseLong).orElse(0L),
                value(dsg, meta, act, Prov.triplesAdded).map(Long::parseLong).orElse(0L),
                value(dsg, meta, act, Prov.triplesRemoved).map(Long::parseLong).orElse(0L), measures, examples(dsg, meta, act, Prov.qualityExample),
                examples(dsg, meta, act, Prov.notPlacedExample));
    }

    /** The first SHACL results of a run, as recorded (in order of their text). */
    private static List<String> examples(DatasetGraph dsg, Node meta, Node act, Node property) {
        List<String> out = new ArrayList<>();
        dsg.find(meta, act, property, Node.ANY).forEachRemaining(q -> out.add(q.getObject().getLiteralLexicalForm()));
        java.util.Collections.sort(out);
        return out;
    }

    private static Optional<Node> object(DatasetGraph dsg, Node g, Node s, Node p) {
        Iterator<Quad> it = dsg.find(g, s, p, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    }

    /** The first value of a property as text: a literal's lexical form, an IRI. */
    private static Optional<String> value(DatasetGraph dsg, Node g, Node s, Node p) {
        return object(dsg, g, s, p).map(o -> o.isLiteral() ? o.getLiteralLexicalForm() : o.isURI() ? o.getURI() : o.toString());
    }
}
