package fr.regie.pipeline.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import fr.regie.testing.TestDb;

/**
 * The refresh oracle: random sequences of row inserts, updates and deletes, each step followed by
 * a refresh (incremental, full, or skipped by the fingerprint when nothing changed); after every
 * step the live graph must be the current source mapped into an empty store, and the change log
 * replayed from version 1 must give it too (see {@link OracleRun}). On a failure the sequence is
 * shrunk to the smallest that still fails, and printed with its seed.
 * <p>
 * {@code -Dregie.oracle.seed=N} replays one seed (the first case gets N, the next N+1…);
 * {@code -Dregie.oracle.scale=100} plays a hundred times more cases than CI does.
 */
class RefreshOracleTest {
    private static final int CASES = 4;
    private static final int STEPS = 12;
    private static final int SHRINK_BUDGET = 300;
    private static final Duration SHRINK_TIME = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void liveGraphIsAlwaysTheSourceMappedAfresh(TestDb.Kind kind) throws Exception {
        long base = Long.getLong("regie.oracle.seed", ThreadLocalRandom.current().nextLong(1, 1L << 40));
        int cases = CASES * Integer.getInteger("regie.oracle.scale", 1);
        OracleValues values = new OracleValues(kind);
        OracleRun run = new OracleRun(kind, dir);
        OracleGenerator generator = new OracleGenerator(values);
        long t0 = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            long seed = base + i;
            OracleCase c = generator.generate(seed, STEPS);
            Optional<OracleRun.Failure> f = run.play(c);
            if (f.isPresent()) {
                OracleShrinker.Shrunk s = new OracleShrinker(run, values, SHRINK_BUDGET, SHRINK_TIME).shrink(c, f.get());
                fail(String.format("%s, seed %d (replay with -Dregie.oracle.seed=%d): after step %d of the smallest failing sequence"
                                + " (%d steps, from %d; %d replays to shrink it):%n%s%n  → %s", kind, seed, seed, s.failure().step(),
                        s.sequence().steps().size(), c.steps().size(), s.replays(), s.sequence().describe(), s.failure().what()));
            }
        }
        System.out.printf("refresh oracle on %s: %d cases of %d steps (seeds %d to %d) in %.1f s%n", kind, cases, STEPS, base,
                base + cases - 1, (System.nanoTime() - t0) / 1e9);
    }
}
