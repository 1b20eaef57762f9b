package fr.regie.pipeline;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Progress;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.registry.DatasetSpec;

/**
 * One attempt at refreshing one dataset (see {@link Refresher}), in four steps with typed
 * hand-offs: stage the source ({@link Staging} → {@code Staged}), compute the difference with
 * the live graph ({@link Difference}), judge the graph as it will be ({@link Gate} →
 * {@code Verdict}), and commit ({@link Commit}: the patch to the change log, then the data and
 * its provenance in one write transaction). A source whose fingerprint has not changed goes
 * straight to the last step.
 */
final class RefreshRun {
    private final DatasetSpec spec;
    private final Store store;
    private final GraphNames graphs;
    private final Staging staging;
    private final Set<Refresher.Flag> flags;
    private final Gate gate;
    private final Commit commit;
    private final Instant start;

    RefreshRun(DatasetSpec spec, Store store, GraphNames graphs, String baseIri, TerritoryIndex territory, Extent extent,
               long maxViolations, Set<Refresher.Flag> flags, Instant start, Progress progress) {
        this.spec = spec;
        this.store = store;
        this.graphs = graphs;
        this.staging = new Staging(spec, baseIri, territory, extent, progress);
        this.flags = Set.copyOf(flags);
        this.gate = new Gate(spec, store, graphs, maxViolations, flags.contains(Refresher.Flag.ALLOW_MASS_DELETION), start);
        this.commit = new Commit(spec, store, graphs, start);
        this.start = start;
    }

    /** Runs; source and mapping errors propagate (the caller retries or records the failure). */
    RefreshResult run(OpenedSource source, MappingDocument mapping, RefreshKey key, List<String[]> mappingFiles) throws IOException {
        DatasetGraph dsg = store.dataset();
        long live = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, spec.id()));
        // A full refresh forgets what the last one saw: no fingerprint skip, no row state.
        Optional<RowState> state = flags.contains(Refresher.Flag.FULL) ? Optional.empty() : RowState.load(store.layout().rowState(spec.id()))
                .filter(s -> s.version() == live && live > 0 && s.key().equals(key.value()));
        Map<String, String> digests = source.fingerprint(mapping);
        Commit.Provenance made = new Commit.Provenance(mappingFiles, digests, key);
        if (state.isPresent() && !digests.isEmpty() && digests.equals(state.get().digests())) {
            if (source.quietWhenUnchanged()) {
                // A feed polled every minute that did not change leaves no trace (no run record either).
                return new RefreshResult(spec.id(), RefreshResult.Outcome.UNCHANGED, live, RefreshResult.Changes.NONE,
                        RefreshResult.Linking.NONE, null, "feed unchanged (not recorded)", 1, start, java.time.Instant.now());
            }
            return commit.apply(Staging.Staged.nothing(), Difference.none(live), Gate.Verdict.unchanged("source fingerprint unchanged"), made);
        }
        Staging.Staged staged = staging.stage(source, mapping, state.orElse(null));
        Difference diff = Difference.of(store, graphs, spec.id(), staged, live);
        return commit.apply(staged, diff, gate.judge(staged, diff), made);
    }
}
