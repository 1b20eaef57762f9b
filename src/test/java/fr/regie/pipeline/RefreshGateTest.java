package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.registry.Registry;

/**
 * The SHACL gate validates the graph as the refresh would leave it (live − removed + added, the
 * rest of the store beside it), not only what was staged: an incremental refresh whose staged
 * triples conform on their own is rejected when the result does not.
 */
class RefreshGateTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Registry reg;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        reg = Registry.read(NetworkFixture.write(db, dir, ""));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private RefreshResult refresh(Refresher r) {
        return r.refresh(reg.dataset("networks").orElseThrow()).orElseThrow();
    }

    @Test
    void removingWhatAShapeRequiresOfAnUntouchedNodeIsRejected() throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = NetworkFixture.refresher(reg, store, dir);
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh(r).outcome());
            Set<Triple> live = NetworkFixture.graph(store);
            // The network goes: nothing is staged (its row is gone), and station 4, whose row did not
            // change, now points to a node that is no ex:Network.
            db.execute("DELETE FROM network WHERE id = 2");
            RefreshResult res = refresh(r);
            assertEquals(RefreshResult.Outcome.REJECTED, res.outcome(), res.line());
            assertTrue(res.incremental(), res.line());
            assertEquals(1, res.quality().violations(), res.quality().samples().toString());
            assertTrue(res.quality().samples().get(0).contains("id/station/4"), res.quality().samples().toString());
            assertEquals(live, NetworkFixture.graph(store), "the live graph is untouched");
            assertEquals(1, res.version());
        }
    }

    @Test
    void aMaxCountExceededOnlyWithLiveTriplesIsRejected() throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = NetworkFixture.refresher(reg, store, dir);
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresh(r).outcome());
            Set<Triple> live = NetworkFixture.graph(store);
            // Only the new station is staged, and it conforms; network 1 now has four stations.
            db.execute("INSERT INTO station VALUES (5, 'Pont', 1, 10)");
            RefreshResult res = refresh(r);
            assertEquals(RefreshResult.Outcome.REJECTED, res.outcome(), res.line());
            assertTrue(res.incremental(), res.line());
            assertEquals(1, res.quality().violations(), res.quality().samples().toString());
            assertTrue(res.quality().samples().get(0).contains("id/network/1"), res.quality().samples().toString());
            assertEquals(live, NetworkFixture.graph(store));

            // The same change with network 2 is fine: the gate counts what the result holds.
            db.execute("UPDATE station SET network_id = 2 WHERE id = 5");
            RefreshResult ok = refresh(r);
            assertEquals(RefreshResult.Outcome.ACCEPTED, ok.outcome(), ok.line());
            assertEquals(0, ok.quality().violations());
        }
    }
}
