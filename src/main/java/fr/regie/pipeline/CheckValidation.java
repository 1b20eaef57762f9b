package fr.regie.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.util.iterator.ExtendedIterator;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Vocabularies;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The SHACL gate's validation as a check runs it: on the dataset's graph as the patch would leave
 * it ({@link Patched}, the removed triples given by {@link DifferenceCount#removal}), the rest of
 * the store beside it ({@link OtherGraphs}), as {@link Gate#validate} does. A staging that went to
 * disk is validated a window of subjects at a time ({@link SubjectWindow}), so that Jena's
 * report, which keeps every result, never holds more than a window's; the counts are summed and
 * the examples capped as {@link Quality} caps them.
 */
final class CheckValidation {
    /** Subjects validated together when the staging is on disk (a window of 0: all at once). */
    static final int WINDOW = 20_000;
    private static final int SAMPLES = 20;
    private static final String SH = "http://www.w3.org/ns/shacl#";
    /** Targets a window cannot split (the same focus node could be found in every window). */
    private static final List<Node> UNSPLITTABLE = List.of(NodeFactory.createURI(SH + "targetNode"),
            NodeFactory.createURI(SH + "targetObjectsOf"), NodeFactory.createURI(SH + "target"));

    private CheckValidation() {}

    static Quality validate(DatasetSpec spec, Store store, GraphNames graphs, Staging.Staged staged, DifferenceCount diff, int window) {
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        return Txn.calculateRead(dsg, () -> {
            Patched patched = new Patched(dsg.getGraph(graph), DifferenceCount.removal(staged), diff.removed(), staged.graph(), diff.added());
            OtherGraphs context = new OtherGraphs(dsg, graph);
            if (window < 1 || !splittable(spec)) {
                return Validation.validate(spec, patched, context);
            }
            List<Quality> parts = new ArrayList<>();
            Set<Node> subjects = new LinkedHashSet<>();
            Node last = null;
            // Subjects come grouped (each graph read in subject order: the live graph and a staging on disk are TDB2's).
            ExtendedIterator<Triple> it = patched.find();
            try {
                while (it.hasNext()) {
                    Node s = it.next().getSubject();
                    if (s.equals(last)) {
                        continue;
                    }
                    last = s;
                    if (subjects.size() == window && !subjects.contains(s)) {
                        parts.add(Validation.validate(spec, new SubjectWindow(patched, subjects), new SubjectWindow(context, subjects)));
                        subjects = new LinkedHashSet<>();
                    }
                    subjects.add(s);
                }
            } finally {
                it.close();
            }
            if (!subjects.isEmpty() || parts.isEmpty()) {
                parts.add(Validation.validate(spec, new SubjectWindow(patched, subjects), new SubjectWindow(context, subjects)));
            }
            return sum(parts);
        });
    }

    /** Whether every target of the dataset's shapes is a class or the subjects of a property. */
    private static boolean splittable(DatasetSpec spec) {
        Graph shapes = GraphFactory.createDefaultGraph();
        for (Path p : spec.shapes()) {
            RDFDataMgr.read(shapes, p.toString());
        }
        if (!spec.vocabularies().isEmpty()) {
            Vocabularies.read(spec.vocabularies()).shapesFor(spec).find().forEach(shapes::add);
        }
        return UNSPLITTABLE.stream().noneMatch(p -> shapes.contains(Node.ANY, p, Node.ANY));
    }

    private static Quality sum(List<Quality> parts) {
        long v = 0;
        long w = 0;
        long i = 0;
        Map<String, Long> byShape = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (Quality q : parts) {
            v += q.violations();
            w += q.warnings();
            i += q.infos();
            q.byShape().forEach((k, n) -> byShape.merge(k, n, Long::sum));
            for (String s : q.samples()) {
                if (samples.size() < SAMPLES) {
                    samples.add(s);
                }
            }
        }
        return new Quality(v == 0, v, w, i, byShape, samples);
    }
}
