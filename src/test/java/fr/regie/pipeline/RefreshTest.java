package fr.regie.pipeline;

import org.apache.jena.system.Txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.TerritoryIndex;
import fr.regie.testing.TestDb;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * Refreshes against a real PostgreSQL source and a real TDB2 store: first load, unchanged source,
 * an incremental change, a rejected change, a source that is down; the change log replays to the
 * live graph.
 */
class RefreshTest {
    @TempDir
    Path dir;
    private TestDb db;
    private Path registryFile;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO station VALUES (1, 'Stade de France', '93066', 20), (2, 'Mairie', '93001', 30),"
                        + " (3, 'Pleyel', '93059', 12), (4, 'Nowhere', '99999', 5)");
        registryFile = RefreshFixture.write(dir, db.url());
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Refresher refresher(Registry reg, Store store) {
        return new Refresher(reg, store, dir, new Refresher.Options(1, Duration.ofMillis(10), 0));
    }

    /** The stations graph a full run of the mapping gives today, linked to the current territory. */
    private Set<Triple> fullMap(Store store) {
        Graph g = GraphFactory.createGraphMem();
        Graph tg = GraphFactory.createGraphMem();
        RefreshFixture.graph(store, "territory").forEach(tg::add);
        TerritoryIndex idx = TerritoryIndex.of(tg);
        try (Database d = Database.connect(db.url(), null, null)) {
            R2rml.create().mapping(MappingReader.read(dir.resolve("stations.ttl"))).database(d).baseIri(RefreshFixture.BASE)
                    .build().run(new CommuneLinker(StreamRDFLib.graph(g), idx, LinkMethod.COMMUNE_CODE));
        }
        Set<Triple> out = new HashSet<>();
        g.find().forEachRemaining(out::add);
        return out;
    }

    @Test
    void theLifeOfADataset() throws Exception {
        Registry reg = Registry.read(registryFile);
        DatasetSpec stations = reg.dataset("stations").orElseThrow();
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = refresher(reg, store);
            assertEquals(RefreshResult.Outcome.FAILED, r.refresh(stations).orElseThrow().outcome(),
                    "no partner dataset before the territory");
            assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow().outcome());

            // First load: every station, linked; the old code lands on today's commune.
            RefreshResult first = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.ACCEPTED, first.outcome(), first.line());
            assertEquals(1, first.version());
            assertFalse(first.incremental());
            assertEquals(fullMap(store), RefreshFixture.graph(store, "stations"));
            assertTrue(RefreshFixture.graph(store, "stations").contains(Triple.create(
                    NodeFactory.createURI(RefreshFixture.BASE + "id/station/1"), NodeFactory.createURI("https://w3id.org/regie#inCommune"),
                    NodeFactory.createURI(RefreshFixture.BASE + "id/commune/93066"))));
            assertEquals(2, first.unmatched(), "93059 (no history in this small territory) and 99999 are reported");

            // Unchanged source: found by its fingerprint, nothing written but the record.
            RefreshResult same = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.UNCHANGED, same.outcome(), same.line());
            assertEquals(1, same.version());
            assertEquals(List.of(1L), store.layout().changeLog("stations").written());

            // A change: one row updated, one inserted, one deleted. Only they are mapped again.
            db.execute("UPDATE station SET places = 25 WHERE id = 1", "INSERT INTO station VALUES (5, 'Gare', '93001', 8)",
                    "DELETE FROM station WHERE id = 4");
            Set<Triple> before = RefreshFixture.graph(store, "stations");
            RefreshResult change = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.ACCEPTED, change.outcome(), change.line());
            assertTrue(change.incremental());
            assertEquals(2, change.version());
            Set<Triple> after = RefreshFixture.graph(store, "stations");
            assertEquals(fullMap(store), after, "an incremental refresh gives what a full run gives");
            Set<Triple> added = new HashSet<>(after);
            added.removeAll(before);
            Set<Triple> removed = new HashSet<>(before);
            removed.removeAll(after);
            assertEquals(added.size(), change.added());
            assertEquals(removed.size(), change.removed());

            // A change that breaks the shapes is rejected: the live graph stays exactly as it was.
            db.execute("UPDATE station SET places = -3 WHERE id = 2");
            RefreshResult bad = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.REJECTED, bad.outcome(), bad.line());
            assertEquals(after, RefreshFixture.graph(store, "stations"));
            assertEquals(2, bad.version());
            assertEquals(1, bad.quality().violations());
            assertTrue(bad.quality().samples().stream().anyMatch(x -> x.startsWith("violation") && x.contains("id/station/2")),
                    bad.quality().samples().toString());
            try (var reports = Files.list(store.dir().resolve("regie/reports/stations"))) {
                assertEquals(1, reports.count(), "the report of a rejected run is kept");
            }

            // The change log replays to the live graph.
            assertEquals(List.of(1L, 2L), store.layout().changeLog("stations").written());
            DatasetGraph replay = DatasetGraphFactory.createTxnMem();
            for (long v : store.layout().changeLog("stations").written()) {
                try (InputStream in = store.layout().changeLog("stations").open(v)) {
                    RDFPatchOps.applyChange(replay, in);
                }
            }
            Set<Triple> replayed = new HashSet<>();
            Node g = new GraphNames(RefreshFixture.BASE).dataset("stations");
            replay.getGraph(g).find().forEachRemaining(replayed::add);
            assertEquals(after, replayed);

            // Every run is recorded.
            MetaRecords.DatasetStatus st = MetaRecords.of(store.dataset(), new GraphNames(RefreshFixture.BASE), List.of("stations"), 10).get(0);
            assertEquals(2, st.version());
            assertEquals(List.of("rejected", "accepted", "unchanged", "accepted", "failed"),
                    st.recentRuns().stream().map(MetaRecords.Run::outcome).toList());
            assertEquals("1", st.recentRuns().get(0).measurements().get("shaclViolations"));
            // What a person reads of a run: its first SHACL results, and how its records were placed, path by path.
            assertEquals(bad.quality().samples().stream().sorted().toList(), st.recentRuns().get(0).examples());
            Map<String, String> firstRun = st.recentRuns().get(3).measurements();
            long placed = 0;
            for (Map.Entry<String, Long> e : first.linking().paths().entrySet()) {
                assertEquals(Long.toString(e.getValue()), firstRun.get("recordsPlaced " + e.getKey()), e.getKey());
                placed += e.getValue();
            }
            assertEquals(first.linked(), placed, "every placed record counted in one path");
            assertTrue(first.linked() > 0 && !first.linking().paths().isEmpty(), first.linking().toString());
        }
    }

    @Test
    void aSourceThatIsDownFailsAfterRetriesAndKeepsTheGraph() throws Exception {
        Registry reg = Registry.read(registryFile);
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = refresher(reg, store);
            r.refresh(reg.dataset("territory").orElseThrow());
            r.refresh(reg.dataset("stations").orElseThrow());
            Set<Triple> live = RefreshFixture.graph(store, "stations");
            Path down = RefreshFixture.write(Files.createDirectories(dir.resolve("down")), "jdbc:postgresql://127.0.0.1:1/nowhere");
            Registry broken = Registry.read(down);
            RefreshResult failed = refresher(broken, store).refresh(broken.dataset("stations").orElseThrow()).orElseThrow();
            assertEquals(RefreshResult.Outcome.FAILED, failed.outcome());
            assertEquals(2, failed.attempts(), "one retry");
            assertTrue(failed.message().contains("cannot connect to database jdbc:postgresql://127.0.0.1:1/nowhere"), failed.message());
            assertEquals(live, RefreshFixture.graph(store, "stations"));
            assertEquals(1, failed.version());
            // The records are as visible as the dataset: they tell the source's kind, never its address.
            String records = Txn.calculateRead(store.dataset(), () -> {
                StringBuilder sb = new StringBuilder();
                store.dataset().find(new GraphNames(RefreshFixture.BASE).meta("stations"), Node.ANY, Node.ANY, Node.ANY)
                        .forEachRemaining(q -> sb.append(q.getObject()).append('\n'));
                return sb.toString();
            });
            assertTrue(records.contains("the partner's source could not be read (SQL state 08001) (after 2 attempt(s))"), records);
            assertTrue(records.contains("PostgreSQL database of the partner"), records);
            for (String secret : List.of("127.0.0.1", "nowhere", db.url(), "currentSchema", "jdbc:")) {
                assertFalse(records.contains(secret), secret + " in the public records:\n" + records);
            }
        }
    }
}
