package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Progress;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.registry.DatasetSpec;

/**
 * One attempt at refreshing one dataset (see {@link Refresher}): stage the source
 * ({@link Staging}), compute the difference with the live graph (in the store's terms, for the
 * subjects touched or for everything), check the graph as it will be (SHACL in the context of the
 * store, then the mass-deletion guard), write the patch to the change log, and apply it with its
 * provenance in one write transaction.
 */
final class RefreshRun {
    private final DatasetSpec spec;
    private final Store store;
    private final GraphNames graphs;
    private final Staging staging;
    private final long maxViolations;
    private final Set<Refresher.Flag> flags;
    private final Instant start;

    RefreshRun(DatasetSpec spec, Store store, GraphNames graphs, String baseIri, TerritoryIndex territory,
               long maxViolations, Set<Refresher.Flag> flags, Instant start, Progress progress) {
        this.spec = spec;
        this.store = store;
        this.graphs = graphs;
        this.staging = new Staging(spec, baseIri, territory, progress);
        this.maxViolations = maxViolations;
        this.flags = Set.copyOf(flags);
        this.start = start;
    }

    /** The live graph and what the refresh changes in it. */
    private record Difference(long live, long liveRows, long liveTriples, List<Triple> removed, List<Triple> added) {}

    /** How the run ends: outcome, why, and the report of a rejection. */
    private record Verdict(RefreshResult.Outcome outcome, String message, Quality quality, String report) {}

    /** Runs; source and mapping errors propagate (the caller retries or records the failure). */
    RefreshResult run(Database db, MappingDocument mapping, RefreshKey key, List<String[]> mappingFiles) throws IOException {
        DatasetGraph dsg = store.dataset();
        long live = Txn.calculateRead(dsg, () -> MetaRecorder.version(dsg, graphs, spec.id()));
        // A full refresh forgets what the last one saw: no fingerprint skip, no row state.
        Optional<RowState> state = flags.contains(Refresher.Flag.FULL) ? Optional.empty() : RowState.load(store.layout().rowState(spec.id()))
                .filter(s -> s.version() == live && live > 0 && s.key().equals(key.value()));
        Map<String, String> digests = SourceDigest.compute(db, mapping);
        if (state.isPresent() && !digests.isEmpty() && digests.equals(state.get().digests())) {
            Staging.Staged nothing = new Staging.Staged(GraphFactory.createGraphMem(), Set.of(), 0, 0, 0, List.of(), null, true);
            Difference none = new Difference(live, 0, 0, List.of(), List.of());
            return finish(nothing, none, new Verdict(RefreshResult.Outcome.UNCHANGED, "source fingerprint unchanged", null, null),
                    mappingFiles, digests, key);
        }
        Staging.Staged staged = staging.stage(db, mapping, state.orElse(null));
        Difference diff = difference(staged, live);
        return finish(staged, diff, judge(staged, diff), mappingFiles, digests, key);
    }

