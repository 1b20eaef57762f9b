package fr.regie.pipeline.oracle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random sequences from a seed: a first step that fills both tables, then steps of one to three
 * row changes (inserts, updates of any column, deletes, of pupils and of schools), with now and
 * then a step that changes nothing; about one refresh in four is a full one. Two updates in three
 * write a twin of the value in place (see {@link OracleValues#twin}), the change a fingerprint or
 * a row hash is likeliest to miss; the generator keeps the rows it wrote to know that value.
 */
final class OracleGenerator {
    private final OracleValues values;

    OracleGenerator(OracleValues values) {
        this.values = values;
    }

    /** The rows written so far, by table and key. */
    private static final class Rows {
        final Map<OracleSchema.Table, Map<Long, List<Object>>> byTable = new LinkedHashMap<>();
        long nextId = 1;

        Map<Long, List<Object>> of(OracleSchema.Table t) {
            return byTable.computeIfAbsent(t, k -> new LinkedHashMap<>());
        }
    }

    OracleCase generate(long seed, int steps) {
        Random rnd = new Random(seed);
        Rows rows = new Rows();
        List<OracleCase.Step> out = new ArrayList<>();
        List<OracleCase.Mutation> first = new ArrayList<>();
        for (int i = 2 + rnd.nextInt(2); i > 0; i--) {
            first.add(insert(OracleSchema.Table.SCHOOL, rnd, rows));
        }
        for (int i = 3 + rnd.nextInt(4); i > 0; i--) {
            first.add(insert(OracleSchema.Table.PUPIL, rnd, rows));
        }
        out.add(new OracleCase.Step(first, OracleCase.Mode.INCREMENTAL));
        for (int s = 1; s < steps; s++) {
            if (rnd.nextInt(6) == 0) {
                out.add(new OracleCase.Step(List.of(), OracleCase.Mode.SKIPPED));
                continue;
            }
            List<OracleCase.Mutation> ms = new ArrayList<>();
            // Single changes are the likeliest to slip past a fingerprint: no other change hides them.
            for (int k = rnd.nextInt(3) > 0 ? 1 : 2 + rnd.nextInt(2); k > 0; k--) {
                ms.add(mutation(rnd, rows));
            }
            out.add(new OracleCase.Step(ms, rnd.nextInt(4) == 0 ? OracleCase.Mode.FULL : OracleCase.Mode.INCREMENTAL));
        }
        return new OracleCase(seed, out);
    }

    private OracleCase.Mutation mutation(Random rnd, Rows rows) {
        OracleSchema.Table table = rnd.nextInt(4) == 0 ? OracleSchema.Table.SCHOOL : OracleSchema.Table.PUPIL;
        Map<Long, List<Object>> existing = rows.of(table);
        int dice = rnd.nextInt(100);
        if (dice < 20 || existing.isEmpty()) {
            return insert(table, rnd, rows);
        }
        List<Long> ids = new ArrayList<>(existing.keySet());
        long id = ids.get(rnd.nextInt(ids.size()));
        if (dice < 90) {
            int k = rnd.nextInt(table.columns().size());
            OracleSchema.Column col = table.columns().get(k);
            Object now = existing.get(id).get(k);
            Object v = now != null && rnd.nextInt(3) > 0 ? values.twin(col.kind(), now, rnd)
                    : values.next(col.kind(), rnd, rows.of(OracleSchema.Table.SCHOOL).size());
            existing.get(id).set(k, v);
            return new OracleCase.Update(table, id, col, v);
        }
        existing.remove(id);
        return new OracleCase.Delete(table, id);
    }

    private OracleCase.Insert insert(OracleSchema.Table table, Random rnd, Rows rows) {
        long id = rows.nextId++;
        List<Object> row = new ArrayList<>();
        for (OracleSchema.Column col : table.columns()) {
            row.add(values.next(col.kind(), rnd, rows.of(OracleSchema.Table.SCHOOL).size()));
        }
        rows.of(table).put(id, new ArrayList<>(row));
        return new OracleCase.Insert(table, id, row);
    }
}
