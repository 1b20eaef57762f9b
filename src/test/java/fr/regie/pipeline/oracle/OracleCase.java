package fr.regie.pipeline.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One sequence the refresh oracle plays: steps of row changes in the source, each followed by a
 * refresh. Immutable, so that the shrinker can derive smaller sequences from it freely.
 */
record OracleCase(long seed, List<Step> steps) {
    OracleCase {
        steps = List.copyOf(steps);
    }

    /** How the refresh after a step runs. */
    enum Mode {
        /** A scheduled refresh: the fingerprint and the row state decide what is mapped again. */
        INCREMENTAL,
        /** {@code regie refresh --full}. */
        FULL,
        /** Nothing changed in the source: the fingerprint must let the refresh skip the mapping. */
        SKIPPED
    }

    /** Row changes, then a refresh. */
    record Step(List<Mutation> mutations, Mode mode) {
        Step {
            mutations = List.copyOf(mutations);
        }
    }

    /** A change to one row of the source. Values are Java objects bound as JDBC parameters; null is SQL NULL. */
    sealed interface Mutation permits Insert, Update, Delete {
        OracleSchema.Table table();

        long id();
    }

    /** A new row; {@code values} follow the table's columns after the key. */
    record Insert(OracleSchema.Table table, long id, List<Object> values) implements Mutation {
        Insert {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** One column of an existing row (nothing when the row is gone). */
    record Update(OracleSchema.Table table, long id, OracleSchema.Column column, Object value) implements Mutation {}

    /** A row removed (nothing when it is already gone). */
    record Delete(OracleSchema.Table table, long id) implements Mutation {}

    /** The sequence as a reader reproduces it by hand: one line per step. */
    String describe() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String changes = s.mutations().isEmpty() ? "(no change)"
                    : s.mutations().stream().map(OracleCase::describe).collect(Collectors.joining("; "));
            lines.add(String.format("  step %d: %s; then refresh (%s)", i + 1, changes, s.mode().name().toLowerCase()));
        }
        return String.join("\n", lines);
    }

    static String describe(Mutation m) {
        return switch (m) {
            case Insert i -> {
                List<String> cols = new ArrayList<>(List.of("id"));
                List<String> vals = new ArrayList<>(List.of(Long.toString(i.id())));
                List<OracleSchema.Column> columns = i.table().columns();
                for (int k = 0; k < columns.size(); k++) {
                    if (i.values().get(k) != null) {
                        cols.add(columns.get(k).name());
                        vals.add(OracleValues.show(i.values().get(k)));
                    }
                }
                yield "INSERT INTO " + i.table().sqlName() + " (" + String.join(", ", cols) + ") VALUES (" + String.join(", ", vals) + ")";
            }
            case Update u -> "UPDATE " + u.table().sqlName() + " SET " + u.column().name() + " = " + OracleValues.show(u.value())
                    + " WHERE id = " + u.id();
            case Delete d -> "DELETE FROM " + d.table().sqlName() + " WHERE id = " + d.id();
        };
    }

    /** How many values the sequence writes: what the shrinker makes smaller after dropping steps. */
    int size() {
        int n = 0;
        for (Step s : steps) {
            for (Mutation m : s.mutations()) {
                n += m instanceof Insert i ? 1 + (int) i.values().stream().filter(v -> v != null).count() : 1;
            }
        }
        return n;
    }
}
