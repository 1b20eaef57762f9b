package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * What a refresh's result depends on besides the rows is in the key of the row state and
 * fingerprint: a new shape, a new territory version make the next refresh map, compare and
 * validate everything again, where the unchanged fingerprint used to skip it; --full does so
 * on demand.
 */
class RefreshKeyTest {
    @TempDir
    Path dir;

    @Test
    void aNewShapeIsCheckedOnTheNextRefreshAndFullIgnoresTheFingerprint() throws Exception {
        try (TestDb db = TestDb.create(TestDb.Kind.POSTGRESQL)) {
            Registry reg = Registry.read(NetworkFixture.write(db, dir, ""));
            DatasetSpec networks = reg.dataset("networks").orElseThrow();
            try (Store store = Store.open(dir.resolve("store"))) {
                Refresher r = NetworkFixture.refresher(reg, store, dir);
                assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(networks).orElseThrow().outcome());
                RefreshResult skipped = r.refresh(networks).orElseThrow();
                assertEquals("source fingerprint unchanged", skipped.message(), skipped.line());

                RefreshResult full = r.refresh(networks, Set.of(Refresher.Flag.FULL)).orElseThrow();
                assertEquals(RefreshResult.Outcome.UNCHANGED, full.outcome(), full.line());
                assertFalse(full.incremental(), full.line());
                assertEquals(6, full.rowsRead(), "every row mapped again");
                assertEquals(0, full.quality().violations(), "and validated again");

                // Station 3 has 30 places: a new shape allows 25 at most.
                Files.writeString(dir.resolve("shapes.ttl"), NetworkFixture.SHAPES + """
                        <#Places> a sh:NodeShape ; sh:targetClass ex:Station ; sh:property [ sh:path ex:places ; sh:maxInclusive 25 ] .
                        """);
                RefreshResult checked = r.refresh(networks).orElseThrow();
                assertEquals(RefreshResult.Outcome.REJECTED, checked.outcome(), checked.line());
                assertEquals(1, checked.quality().violations());
                assertTrue(checked.quality().samples().get(0).contains("id/station/3"), checked.quality().samples().toString());

                // Back to the shapes the live graph was accepted with: the row state saved then is good again.
                Files.writeString(dir.resolve("shapes.ttl"), NetworkFixture.SHAPES);
                RefreshResult back = r.refresh(networks).orElseThrow();
                assertEquals("source fingerprint unchanged", back.message(), back.line());
            }
        }
    }

    @Test
    void aNewTerritoryVersionRelinksRecordsWhoseSourceDidNotChange() throws Exception {
        try (TestDb db = TestDb.create(TestDb.Kind.POSTGRESQL)) {
            db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                    "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                    "INSERT INTO station VALUES (1, 'Stade de France', '93066', 20), (2, 'Mairie', '93001', 30)");
            Registry reg = Registry.read(RefreshFixture.write(dir, db.url()));
            DatasetSpec stations = reg.dataset("stations").orElseThrow();
            try (Store store = Store.open(dir.resolve("store"))) {
                Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
                r.refresh(reg.dataset("territory").orElseThrow());
                RefreshResult first = r.refresh(stations).orElseThrow();
                assertEquals(1, first.unmatched(), "93001 is not in the territory yet");

                db.execute("INSERT INTO commune VALUES ('93001', 'Aubervilliers')");
                assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow().outcome());
                RefreshResult relinked = r.refresh(stations).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, relinked.outcome(), relinked.line());
                assertEquals(0, relinked.unmatched());
                Triple link = Triple.create(NodeFactory.createURI(RefreshFixture.BASE + "id/station/2"),
                        NodeFactory.createURI("https://w3id.org/regie#inCommune"), NodeFactory.createURI(RefreshFixture.BASE + "id/commune/93001"));
                assertTrue(RefreshFixture.graph(store, "stations").contains(link));
            }
        }
    }

    @Test
    void theKeyCoversMappingShapesAndTheTerritoryOfLinkedDatasets() throws Exception {
        try (TestDb db = TestDb.create(TestDb.Kind.H2)) {
            Registry reg = Registry.read(RefreshFixture.write(dir, db.url()));
            DatasetSpec stations = reg.dataset("stations").orElseThrow();
            DatasetSpec territory = reg.dataset("territory").orElseThrow();
            RefreshKey before = RefreshKey.of(stations, 1);
            assertEquals(before, RefreshKey.of(stations, 1));
            assertNotEquals(before, RefreshKey.of(stations, 2), "stations are linked to the territory");
            assertEquals(RefreshKey.of(territory, 1), RefreshKey.of(territory, 2), "the territory links nothing");
            Files.writeString(dir.resolve("shapes.ttl"), Files.readString(dir.resolve("shapes.ttl")) + "\n# edited\n");
            assertNotEquals(before, RefreshKey.of(stations, 1));
            RefreshKey shapes = RefreshKey.of(stations, 1);
            Files.writeString(dir.resolve("stations.ttl"), Files.readString(dir.resolve("stations.ttl")) + "\n# edited\n");
            assertNotEquals(shapes, RefreshKey.of(stations, 1));
            RefreshKey mapping = RefreshKey.of(stations, 1);
            DatasetSpec byGeometry = new DatasetSpec(stations.id(), stations.iri(), stations.title(), stations.description(),
                    stations.publisher(), stations.publisherName(), stations.license(), stations.source(), stations.mappings(),
                    stations.shapes(), fr.regie.territory.LinkMethod.GEOMETRY, stations.accrualPeriodicity(), stations.cron(),
                    stations.accessLevel(), stations.accessPartners(), stations.maxRemovalShare());
            assertNotEquals(mapping, RefreshKey.of(byGeometry, 1), "a new link method relinks every record");
        }
    }
}
