package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.registry.Registry;

/**
 * The mass-deletion guard: a refresh that would delete more than the dataset's share of the
 * live triples (0.2 unless the registry says otherwise) while the source's rows fell by less is
 * rejected, the live graph untouched, a report kept and the run recorded, unless it is allowed.
 * Updates (a new value for the same property) are not deletions; a source that shrank explains
 * its deletions.
 */
class MassDeletionTest {
    @TempDir
    Path dir;
    private TestDb db;

    @BeforeEach
    void source() {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private static RefreshResult refresh(Refresher r, Registry reg, Refresher.Flag... flags) {
        return r.refresh(reg.dataset("networks").orElseThrow(), Set.of(flags)).orElseThrow();
    }

    @Test
    void aColumnEmptiedInEveryRowIsRejectedUnlessAllowed() throws Exception {
        Registry reg = Registry.read(NetworkFixture.write(db, dir, ""));
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = NetworkFixture.refresher(reg, store, dir);
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh(r, reg).outcome());
            Set<Triple> live = NetworkFixture.graph(store);
            // 8 of the 20 live triples go, and no row does.
            db.execute("UPDATE station SET name = NULL, places = NULL");
            RefreshResult guarded = refresh(r, reg);
            assertEquals(RefreshResult.Outcome.REJECTED, guarded.outcome(), guarded.line());
            assertTrue(guarded.message().startsWith("mass-deletion guard: the refresh would delete 8 of the 20 live triples (40.0 %"),
                    guarded.message());
            assertEquals(live, NetworkFixture.graph(store), "the live graph is untouched");
            assertEquals(List.of(1L), store.layout().changeLog("networks").written());
            try (var reports = Files.list(store.dir().resolve("regie/reports/networks"))) {
                Path report = reports.findFirst().orElseThrow();
                assertTrue(Files.readString(report).contains("id/station/1"), Files.readString(report));
            }
            MetaRecords.Run run = MetaRecords.of(store.dataset(), new GraphNames(NetworkFixture.BASE), List.of("networks"), 1).get(0).recentRuns().get(0);
            assertEquals("rejected", run.outcome());
            assertEquals(guarded.message(), run.message());

            RefreshResult allowed = refresh(r, reg, Refresher.Flag.ALLOW_MASS_DELETION);
            assertEquals(RefreshResult.Outcome.ACCEPTED, allowed.outcome(), allowed.line());
            assertEquals(8, allowed.removed());
            assertEquals(12, NetworkFixture.graph(store).size());
        }
    }

    @Test
    void aSourceThatShrankAndValuesThatChangedAreNotMassDeletions() throws Exception {
        Registry reg = Registry.read(NetworkFixture.write(db, dir, ""));
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = NetworkFixture.refresher(reg, store, dir);
            refresh(r, reg);
            db.execute("UPDATE station SET name = name || ' 2', places = places + 1 WHERE id <> 4");
            RefreshResult updated = refresh(r, reg);
            assertEquals(RefreshResult.Outcome.ACCEPTED, updated.outcome(), updated.line());
            assertEquals(6, updated.removed(), "30 % of the triples replaced, none deleted");

            db.execute("DELETE FROM station WHERE id <> 4");
            RefreshResult shrank = refresh(r, reg);
            assertEquals(RefreshResult.Outcome.ACCEPTED, shrank.outcome(), shrank.line());
            assertEquals(12, shrank.removed(), "60 % of the triples deleted, and half the rows");
        }
    }

    @Test
    void theRegistryGivesEachDatasetItsShare() throws Exception {
        Registry reg = Registry.read(NetworkFixture.write(db, dir, "; regie:maxRemovalShare \"0.5\"^^xsd:decimal"));
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = NetworkFixture.refresher(reg, store, dir);
            refresh(r, reg);
            db.execute("UPDATE station SET name = NULL, places = NULL");
            RefreshResult res = refresh(r, reg);
            assertEquals(RefreshResult.Outcome.ACCEPTED, res.outcome(), res.line());
            assertEquals(8, res.removed());
        }
    }
}
