package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.DatasetSpec;
import fr.regie.store.GraphNames;
import fr.regie.store.OutboxEntry;
import fr.regie.store.Store;

/**
 * The last step of a refresh: for an accepted run, the patch goes to the change log (synced)
 * before the version it describes commits; then one write transaction applies it and records
 * the run with its provenance (and, when the store keeps one, the commit's outbox entry:
 * {@link Recorded}); and the row state of an accepted or unchanged run is kept for the
 * next incremental one.
 */
final class Commit {
    /** What the run was made from, for its record and its row state; {@code upstream} only for a mirror (else null). */
    record Provenance(List<String[]> mappingFiles, Map<String, String> digests, RefreshKey key, UpstreamVersion upstream) {
        Provenance(List<String[]> mappingFiles, Map<String, String> digests, RefreshKey key) {
            this(mappingFiles, digests, key, null);
        }
    }

    private final DatasetSpec spec;
    private final Store store;
    private final GraphNames graphs;
    private final Instant start;

    Commit(DatasetSpec spec, Store store, GraphNames graphs, Instant start) {
        this.spec = spec;
        this.store = store;
        this.graphs = graphs;
        this.start = start;
    }

    RefreshResult apply(Staging.Staged staged, Difference diff, Gate.Verdict verdict, Provenance made) throws IOException {
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        boolean accepted = verdict.accepted();
        long version = accepted ? diff.live() + 1 : diff.live();
        RefreshResult.Changes changes = new RefreshResult.Changes(staged.rows(), accepted ? diff.added().size() : 0,
                accepted ? diff.removed().size() : 0, staged.incremental());
        RefreshResult result = new RefreshResult(spec.id(), verdict.outcome(), version, changes,
                new RefreshResult.Linking(staged.linked(), staged.unmatched(), staged.unmatchedSamples(), staged.paths(), staged.irisPlaced()),
                verdict.quality(),
                staged.outside() > 0 ? verdict.message() + "; " + staged.outside() + " records outside the dataset's territory (regie:within) left out"
                        : verdict.message(), 1, start, Instant.now());
        if (accepted) {
            // Write-ahead: the patch is on disk before the version that it describes commits.
            store.layout().changeLog(spec.id()).write(version, graph, diff.removed(), diff.added());
        }
        // The replica's entry says which patch to take: this version's, in the change log.
        Recorded.write(store, graphs, spec.id(), version, accepted ? OutboxEntry.Data.PATCH : OutboxEntry.Data.NONE, recorder -> {
            if (accepted) {
                Graph g = dsg.getGraph(graph);
                diff.removed().forEach(g::delete);
                diff.added().forEach(g::add);
            }
            // Size and completeness change only with the data; other runs keep the last figures.
            return recorder.record(spec, result, made.mappingFiles(), result.message(), verdict.report(),
                    accepted ? Completeness.of(spec, dsg.getGraph(graph)) : Map.of(), accepted ? dsg.getGraph(graph).size() : -1,
                    made.upstream());
        });
        boolean validated = verdict.quality() != null;
        if (validated && verdict.outcome() != RefreshResult.Outcome.REJECTED) {
            if (staged.newState() != null) {
                staged.newState().build(version, made.key().value(), made.digests()).save(store.layout().rowState(spec.id()));
            } else {
                Files.deleteIfExists(store.layout().rowState(spec.id()));
            }
        }
        return result;
    }
}
