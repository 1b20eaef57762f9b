package fr.regie.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Progress;
import fr.regie.r2rml.RunStats;
import fr.regie.store.StoreTerms;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.TerritoryIndex;
import fr.regie.registry.DatasetSpec;

/**
 * The first step of a refresh: the mapping runs over the source into a staging graph, in the
 * store's terms ({@link StoreTerms}), its records linked to communes. With the row state of the
 * last refresh only the rows that changed are mapped, then the unchanged rows of the subjects
 * they touch, so that each touched subject is complete; without it, everything is.
 */
final class Staging {
    /** What the mapping produced this time; {@code newState} is null when there can be no row state (blank-node subjects). */
    record Staged(Graph graph, Set<Node> touched, long rows, long linked, long unmatched,
                  List<CommuneLinker.Unmatched> unmatchedSamples, Map<String, Long> paths, RowState.Builder newState, boolean incremental,
                  long irisPlaced, long outside) {
        /** Nothing staged: the source was not read again (its fingerprint was unchanged). */
        /** The same staging compared with the live graph only for {@code subjects} (a sample's). */
        Staged touching(Set<Node> subjects) {
            return new Staged(graph, Set.copyOf(subjects), rows, linked, unmatched, unmatchedSamples, paths, newState, true, irisPlaced,
                    outside);
        }

        static Staged nothing() {
            return new Staged(org.apache.jena.sparql.graph.GraphFactory.createGraphMem(), Set.of(), 0, 0, 0, List.of(), Map.of(), null, true, 0, 0);
        }
    }

    private final DatasetSpec spec;
    private final String baseIri;
    private final TerritoryIndex territory;
    private final Extent extent;
    private final Progress progress;

    Staging(DatasetSpec spec, String baseIri, TerritoryIndex territory, Extent extent, Progress progress) {
        this.spec = spec;
        this.baseIri = baseIri;
        this.territory = territory;
        this.extent = extent;
        this.progress = progress;
    }

    private StreamRDF linked(Graph into, CommuneLinker[] holder, int keepUnmatched) {
        // Staged in the store's terms, so that the difference with the live graph is by one identity.
        StreamRDF sink = StoreTerms.canonical(StreamRDFLib.graph(into));
        if (territory != null && spec.linkBy() != LinkMethod.NONE) {
            holder[0] = keepUnmatched > 0 ? new CommuneLinker(sink, territory, spec.linkBy(), keepUnmatched)
                    : new CommuneLinker(sink, territory, spec.linkBy());
            return holder[0];
        }
        return sink;
    }

    /** Maps the source; {@code old} is the row state to compare rows with, or null to map everything. */
    Staged stage(OpenedSource source, MappingDocument mapping, RowState old) {
        return stage(source, mapping, old, Long.MAX_VALUE, 0);
    }

    /**
     * As above, reading at most {@code maxRows} rows of each pass and keeping up to
     * {@code keepUnmatched} of the records not placed beyond the usual samples (a check keeps them all).
     */
    Staged stage(OpenedSource source, MappingDocument mapping, RowState old, long maxRows, int keepUnmatched) {
        return stage(source, mapping, old, maxRows, keepUnmatched, GraphFactory.createGraphMem(), true);
    }

    /**
     * As above, staging into {@code fresh}; without {@code rowState} the rows' hashes are not kept
     * (a check never saves a row state, and on a large source they would fill the heap) and the
     * staging's {@code newState} is null.
     */
    Staged stage(OpenedSource source, MappingDocument mapping, RowState old, long maxRows, int keepUnmatched, Graph fresh,
                 boolean rowState) {
        if (!rowState && old != null) {
            throw new IllegalArgumentException("an incremental staging needs the row state");
        }
        CommuneLinker[] linker = new CommuneLinker[1];
        RowState.Builder next = rowState ? new RowState.Builder() : null;
        Set<Node> touched = new HashSet<>();
        Map<String, Set<Long>> seen = new LinkedHashMap<>();
        AtomicBoolean blank = new AtomicBoolean();
        RunStats run = source.map(mapping, new OpenedSource.Run(baseIri, progress, (pass, hash, subject) -> {
            // A blank-node subject cannot be found again in the live graph: no row state then.
            if (subject != null && !subject.isURI()) {
                blank.set(true);
            }
            if (next != null) {
                next.add(pass, hash, subject != null && subject.isURI() ? subject.getURI() : null);
            }
            if (old == null) {
                return true;
            }
            RowState.PassRows before = old.pass(pass);
            seen.computeIfAbsent(pass, k -> new HashSet<>()).add(hash);
            if (before != null && before.contains(hash)) {
                return false;
            }
            if (subject != null) {
                touched.add(subject);
            }
            return true;
        }, maxRows), linked(fresh, linker, keepUnmatched));
        if (old != null) {
            // Rows gone since last time: their subjects are touched too.
            for (Map.Entry<String, RowState.PassRows> e : old.passes().entrySet()) {
                Set<Long> now = seen.getOrDefault(e.getKey(), Set.of());
                RowState.PassRows p = e.getValue();
                for (int i = 0; i < p.hashes().length; i++) {
                    if (!now.contains(p.hashes()[i]) && p.subjects()[i] != null) {
                        touched.add(NodeFactory.createURI(p.subjects()[i]));
                    }
                }
            }
            // Unchanged rows of touched subjects (another pass, or another row of the same
            // subject) are mapped again, so that each touched subject is complete; so are the
            // unchanged geometry rows of records that changed, so that the linker sees their point
            // again and places them (regie:inCommune by geometry, regie:inIris).
            Map<Node, Node> pending = linker[0] == null ? Map.of() : linker[0].pendingGeometries();
            Set<Node> wanted = new HashSet<>(touched);
            wanted.addAll(pending.keySet());
            if (!touched.isEmpty() && needsSecondScan(next, wanted, old)) {
                CommuneLinker[] second = new CommuneLinker[1];
                StreamRDF into = linked(fresh, second, 0);
                if (second[0] != null) {
                    second[0].expecting(pending);
                }
                source.map(mapping, OpenedSource.Run.of(baseIri, Progress.NONE, (pass, hash, subject) -> {
                    RowState.PassRows before = old.pass(pass);
                    return subject != null && wanted.contains(subject) && before != null && before.contains(hash);
                }), into);
            }
        }
        CommuneLinker l = linker[0];
        // Records placed outside the dataset's scope (regie:within) are left out, once all is staged.
        long outside = extent.keepWithin(fresh);
        return new Staged(fresh, touched, run.rows(), l == null ? 0 : l.linked(), l == null ? 0 : l.unmatchedCount(),
                l == null ? List.of() : l.unmatched(), l == null ? Map.of() : l.paths(), blank.get() ? null : next, old != null,
                l == null ? 0 : l.irisPlaced(), outside);
    }

    private static boolean needsSecondScan(RowState.Builder next, Set<Node> touched, RowState old) {
        RowState now = next.build(0, "", Map.of());
        Set<String> names = new HashSet<>();
        touched.forEach(n -> names.add(n.getURI()));
        for (Map.Entry<String, RowState.PassRows> e : now.passes().entrySet()) {
            RowState.PassRows before = old.pass(e.getKey());
            RowState.PassRows p = e.getValue();
            for (int i = 0; i < p.hashes().length; i++) {
                if (p.subjects()[i] != null && names.contains(p.subjects()[i]) && before != null && before.contains(p.hashes()[i])) {
                    return true;
                }
            }
        }
        return false;
    }
}
