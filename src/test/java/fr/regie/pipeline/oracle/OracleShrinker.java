package fr.regie.pipeline.oracle;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a failing sequence as small as it stays failing: drops whole steps, then single row
 * changes, then writes NULL or the simplest value of its kind instead of each value; again while
 * anything got smaller, within a budget of replays and of time (a failure should not hold CI for long).
 */
final class OracleShrinker {
    /** A sequence and how it fails. */
    record Shrunk(OracleCase sequence, OracleRun.Failure failure, int replays) {}

    private final OracleRun run;
    private final OracleValues values;
    private final int budget;
    private final long deadline;
    private int replays;

    OracleShrinker(OracleRun run, OracleValues values, int budget, java.time.Duration time) {
        this.run = run;
        this.values = values;
        this.budget = budget;
        this.deadline = System.nanoTime() + time.toNanos();
    }

    private boolean spent() {
        return replays >= budget || System.nanoTime() > deadline;
    }

    Shrunk shrink(OracleCase failing, OracleRun.Failure failure) throws IOException, SQLException {
        OracleCase best = failing;
        OracleRun.Failure why = failure;
        boolean progress = true;
        while (progress && !spent()) {
            progress = false;
            for (OracleCase smaller : candidates(best)) {
                if (spent()) {
                    break;
                }
                replays++;
                Optional<OracleRun.Failure> f = run.play(smaller);
                if (f.isPresent()) {
                    best = smaller;
                    why = f.get();
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk(best, why, replays);
    }

    /** Smaller sequences, the biggest cuts first. */
    private List<OracleCase> candidates(OracleCase c) {
        List<OracleCase> out = new ArrayList<>();
        List<OracleCase.Step> steps = c.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            List<OracleCase.Step> fewer = new ArrayList<>(steps);
            fewer.remove(i);
            if (!fewer.isEmpty()) {
                out.add(new OracleCase(c.seed(), fewer));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            OracleCase.Step s = steps.get(i);
            for (int k = 0; k < s.mutations().size(); k++) {
                List<OracleCase.Mutation> ms = new ArrayList<>(s.mutations());
                ms.remove(k);
                out.add(with(c, i, new OracleCase.Step(ms, s.mode())));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            OracleCase.Step s = steps.get(i);
            for (int k = 0; k < s.mutations().size(); k++) {
                for (OracleCase.Mutation simpler : simpler(s.mutations().get(k))) {
                    List<OracleCase.Mutation> ms = new ArrayList<>(s.mutations());
                    ms.set(k, simpler);
                    out.add(with(c, i, new OracleCase.Step(ms, s.mode())));
                }
            }
        }
        return out;
    }

    private static OracleCase with(OracleCase c, int i, OracleCase.Step step) {
        List<OracleCase.Step> steps = new ArrayList<>(c.steps());
        steps.set(i, step);
        return new OracleCase(c.seed(), steps);
    }

    /** The same change with one value simpler: NULL, or the first value of its kind. */
    private List<OracleCase.Mutation> simpler(OracleCase.Mutation m) {
        List<OracleCase.Mutation> out = new ArrayList<>();
        switch (m) {
            case OracleCase.Insert ins -> {
                List<OracleSchema.Column> cols = ins.table().columns();
                for (int k = 0; k < cols.size(); k++) {
                    Object v = ins.values().get(k);
                    if (v == null) {
                        continue;
                    }
                    List<Object> nulled = new ArrayList<>(ins.values());
                    nulled.set(k, null);
                    out.add(new OracleCase.Insert(ins.table(), ins.id(), nulled));
                    Object simplest = values.pool(cols.get(k).kind()).get(0);
                    if (!same(v, simplest)) {
                        List<Object> simple = new ArrayList<>(ins.values());
                        simple.set(k, simplest);
                        out.add(new OracleCase.Insert(ins.table(), ins.id(), simple));
                    }
                }
            }
            case OracleCase.Update u -> {
                Object simplest = values.pool(u.column().kind()).get(0);
                if (!same(u.value(), simplest)) {
                    out.add(new OracleCase.Update(u.table(), u.id(), u.column(), simplest));
                }
            }
            case OracleCase.Delete d -> {
                // Nothing simpler than a delete but no delete, which dropping changes already tries.
            }
        }
        return out;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
