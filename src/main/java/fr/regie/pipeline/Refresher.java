package fr.regie.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.Progress;
import fr.regie.r2rml.R2rmlException;
import fr.regie.r2rml.SourceException;
import fr.regie.store.GraphNames;
import fr.regie.store.Outbox;
import fr.regie.store.OutboxEntry;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * Refreshes datasets of a registry into a store: map into staging, compute the difference with
 * the live graph, validate the graph as it will be, gate (shapes, mass deletion), then apply the
 * difference and its RDF Patch atomically, recording every run (accepted or not) in the metadata
 * graph. A source that is down or fails mid-read is retried with backoff; whatever happens, the
 * live graph is either the previous version or the new one. Two refreshes of the same dataset
 * never run at once.
 */
public final class Refresher {
    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);

    /** Settings: retries after a source failure, the first backoff (doubled each time), and the gate. */
    public record Options(int retries, Duration retryDelay, long maxViolations) {
        public static Options defaults() {
            return new Options(3, Duration.ofSeconds(2), 0);
        }
    }

    private final Registry registry;
    private final Store store;
    private final Path workDir;
    private final Options options;
    private final GraphNames graphs;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Function<DatasetSpec, Progress> progress;
    private final List<java.util.function.Consumer<RefreshResult>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile TerritoryIndex territory;
    private volatile long territoryVersion = -1;

    public Refresher(Registry registry, Store store, Path workDir, Options options) {
        this(registry, store, workDir, options, spec -> Progress.NONE);
    }

    /** As above, telling {@code progress} how the mapping of each dataset advances. */
    public Refresher(Registry registry, Store store, Path workDir, Options options, Function<DatasetSpec, Progress> progress) {
        this.progress = progress;
        this.registry = registry;
        this.store = store;
        this.workDir = workDir;
        this.options = options;
        this.graphs = new GraphNames(registry.territory().baseIri());
        recover();
    }

    /** What a refresh asked for by hand may do that a scheduled one does not. */
    public enum Flag {
        /** Ignore the source fingerprint and the row state: map everything, compare everything, validate again. */
        FULL,
        /** Let the refresh delete more of the live graph than the dataset's regie:maxRemovalShare (the mass-deletion guard). */
        ALLOW_MASS_DELETION
    }

    public GraphNames graphs() {
        return graphs;
    }

    /**
     * Makes each change log match its committed version (a crash may have left a patch ahead), and
     * removes the outbox entries of transactions that never committed.
     */
    private void recover() {
        DatasetGraph dsg = store.dataset();
        try {
            List<Path> removed = new Outbox(store.layout()).recover(dsg, graphs);
            if (!removed.isEmpty()) {
                LOG.warn("removed outbox entries written by transactions that never committed: {}", removed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the outbox of " + store.dir(), e);
        }
        for (DatasetSpec spec : registry.datasets()) {
            long committed = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, spec.id()));
            try {
                List<Long> removed = store.layout().changeLog(spec.id()).truncateAfter(committed);
                if (!removed.isEmpty()) {
                    LOG.warn("{}: removed patch(es) {} written by a refresh that never committed", spec.id(), removed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check the change log of " + spec.id(), e);
            }
        }
    }

    /** Whether a refresh of this dataset is running now. */
    public boolean running(String dataset) {
        ReentrantLock l = locks.get(dataset);
        return l != null && l.isLocked();
    }

    /**
     * Refreshes one dataset. Never throws for a source, mapping or data problem: the outcome says
     * it, and the run is recorded. Returns empty if a refresh of the dataset is already running.
     */
    public java.util.Optional<RefreshResult> refresh(DatasetSpec spec) {
        return refresh(spec, Set.of());
    }

    /** As {@link #refresh(DatasetSpec)}, with what the operator asked for. */
    public java.util.Optional<RefreshResult> refresh(DatasetSpec spec, Set<Flag> flags) {
        ReentrantLock lock = locks.computeIfAbsent(spec.id(), k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return java.util.Optional.empty();
        }
        RefreshResult r;
        try {
            r = refreshLocked(spec, flags);
        } finally {
            lock.unlock();
        }
        listeners.forEach(l -> l.accept(r));
        return java.util.Optional.of(r);
    }

    /**
     * Calls {@code listener} after each refresh, whatever its outcome (each one recorded a run):
     * how a publisher learns at once that the outbox has an entry.
     */
    public void onRefreshed(java.util.function.Consumer<RefreshResult> listener) {
        listeners.add(listener);
    }

    private RefreshResult refreshLocked(DatasetSpec spec, Set<Flag> flags) {
        Instant start = Instant.now();
        MappingDocument mapping;
        List<String[]> files;
        RefreshKey key;
        Extent extent;
        boolean isTerritory = spec.id().equals(registry.territory().referenceDataset());
        long territoryLive = isTerritory ? 0 : territoryVersion();
        if (!isTerritory && territoryLive == 0) {
            return failed(spec, start, "the territory reference (dataset '" + registry.territory().referenceDataset()
                    + "') has no accepted version: refresh it first", 1);
        }
        if (spec.source().isMirror()) {
            // Another Régie's dataset: no mapping, its dump and change feed instead.
            mapping = null;
            files = List.of();
            key = null;
        } else {
            try {
                mapping = MappingReader.read(spec.mappings());
                files = mappingFiles(spec);
                key = RefreshKey.of(spec, territoryLive);
            } catch (MappingException e) {
                return failed(spec, start, e.getMessage(), 1);
            }
        }
        try {
            extent = extentOf(spec);
        } catch (fr.regie.error.RegieException e) {
            return failed(spec, start, e.getMessage(), 1);
        }
        Duration delay = options.retryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                RefreshResult r = attempt(spec, flags, start, mapping, key, files, extent);
                if (r.outcome() == RefreshResult.Outcome.ACCEPTED && spec.id().equals(registry.territory().referenceDataset())) {
                    territoryVersion = -1;
                }
                return attempt == 1 ? r : withAttempts(r, attempt);
            } catch (SourceException e) {
                if (attempt > options.retries()) {
                    String after = " (after " + attempt + " attempt(s))";
                    return failed(spec, start, e.getMessage() + after, e.publicMessage() + after, attempt);
                }
                LOG.warn("{}: attempt {} failed, retrying in {} s: {}", spec.id(), attempt, delay.toSeconds(), e.getMessage());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return failed(spec, start, "interrupted while waiting to retry: " + e.getMessage(), attempt);
                }
                delay = delay.multipliedBy(2);
            } catch (R2rmlException e) {
                return failed(spec, start, e.getMessage(), attempt);
            } catch (IOException e) {
                return failed(spec, start, "cannot write beside the store: " + e.getMessage(), attempt);
            }
        }
    }

    /** The scope of a dataset ({@code regie:within}) in the live territory graph. */
    private Extent extentOf(DatasetSpec spec) {
        if (spec.within().isEmpty()) {
            return Extent.EVERYWHERE;
        }
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> Extent.of(spec, dsg.getGraph(graphs.dataset(registry.territory().referenceDataset()))));
    }

    /** One attempt: a mirror follows its upstream; any other dataset maps its source. */
    private RefreshResult attempt(DatasetSpec spec, Set<Flag> flags, Instant start, MappingDocument mapping, RefreshKey key,
                                  List<String[]> files, Extent extent) throws IOException {
        if (spec.source().isMirror()) {
            return new MirrorRun(spec, store, graphs, workDir, extent, options.maxViolations(), flags, start).run();
        }
        try (OpenedSource source = Sources.open(spec.id(), spec.source(), workDir)) {
            RefreshRun run = new RefreshRun(spec, store, graphs, registry.territory().baseIri(), territoryFor(spec), extent,
                    options.maxViolations(), flags, start, progress.apply(spec));
            return run.run(source, mapping, key, files);
        }
    }

    private static RefreshResult withAttempts(RefreshResult r, int attempts) {
        return r.withAttempts(attempts);
    }

    private long territoryVersion() {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, registry.territory().referenceDataset()));
    }

    /** The territory index, read from the store's territory graph, or null for the territory itself. */
    private TerritoryIndex territoryFor(DatasetSpec spec) {
        if (spec.id().equals(registry.territory().referenceDataset())) {
            return null;
        }
        DatasetGraph dsg = store.dataset();
        String ref = registry.territory().referenceDataset();
        long v = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, ref));
        if (territory == null || v != territoryVersion) {
            territory = Txn.calculateRead(dsg, () -> TerritoryIndex.of(dsg.getGraph(graphs.dataset(ref))));
            territoryVersion = v;
        }
        return territory;
    }

    private RefreshResult failed(DatasetSpec spec, Instant start, String message, int attempts) {
        return failed(spec, start, message, message, attempts);
    }

    /** Records a failed run: {@code message} for the operator, {@code published} in the dataset's records. */
    private RefreshResult failed(DatasetSpec spec, Instant start, String message, String published, int attempts) {
        DatasetGraph dsg = store.dataset();
        long live = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, spec.id()));
        RefreshResult r = RefreshResult.failed(spec.id(), live, message, attempts, start);
        List<String[]> files;
        try {
            files = mappingFiles(spec);
        } catch (RuntimeException e) {
            files = List.of();
        }
        List<String[]> used = files;
        Recorded.write(store, graphs, spec.id(), live, OutboxEntry.Data.NONE,
                recorder -> recorder.record(spec, r, used, published, null, Map.of(), -1));
        LOG.warn("{}: refresh failed: {}", spec.id(), message);
        return r;
    }

    /** Each mapping file as (path relative to the registry, SHA-256). */
    private List<String[]> mappingFiles(DatasetSpec spec) {
        List<String[]> out = new ArrayList<>();
        Path base = registry.file().toAbsolutePath().getParent();
        for (Path p : spec.mappings()) {
            out.add(new String[] {base.relativize(p.toAbsolutePath()).toString(), RefreshKey.sha256(p)});
        }
        return out;
    }
}
