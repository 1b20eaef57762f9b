package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;


/**
 * The R2RML benchmark on one database: fills the tables, warms both contenders up on a tenth of
 * the rows (at most 100,000), measures the baseline then the engine on all rows (as many times
 * as asked, keeping the fastest of each), and drops the tables. Progress goes to {@code log};
 * the figures come back as a {@link DatabaseResult}.
 */
public final class R2rmlBenchmark {
    private static final long MAX_WARM_UP_ROWS = 100_000;

    private final Path dir;
    private final long rows;
    private final int runs;
    private final PrintWriter log;

    /**
     * Works under {@code dir} (the H2 files and the output file go there); each phase is
     * measured {@code runs} times, alternately, and the fastest run kept.
     */
    public R2rmlBenchmark(Path dir, long rows, int runs, PrintWriter log) {
        this.dir = dir;
        this.rows = rows;
        this.runs = runs;
        this.log = log;
    }

    public DatabaseResult run(BenchDatabase db) {
        Path out = dir.resolve("out.nq");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        db.deleteFiles(dir);
        try {
            return BenchData.withTables(db, admin -> measure(db, admin, out));
        } finally {
            db.deleteFiles(dir);
            deleteQuietly(out);
        }
    }

    private DatabaseResult measure(BenchDatabase db, Connection admin, Path out) {
        say(db, "generating " + rows + " rows");
        long t0 = System.nanoTime();
        BenchData.create(admin, db.kind(), rows);
        Duration generation = Duration.ofNanos(System.nanoTime() - t0);
        long warm = Math.max(1, Math.min(MAX_WARM_UP_ROWS, rows / 10));
        say(db, "warming up on " + warm + " rows");
        BaselineRun.run(db, warm, Math.max(1, warm / 2), out);
        EngineRun.run(db, BenchMapping.firstRows(warm), Math.max(1, warm / 2), out);
        long half = Math.max(1, rows / 2);
        Measurement baseline = null;
        Measurement engine = null;
        for (int i = 1; i <= runs; i++) {
            String run = runs == 1 ? "" : " (run " + i + " of " + runs + ")";
            say(db, "measuring the baseline, plain JDBC" + run);
            baseline = Measurement.best(baseline, BaselineRun.run(db, -1, half, out));
            say(db, "measuring the engine" + run);
            engine = Measurement.best(engine, EngineRun.run(db, BenchMapping.full(), half, out));
        }
        return new DatabaseResult(db.label(), rows, generation, engine, baseline);
    }

    private void say(BenchDatabase db, String what) {
        log.println("regie bench: " + db.label() + ": " + what + "...");
        log.flush();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover output file under target/ is harmless.
        }
    }
}
