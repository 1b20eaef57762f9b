package fr.regie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import fr.regie.pipeline.BulkLoad;
import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Sources;
import fr.regie.r2rml.Database;
import fr.regie.store.Store;

/**
 * The straight path, {@code regie load}: {@link BulkLoad} streams the mapping into TDB2's phased
 * loader, then validates, records the version and saves the row state (and, if asked, the
 * version-1 patch). Timed whole, from the call to its return; the loader's monitor tells how much
 * of that came after the loader had finished.
 */
final class StraightLoad {
    private StraightLoad() {}

    /** Loads {@code spec} into {@code store}, whose territory reference is already accepted. */
    static PipelineRun run(BenchRegistry reg, DatasetSpec spec, Store store, Path workDir, boolean writePatch,
                           LoaderClock clock) {
        try (Database db = Sources.connect(spec.source(), workDir); HeapMeter heap = HeapMeter.start()) {
            clock.probeAtDataPhaseEnd(heap);
            long t0 = System.nanoTime();
            // No territory index: the dataset links nothing (regie:NoLink), so the load would not use it.
            RefreshResult r = BulkLoad.load(spec, store, reg.graphs(), reg.registry().territory().baseIri(), db, null, 0,
                    writePatch, 0, clock);
            long t1 = System.nanoTime();
            Measurement m = new Measurement(writePatch ? "straight + patch" : "straight", r.rowsRead(), r.added(),
                    BenchDirs.size(store.dir()), Duration.ofNanos(t1 - t0), heap.peakBytes(), heap.poolPeaksBytes(), heap.liveBytes(),
                    clock.split(t0, t1));
            return new PipelineRun(m, r);
        } catch (IOException e) {
            throw new UncheckedIOException("bulk load into " + store.dir(), e);
        }
    }
}
