package fr.regie.pipeline.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random sequences from a seed: a first step that fills both tables, then steps of one to three
 * row changes (inserts, updates of any column, deletes, of pupils and of schools), with now and
 * then a step that changes nothing; about one refresh in four is a full one.
 */
final class OracleGenerator {
    private final OracleValues values;

    OracleGenerator(OracleValues values) {
        this.values = values;
    }

    OracleCase generate(long seed, int steps) {
        Random rnd = new Random(seed);
        List<Long> schools = new ArrayList<>();
        List<Long> pupils = new ArrayList<>();
        long[] nextId = {1};
        List<OracleCase.Step> out = new ArrayList<>();
        List<OracleCase.Mutation> first = new ArrayList<>();
        for (int i = 2 + rnd.nextInt(2); i > 0; i--) {
            first.add(insert(OracleSchema.Table.SCHOOL, nextId[0]++, rnd, schools));
        }
        for (int i = 3 + rnd.nextInt(4); i > 0; i--) {
            first.add(insert(OracleSchema.Table.PUPIL, nextId[0]++, rnd, pupils));
        }
        out.add(new OracleCase.Step(first, OracleCase.Mode.INCREMENTAL));
        for (int s = 1; s < steps; s++) {
            if (rnd.nextInt(5) == 0) {
                out.add(new OracleCase.Step(List.of(), OracleCase.Mode.SKIPPED));
                continue;
            }
            List<OracleCase.Mutation> ms = new ArrayList<>();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                ms.add(mutation(rnd, nextId, schools, pupils));
            }
            out.add(new OracleCase.Step(ms, rnd.nextInt(4) == 0 ? OracleCase.Mode.FULL : OracleCase.Mode.INCREMENTAL));
        }
        return new OracleCase(seed, out);
    }

    private OracleCase.Mutation mutation(Random rnd, long[] nextId, List<Long> schools, List<Long> pupils) {
        int dice = rnd.nextInt(100);
        boolean school = dice >= 75;
        OracleSchema.Table table = school ? OracleSchema.Table.SCHOOL : OracleSchema.Table.PUPIL;
        List<Long> ids = school ? schools : pupils;
        int kind = school ? (dice - 75) * 4 : dice * 4 / 3;
        if (kind < 30 || ids.isEmpty()) {
            return insert(table, nextId[0]++, rnd, ids);
        }
        long id = ids.get(rnd.nextInt(ids.size()));
        if (kind < 85) {
            OracleSchema.Column col = table.columns().get(rnd.nextInt(table.columns().size()));
            return new OracleCase.Update(table, id, col, values.next(col.kind(), rnd, schools.size()));
        }
        ids.remove(Long.valueOf(id));
        return new OracleCase.Delete(table, id);
    }

    private OracleCase.Insert insert(OracleSchema.Table table, long id, Random rnd, List<Long> ids) {
        ids.add(id);
        List<Object> row = new ArrayList<>();
        for (OracleSchema.Column col : table.columns()) {
            row.add(values.next(col.kind(), rnd, ids.size()));
        }
        return new OracleCase.Insert(table, id, row);
    }
}
