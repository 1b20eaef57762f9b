package fr.regie.pipeline.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.RefreshResult.Outcome;
import fr.regie.store.ChangeLog;
import fr.regie.store.GraphNames;

/**
 * The mirror against an independent model: a seeded sequence of changes to the upstream
 * partner's table (rows inserted, updated, deleted; decimals at their edges, doubles such as
 * −0.0 and 1.0E300, three language tags, dates, booleans, NULLs, blank nodes), each followed by an upstream
 * refresh; now and then an upstream patch is lost or cut, and the mirror syncs only some of the
 * time, so that several upstream versions arrive at once. After each sync the mirror's graph
 * must be the upstream's dump as its server sends it, with the reference IRIs moved to the
 * local base by a plain-text rewrite; at the end the mirror's own change log must replay to its
 * graph. {@code -Dregie.test.cases=N} plays N steps (30 by default), {@code -Dregie.test.seed=S}
 * another sequence.
 */
class MirrorOracleTest {
    private static final int CASES = Integer.getInteger("regie.test.cases", 30);
    private static final long SEED = Long.getLong("regie.test.seed", 20261206L);
    private static final BigDecimal[] DECIMALS = {new BigDecimal("0"), new BigDecimal("0.000"), new BigDecimal("-0.001"),
            new BigDecimal("0.001"), new BigDecimal("99999999999999999.999"), new BigDecimal("-99999999999999999.999"),
            new BigDecimal("1.100"), new BigDecimal("12.5"), new BigDecimal("-7"), new BigDecimal("281474976710656.5")};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0E300, -1.5E-300, 30, 1500, 0.1, Double.NaN, Double.POSITIVE_INFINITY};
    private static final String[] NAMES = {"Gare", "Mairie", "École « Jean Jaurès »", "Parc\tdes sports", "", "Église Saint-Denys",
            "\"Le 6b\"", "Œuvre", "Marché\ncouvert", "Ω"};

    @TempDir
    Path dir;

    @Test
    void afterEachSyncTheMirrorHoldsTheUpstreamDump() throws Exception {
        Random rnd = new Random(SEED);
        List<String> log = new ArrayList<>();
        try (MirrorFixture f = MirrorFixture.create(dir)) {
            Set<Integer> ids = new TreeSet<>();
            int syncs = 0;
            int dumps = 0;
            int patches = 0;
            for (int step = 1; step <= CASES; step++) {
                int ops = 1 + rnd.nextInt(4);
                for (int i = 0; i < ops; i++) {
                    log.add(change(f, rnd, ids));
                }
                RefreshResult up = f.refreshUp();
                assertTrue(up.outcome() == Outcome.ACCEPTED || up.outcome() == Outcome.UNCHANGED, up.line());
                log.add("step " + step + ": upstream " + up.outcome() + " v" + up.version());
                if (up.outcome() == Outcome.ACCEPTED && up.version() > 1) {
                    double r = rnd.nextDouble();
                    if (r < 0.1) {
                        f.losePatch(up.version());
                        log.add("  upstream patch " + up.version() + " lost");
                    } else if (r < 0.18) {
                        Path p = f.patchFile(up.version());
                        String text = Files.readString(p);
                        Files.writeString(p, text.substring(0, text.length() / 2));
                        log.add("  upstream patch " + up.version() + " cut");
                    }
                }
                if (rnd.nextDouble() < 0.6 || step == CASES) {
                    RefreshResult down = f.syncDown();
                    syncs++;
                    if (down.message() != null && down.message().contains("dump")) {
                        dumps++;
                    } else if (down.outcome() == Outcome.ACCEPTED) {
                        patches++;
                    }
                    log.add("  mirror " + down.line());
                    if (down.outcome() == Outcome.FAILED || down.outcome() == Outcome.REJECTED) {
                        fail("seed " + SEED + ", step " + step + ": " + down.line() + "\n" + String.join("\n", log));
                    }
                    Set<Triple> expected = f.expected();
                    Set<Triple> actual = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);
                    if (!MirrorFixture.same(expected, actual)) {
                        Set<Triple> missing = new HashSet<>(expected);
                        missing.removeAll(actual);
                        Set<Triple> extra = new HashSet<>(actual);
                        extra.removeAll(expected);
                        fail("seed " + SEED + ", step " + step + ": the mirror differs from the upstream dump; missing " + missing
                                + ", extra " + extra + "\n" + String.join("\n", log));
                    }
                }
            }
            assertTrue(syncs >= CASES / 3, "the mirror synced " + syncs + " times");
            assertTrue(CASES < 20 || dumps >= 1, "some syncs took the dump (a lost or cut patch): " + dumps);
            assertEquals(MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID), replay(f), "the mirror's own change log replays to its graph");
            assertTrue(patches >= CASES / 4, "most syncs applied patches: " + patches);
        }
    }

    /** The mirror's change log applied in order to an empty dataset: its graph. */
    private static Set<Triple> replay(MirrorFixture f) throws Exception {
        ChangeLog changes = f.down.store.layout().changeLog(MirrorFixture.DOWN_ID);
        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        for (long v : changes.written()) {
            try (InputStream in = changes.open(v)) {
                RDFPatchOps.applyChange(copy, in);
            }
        }
        return Txn.calculateRead(copy, () -> new HashSet<>(copy.getGraph(new GraphNames(MirrorFixture.DOWN).dataset(MirrorFixture.DOWN_ID))
                .find().toList()));
    }

    /** One random change to the partner's table; returns what it did. */
    private static String change(MirrorFixture f, Random rnd, Set<Integer> ids) throws SQLException {
        int id = 1 + rnd.nextInt(25);
        try (Connection c = DriverManager.getConnection(f.db.url())) {
            if (!ids.contains(id)) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO lieu VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setInt(1, id);
                    fill(ps, rnd, 2);
                    ps.executeUpdate();
                }
                ids.add(id);
                return "insert " + id;
            }
            if (rnd.nextInt(3) == 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM lieu WHERE id = ?")) {
                    ps.setInt(1, id);
                    ps.executeUpdate();
                }
                ids.remove(id);
                return "delete " + id;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE lieu SET nom = ?, nom_en = ?, nom_de = ?, code = ?, surface = ?,"
                    + " mesure = ?, ouvert = ?, depuis = ?, parent = ? WHERE id = ?")) {
                fill(ps, rnd, 1);
                ps.setInt(10, id);
                ps.executeUpdate();
            }
            return "update " + id;
        }
    }

    /** The nine columns after the id, from parameter {@code at}: each value or NULL. */
    private static void fill(PreparedStatement ps, Random rnd, int at) throws SQLException {
        ps.setString(at, NAMES[rnd.nextInt(NAMES.length)]);
        orNull(ps, rnd, at + 1, Types.VARCHAR, () -> ps.setString(at + 1, NAMES[rnd.nextInt(NAMES.length)] + " (en)"));
        orNull(ps, rnd, at + 2, Types.VARCHAR, () -> ps.setString(at + 2, NAMES[rnd.nextInt(NAMES.length)] + " (de)"));
        ps.setString(at + 3, rnd.nextBoolean() ? "93066" : "93001");
        orNull(ps, rnd, at + 4, Types.DECIMAL, () -> ps.setBigDecimal(at + 4, DECIMALS[rnd.nextInt(DECIMALS.length)]));
        orNull(ps, rnd, at + 5, Types.DOUBLE, () -> ps.setDouble(at + 5, DOUBLES[rnd.nextInt(DOUBLES.length)]));
        orNull(ps, rnd, at + 6, Types.BOOLEAN, () -> ps.setBoolean(at + 6, rnd.nextBoolean()));
        orNull(ps, rnd, at + 7, Types.DATE, () -> ps.setDate(at + 7, Date.valueOf(java.time.LocalDate.of(1900 + rnd.nextInt(200), 1 + rnd.nextInt(12),
                1 + rnd.nextInt(28)))));
        orNull(ps, rnd, at + 8, Types.INTEGER, () -> ps.setInt(at + 8, 1 + rnd.nextInt(25)));
    }

    private interface Setter {
        void set() throws SQLException;
    }

    private static void orNull(PreparedStatement ps, Random rnd, int i, int type, Setter s) throws SQLException {
        if (rnd.nextInt(4) == 0) {
            ps.setNull(i, type);
        } else {
            s.set();
        }
    }
}
