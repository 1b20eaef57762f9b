package fr.regie.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;

import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.r2rml.Progress;
import fr.regie.store.Store;

/**
 * The refresh pipeline's benchmark, on PostgreSQL, in one run: generate the tables; warm up;
 * the two-step path (map to N-Quads, then TDB2's phased loader); the straight load with its
 * version-1 patch, then without (the store kept); change one row in a hundred and refresh; then
 * refresh again with nothing changed. Tables, stores and files are removed at the end.
 */
public final class RefreshBenchmark {
    private static final long MAX_WARM_UP_ROWS = 100_000;

    private final Path dir;
    private final long rows;
    private final PrintWriter log;
    private final boolean loaderLog;
    /** What the refresher reports its mapping's progress to: set for each measured refresh, to probe the heap. */
    private volatile Progress progress = Progress.NONE;

    /**
     * Works under {@code dir}: registry and mappings, the N-Quads file, the stores. Progress goes
     * to {@code log}, and TDB2's loader messages too if {@code loaderLog}.
     */
    public RefreshBenchmark(Path dir, long rows, PrintWriter log, boolean loaderLog) {
        this.dir = dir;
        this.rows = rows;
        this.log = log;
        this.loaderLog = loaderLog;
    }

    public RefreshFigures run(BenchDatabase db) {
        Path work = dir.resolve("refresh");
        Store.deleteTree(work);
        try {
            return BenchData.withTables(db, admin -> measure(db, admin, work));
        } finally {
            Store.deleteTree(work);
        }
    }

    private RefreshFigures measure(BenchDatabase db, Connection admin, Path work) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        say("generating " + rows + " rows in PostgreSQL");
        long t0 = System.nanoTime();
        BenchData.create(admin, db.kind(), rows);
        Duration generation = Duration.ofNanos(System.nanoTime() - t0);
        long warm = Math.max(1, Math.min(MAX_WARM_UP_ROWS, rows / 10));
        BenchRegistry reg = BenchRegistry.write(work.resolve("registry"), admin, db.url(), warm);
        Node graph = reg.graphs().dataset(BenchRegistry.ITEMS);
        Path nq = work.resolve("items.nq");

        say("warming up on " + warm + " rows (both paths)");
        TwoStepLoad.run(db, BenchMapping.firstRows(warm), Math.max(1, warm / 2), graph, nq, work.resolve("store-warm-up-two-step"), clock());
        clean(nq, work.resolve("store-warm-up-two-step"));
        straight(reg, reg.warmUp(), work, "store-warm-up", true);

        say("step 1: two-step path, mapping to N-Quads then TDB2's phased loader");
        TwoStepLoad.Result twoStep = TwoStepLoad.run(db, BenchMapping.full(), half(), graph, nq, work.resolve("store-two-step"), clock());
        clean(nq, work.resolve("store-two-step"));
        say("step 1: straight load with the version-1 patch");
        PipelineRun withPatch = straight(reg, reg.items(), work, "store-patch", true);
        say("step 1: straight load without the patch (this store is refreshed next)");
        Path storeDir = work.resolve("store");
        try (Store store = Store.open(storeDir)) {
            Refresher refresher = withTerritory(reg, store, work);
            PipelineRun straight = StraightLoad.run(reg, reg.items(), store, work, false, clock());
            long sizeAfterLoad = store.size(graph);

            say("step 2: changing one row in a hundred, then refreshing");
            long changed = RowChange.apply(admin);
            PipelineRun refreshChanged = refresh(refresher, reg.items(), "refresh, 1% changed");
            long sizeAfterRefresh = store.size(graph);
            List<RowChange.Sample> samples = RowChange.check(admin, store, graph, rows);

            say("step 3: refreshing again, nothing changed");
            PipelineRun refreshUnchanged = refresh(refresher, reg.items(), "refresh, no change");
            return new RefreshFigures(rows, warm, load, generation, twoStep, straight, withPatch, changed, sizeAfterLoad,
                    sizeAfterRefresh, refreshChanged, samples, refreshUnchanged);
        }
    }

    /** A straight load into a new store of its own, deleted once measured. */
    private PipelineRun straight(BenchRegistry reg, DatasetSpec spec, Path work, String name, boolean writePatch) {
        Path storeDir = work.resolve(name);
        try (Store store = Store.open(storeDir)) {
            withTerritory(reg, store, work);
            return StraightLoad.run(reg, spec, store, work, writePatch, clock());
        } finally {
            Store.deleteTree(storeDir);
        }
    }

    /** A refresher on {@code store}, with the territory reference accepted (partner datasets wait for it). */
    private Refresher withTerritory(BenchRegistry reg, Store store, Path work) {
        Refresher refresher = new Refresher(reg.registry(), store, work, Refresher.Options.defaults(), spec -> progress);
        RefreshResult t = refresher.refresh(reg.territory()).orElseThrow();
        if (t.outcome() != RefreshResult.Outcome.ACCEPTED) {
            throw new IllegalStateException("the benchmark territory was not accepted: " + t.line());
        }
        return refresher;
    }

    /** A refresh, timed from the call to its return; the heap is probed halfway through its scan, if it scans. */
    private PipelineRun refresh(Refresher refresher, DatasetSpec spec, String phase) {
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            progress = new PassClock(t0, half(), heap);
            RefreshResult r = refresher.refresh(spec).orElseThrow();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new PipelineRun(new Measurement(phase, r.rowsRead(), r.added() + r.removed(), 0, elapsed,
                    heap.peakBytes(), heap.poolPeaksBytes(), heap.liveBytes(), Map.of()), r);
        } finally {
            progress = Progress.NONE;
        }
    }

    private long half() {
        return Math.max(1, rows / 2);
    }

    private static void clean(Path file, Path storeDir) {
        Store.deleteTree(file);
        Store.deleteTree(storeDir);
    }

    private LoaderClock clock() {
        return new LoaderClock(loaderLog ? log : null);
    }

    private void say(String what) {
        log.println("regie bench refresh: " + what + "...");
        log.flush();
    }
}
