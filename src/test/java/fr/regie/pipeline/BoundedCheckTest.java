package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * A check that stages on disk (a temporary TDB2 database, SHACL a window of subjects at a time,
 * the difference counted) says exactly what the same check in memory says, on seeded generated
 * stations (codes known and unknown, capacities missing or negative, rows added, changed and
 * deleted since the live version), read whole or sampled; and what both foretell is what the
 * refresh then does. Seeds: {@code -Dregie.test.boundedCheck.seeds=N} (default 4).
 */
class BoundedCheckTest {
    private static final int SEEDS = Integer.getInteger("regie.test.boundedCheck.seeds", 4);
    private static final List<String> CODES = List.of("93001", "93066", "93070", "93079");

    @TempDir
    Path dir;

    @Test
    void onDiskAndInMemoryChecksSayTheSameAndForetellTheRefresh() throws Exception {
        for (int seed = 1; seed <= SEEDS; seed++) {
            Path caseDir = Files.createDirectories(dir.resolve("seed-" + seed));
            try (TestDb db = TestDb.create(TestDb.Kind.H2)) {
                one(new Random(seed), seed, db, caseDir);
            }
        }
    }

    private void one(Random rnd, int seed, TestDb db, Path caseDir) throws Exception {
        Registry reg = Registry.read(RefreshFixture.write(caseDir, db.url()));
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION);
        for (String c : CODES) {
            db.execute("INSERT INTO commune VALUES ('" + c + "', 'Commune " + c + "')");
        }
        int n = 1 + rnd.nextInt(60);
        for (int id = 1; id <= n; id++) {
            db.execute(insert(rnd, id));
        }
        try (Store store = Store.open(caseDir.resolve("store"))) {
            Refresher refresher = new Refresher(reg, store, caseDir, new Refresher.Options(0, Duration.ofMillis(1), 0));
            DatasetSpec territory = reg.dataset("territory").orElseThrow();
            DatasetSpec stations = reg.dataset("stations").orElseThrow();
            refresher.refresh(territory, Set.of(Refresher.Flag.FULL)).orElseThrow();
            if (rnd.nextBoolean()) {
                // A live version to compare with, then changes since it.
                refresher.refresh(stations, Set.of(Refresher.Flag.FULL, Refresher.Flag.ALLOW_MASS_DELETION)).orElseThrow();
                for (int id = 1; id <= n; id++) {
                    int dice = rnd.nextInt(10);
                    if (dice == 0) {
                        db.execute("DELETE FROM station WHERE id = " + id);
                    } else if (dice == 1) {
                        db.execute("UPDATE station SET places = " + (rnd.nextInt(40) - 5) + ", code = '" + code(rnd) + "' WHERE id = " + id);
                    }
                }
                for (int id = n + 1; id <= n + rnd.nextInt(10); id++) {
                    db.execute(insert(rnd, id));
                }
            }
            List<CheckRequest> requests = List.of(CheckRequest.of(stations), new CheckRequest(stations, Optional.empty(), Optional.empty(),
                    OptionalLong.of(1 + rnd.nextInt(8)), false, CheckRequest.DEFAULT_TIMEOUT));
            for (CheckRequest request : requests) {
                String what = "seed " + seed + (request.sample().isPresent() ? ", sample " + request.sample().getAsLong() : "");
                CheckReport memory = new Check(reg, store, caseDir, Long.MAX_VALUE).run(request);
                assertTrue(memory.errors().stream().noneMatch(e -> e.contains("Exception")), what + ": " + memory.errors());
                Set<Triple> before = RefreshFixture.graph(store, "stations");
                // Always on disk, windows of 1 to 7 subjects; and spilled to disk half-way through the staging.
                CheckReport disk = new Check(reg, store, caseDir, 0, 1 + rnd.nextInt(7)).run(request);
                CheckReport spilled = new Check(reg, store, caseDir, Math.max(1, memory.triples() / 2), 3).run(request);
                assertEquals(before, RefreshFixture.graph(store, "stations"), what + ": a check changed the live graph");
                assertEquals(comparable(memory), comparable(disk), what + ": on disk");
                assertEquals(comparable(memory), comparable(spilled), what + ": spilled");
                assertTrue(disk.sourceNotes().getOrDefault("staging", "").startsWith("on disk"), what + ": " + disk.sourceNotes());
            }
            // What the bounded check foretold is what the refresh does.
            CheckReport foretold = new Check(reg, store, caseDir, 0, 2).run(CheckRequest.of(stations));
            Set<Triple> before = RefreshFixture.graph(store, "stations");
            RefreshResult r = refresher.refresh(stations, Set.of(Refresher.Flag.FULL, Refresher.Flag.ALLOW_MASS_DELETION)).orElseThrow();
            Set<Triple> after = RefreshFixture.graph(store, "stations");
            if (r.outcome() == RefreshResult.Outcome.ACCEPTED) {
                assertEquals(minus(after, before).size(), foretold.added(), "seed " + seed + ": added, " + r.line());
                assertEquals(minus(before, after).size(), foretold.removed(), "seed " + seed + ": removed, " + r.line());
            } else {
                assertEquals(r.quality().violations(), foretold.violations(), "seed " + seed + ": " + r.line());
            }
        }
    }

    /** Everything a report says but its times and the staging's own note; examples as sets (their order is the engine's). */
    private static Map<String, Object> comparable(CheckReport r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("ok", r.ok());
        m.put("errors", r.errors());
        m.put("rows", r.rows());
        m.put("triples", r.triples());
        m.put("linked", List.of(r.linkedDirect(), r.linkedThroughHistory(), r.linkedByGeometry(), r.notPlaced()));
        m.put("notPlacedRecords", new HashSet<>(r.notPlacedRecords()));
        m.put("shacl", List.of(r.conforms(), r.violations(), r.warnings()));
        // Quality keeps the first 20 results: the same set whenever there are no more than that.
        m.put("shaclExamples", r.violations() + r.warnings() <= 20 ? new HashSet<>(r.shaclExamples()) : r.shaclExamples().size());
        m.put("undeclared", r.undeclaredTerms());
        m.put("difference", List.of(r.added(), r.removed(), r.unchanged()));
        m.put("removedExamples", new HashSet<>(r.removedExamples()));
        Map<String, String> notes = new TreeMap<>(r.sourceNotes());
        notes.remove("time");
        notes.remove("staging");
        m.put("notes", notes);
        return m;
    }

    private static String insert(Random rnd, int id) {
        String places = switch (rnd.nextInt(12)) {
            case 0 -> "NULL";
            case 1 -> Integer.toString(-1 - rnd.nextInt(5));
            default -> Integer.toString(rnd.nextInt(60));
        };
        return "INSERT INTO station VALUES (" + id + ", 'Station " + id + (rnd.nextInt(5) == 0 ? " l''Île" : "") + "', '" + code(rnd) + "', "
                + places + ")";
    }

    private static String code(Random rnd) {
        return rnd.nextInt(8) == 0 ? String.format("%05d", 90000 + rnd.nextInt(9999)) : CODES.get(rnd.nextInt(CODES.size()));
    }

    private static Set<Triple> minus(Set<Triple> a, Set<Triple> b) {
        Set<Triple> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
