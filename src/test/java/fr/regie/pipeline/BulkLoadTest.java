package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Database;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.testing.TestDb;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * A first load through TDB2's bulk loader gives the same graph as a refresh, writes version 1
 * and its patch, and leaves a row state that makes the next refresh incremental.
 */
class BulkLoadTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Path registryFile;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO station SELECT g, 'Station ' || g, CASE WHEN g % 2 = 0 THEN '93066' ELSE '93001' END, g % 30"
                        + " FROM generate_series(1, 2000) AS g");
        registryFile = RefreshFixture.write(dir, db.url());
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void bulkLoadThenIncrementalRefresh() throws Exception {
        Registry reg = Registry.read(registryFile);
        DatasetSpec stations = reg.dataset("stations").orElseThrow();
        GraphNames graphs = new GraphNames(RefreshFixture.BASE);
        Set<Triple> refreshed;
        try (Store other = Store.open(dir.resolve("by-refresh"))) {
            Refresher r = new Refresher(reg, other, dir, Refresher.Options.defaults());
            r.refresh(reg.dataset("territory").orElseThrow());
            r.refresh(stations);
            refreshed = RefreshFixture.graph(other, "stations");
        }
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
            r.refresh(reg.dataset("territory").orElseThrow());
            DatasetGraph dsg = store.dataset();
            TerritoryIndex idx = Txn.calculateRead(dsg, () -> TerritoryIndex.of(dsg.getGraph(graphs.dataset("territory"))));
            RefreshResult loaded;
            try (Database d = Database.connect(db.url(), null, null)) {
                loaded = BulkLoad.load(stations, store, graphs, RefreshFixture.BASE, d, idx, 1, true, 0, (fmt, args) -> {});
            }
            assertEquals(RefreshResult.Outcome.ACCEPTED, loaded.outcome(), loaded.line());
            assertEquals(1, loaded.version());
            assertEquals(refreshed, RefreshFixture.graph(store, "stations"), "bulk load and refresh give the same graph");
            assertEquals(List.of(1L), store.layout().changeLog("stations").written());

            assertEquals(RefreshResult.Outcome.UNCHANGED, r.refresh(stations).orElseThrow().outcome());
            db.execute("UPDATE station SET places = places + 1 WHERE id % 100 = 0");
            RefreshResult change = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.ACCEPTED, change.outcome(), change.line());
            assertTrue(change.incremental());
            assertEquals(20, change.added(), "one triple per changed row");
            assertEquals(20, change.removed());
            assertEquals(refreshed.size(), RefreshFixture.graph(store, "stations").size());

            try (Database d = Database.connect(db.url(), null, null)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> BulkLoad.load(stations, store, graphs, RefreshFixture.BASE, d, idx, 1, true, 0, (fmt, args) -> {}));
                assertTrue(e.getMessage().contains("already has version 2"), e.getMessage());
            }
        }
    }
}