    /** The difference with the live graph: for the subjects touched, or for everything. */
    private Difference difference(Staging.Staged staged, long live) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> {
            Graph liveGraph = dsg.getGraph(graphs.dataset(spec.id()));
            List<Triple> added = new ArrayList<>();
            List<Triple> removed = new ArrayList<>();
            if (staged.incremental()) {
                for (Node s : staged.touched()) {
                    liveGraph.find(s, Node.ANY, Node.ANY).forEach(t -> {
                        if (!staged.graph().contains(t)) {
                            removed.add(t);
                        }
                    });
                }
            } else {
                liveGraph.find().forEach(t -> {
                    if (!staged.graph().contains(t)) {
                        removed.add(t);
                    }
                });
            }
            staged.graph().find().forEach(t -> {
                if (!liveGraph.contains(t)) {
                    added.add(t);
                }
            });
            return new Difference(live, MetaRecorder.liveRows(dsg, graphs, spec.id()), liveGraph.size(), removed, added);
        });
    }

    /** The gate, on the graph as it will be: the shapes first, then the mass-deletion guard. */
    private Verdict judge(Staging.Staged staged, Difference diff) {
        Quality quality = validate(staged, diff);
        if (quality.violations() > maxViolations) {
            String why = "quality gate: " + quality.violations() + " violation(s), at most " + maxViolations + " allowed";
            List<String> details = new ArrayList<>();
            details.add(quality.summary());
            quality.byShape().forEach((shape, n) -> details.add(String.format("%,8d × %s", n, shape)));
            quality.samples().forEach(s -> details.add("  " + s));
            return new Verdict(RefreshResult.Outcome.REJECTED, why, quality, Reports.keep(store, spec.id(), start, why, details));
        }
        if (diff.added().isEmpty() && diff.removed().isEmpty()) {
            return new Verdict(RefreshResult.Outcome.UNCHANGED, "", quality, null);
        }
        MassDeletion deletion = MassDeletion.of(diff.removed(), diff.added(), diff.liveTriples(), diff.liveRows(), staged.rows());
        double share = spec.maxRemovalShare().doubleValue();
        if (!flags.contains(Refresher.Flag.ALLOW_MASS_DELETION) && deletion.exceeds(share)) {
            String why = deletion.message(share);
            List<String> details = new ArrayList<>(List.of("Some of the triples it would delete:"));
            deletion.samples().forEach(t -> details.add("  " + t));
            return new Verdict(RefreshResult.Outcome.REJECTED, why, quality, Reports.keep(store, spec.id(), start, why, details));
        }
        return new Verdict(RefreshResult.Outcome.ACCEPTED, "", quality, null);
    }

    /** SHACL on the dataset's graph as the patch would leave it, the rest of the store as context. */
    private Quality validate(Staging.Staged staged, Difference diff) {
        Set<Triple> removed = new HashSet<>(diff.removed());
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        return Txn.calculateRead(dsg, () -> Validation.validate(spec,
                new Patched(dsg.getGraph(graph), removed, staged.graph(), diff.added().size()), new OtherGraphs(dsg, graph)));
    }

    private RefreshResult finish(Staging.Staged staged, Difference diff, Verdict verdict, List<String[]> mappingFiles,
                                 Map<String, String> digests, RefreshKey key) throws IOException {
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        boolean accepted = verdict.outcome() == RefreshResult.Outcome.ACCEPTED;
        boolean skipped = verdict.quality() == null;
        long version = accepted ? diff.live() + 1 : diff.live();
        RefreshResult result = new RefreshResult(spec.id(), verdict.outcome(), version, staged.rows(),
                accepted ? diff.added().size() : 0, accepted ? diff.removed().size() : 0, staged.incremental(), verdict.quality(),
                staged.linked(), staged.unmatched(), staged.unmatchedSamples(), verdict.message(), 1, start, Instant.now());
        if (accepted) {
            // Write-ahead: the patch is on disk before the version that it describes commits.
            store.layout().changeLog(spec.id()).write(version, graph, diff.removed(), diff.added());
        }
        Txn.executeWrite(dsg, () -> {
            if (accepted) {
                Graph g = dsg.getGraph(graph);
                diff.removed().forEach(g::delete);
                diff.added().forEach(g::add);
            }
            // Size and completeness change only with the data; other runs keep the last figures.
            new MetaRecorder(dsg, graphs).record(spec, result, mappingFiles, result.message(), verdict.report(),
                    accepted ? Completeness.of(spec, dsg.getGraph(graph)) : Map.of(), accepted ? dsg.getGraph(graph).size() : -1);
        });
        if (!skipped && verdict.outcome() != RefreshResult.Outcome.REJECTED) {
            if (staged.newState() != null) {
                staged.newState().build(version, key.value(), digests).save(store.layout().rowState(spec.id()));
            } else {
                Files.deleteIfExists(store.layout().rowState(spec.id()));
            }
        }
        return result;
    }
}
