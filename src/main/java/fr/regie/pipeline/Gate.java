package fr.regie.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.DatasetSpec;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The third step of a refresh: judges the graph as the patch would leave it. SHACL first (with
 * the rest of the store as context), then the mass-deletion guard; a rejection leaves its report
 * beside the store ({@link Reports}).
 */
final class Gate {
    /** How the run ends: outcome, why, the quality measured (null when nothing was validated) and the report of a rejection. */
    record Verdict(RefreshResult.Outcome outcome, String message, Quality quality, String report) {
        static Verdict unchanged(String why) {
            return new Verdict(RefreshResult.Outcome.UNCHANGED, why, null, null);
        }

        boolean accepted() {
            return outcome == RefreshResult.Outcome.ACCEPTED;
        }
    }

    private final DatasetSpec spec;
    private final Store store;
    private final GraphNames graphs;
    private final long maxViolations;
    private final boolean allowMassDeletion;
    private final Instant start;

    Gate(DatasetSpec spec, Store store, GraphNames graphs, long maxViolations, boolean allowMassDeletion, Instant start) {
        this.spec = spec;
        this.store = store;
        this.graphs = graphs;
        this.maxViolations = maxViolations;
        this.allowMassDeletion = allowMassDeletion;
        this.start = start;
    }

    Verdict judge(Staging.Staged staged, Difference diff) {
        Quality quality = validate(staged, diff);
        if (quality.violations() > maxViolations) {
            String why = "quality gate: " + quality.violations() + " violation(s), at most " + maxViolations + " allowed";
            List<String> details = new ArrayList<>();
            details.add(quality.summary());
            quality.byShape().forEach((shape, n) -> details.add(String.format("%,8d × %s", n, shape)));
            quality.samples().forEach(s -> details.add("  " + s));
            return reject(why, quality, details);
        }
        if (diff.isEmpty()) {
            return new Verdict(RefreshResult.Outcome.UNCHANGED, "", quality, null);
        }
        // Reported, recorded with the run, not refused: a partner's new term is a warning until declared.
        List<String> undeclared = Terms.undeclared(spec, staged.graph());
        String warning = undeclared.isEmpty() ? "" : "warning: " + undeclared.size() + " term(s) that no ontology or vocabulary declares: "
                + String.join(", ", undeclared.subList(0, Math.min(10, undeclared.size()))) + (undeclared.size() > 10 ? ", …" : "");
        MassDeletion deletion = MassDeletion.of(diff.removed(), diff.added(), diff.liveTriples(), diff.liveRows(), staged.rows());
        double share = spec.maxRemovalShare().doubleValue();
        if (!allowMassDeletion && deletion.exceeds(share)) {
            List<String> details = new ArrayList<>(List.of("Some of the triples it would delete:"));
            deletion.samples().forEach(t -> details.add("  " + t));
            return reject(deletion.message(share), quality, details);
        }
        return new Verdict(RefreshResult.Outcome.ACCEPTED, warning, quality, null);
    }

    private Verdict reject(String why, Quality quality, List<String> details) {
        return new Verdict(RefreshResult.Outcome.REJECTED, why, quality, Reports.keep(store, spec.id(), start, why, details));
    }

    /** SHACL on the dataset's graph as the patch would leave it, the rest of the store as context. */
    Quality validate(Staging.Staged staged, Difference diff) {
        Set<Triple> removed = new HashSet<>(diff.removed());
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        return Txn.calculateRead(dsg, () -> Validation.validate(spec,
                new Patched(dsg.getGraph(graph), removed, staged.graph(), diff.added().size()), new OtherGraphs(dsg, graph)));
    }
}
