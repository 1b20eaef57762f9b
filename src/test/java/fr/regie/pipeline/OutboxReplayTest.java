package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Database;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Outbox;
import fr.regie.store.OutboxEntry;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.testing.TestDb;

/**
 * The outbox is the store's history: seeded random sequences on a real TDB2 store (a bulk load
 * first, with or without its patch, sometimes refused; then accepted changes adding and removing
 * decimals, language-tagged strings and blank nodes; runs refused by SHACL or by the
 * mass-deletion guard; sources that fail; runs with nothing new; territory changes). After every
 * run, its one new outbox entry applied to a dataset that started EMPTY (the version's patch from
 * the change log, or for a snapshot the primary's graph; then the metadata patch) gives exactly
 * the primary's data graphs and metadata graphs, compared triple by triple; each entry names the
 * run the metadata graph now ends with, the version, the data kind its outcome calls for, and as
 * {@code prev} the run of the entry before it.
 * <p>
 * {@code -Dregie.replay.seed=N} replays one seed (the first case gets N, the next N+1…).
 */
class OutboxReplayTest {
    private static final String BASE = "https://replay.example/";
    private static final int CASES = 3;
    private static final int STEPS = 14;
    private static final GraphNames GRAPHS = new GraphNames(BASE);
    private static final List<String> DATASETS = List.of("territory", "items");

    @TempDir
    Path dir;

    /** What happens at one step, and the outcome it calls for. */
    private enum Kind {
        CHANGE, NOTHING, VIOLATION, MASS_DELETION, FAILURE, TERRITORY
    }

    @Test
    void everyEntryAppliedInOrderToAnEmptyDatasetGivesThePrimary() throws Exception {
        long base = Long.getLong("regie.replay.seed", ThreadLocalRandom.current().nextLong(1, 1L << 40));
        Set<RefreshResult.Outcome> outcomes = EnumSet.noneOf(RefreshResult.Outcome.class);
        Set<OutboxEntry.Data> kinds = EnumSet.noneOf(OutboxEntry.Data.class);
        long t0 = System.nanoTime();
        int entries = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = base + i;
            try {
                entries += new Case(seed, Files.createTempDirectory(dir, "case"), outcomes, kinds).play();
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " (replay with -Dregie.replay.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
        System.out.printf("outbox replay: %d cases of %d steps (seeds %d to %d), %d entries, in %.1f s%n", CASES, STEPS, base,
                base + CASES - 1, entries, (System.nanoTime() - t0) / 1e9);
        // The sequences cover every outcome and kind of entry (the generator makes each likely in every case).
        assertEquals(EnumSet.allOf(RefreshResult.Outcome.class), outcomes, "outcomes seen");
        assertEquals(EnumSet.allOf(OutboxEntry.Data.class), kinds, "entry kinds seen");
    }

    /** One sequence, from an empty store and an empty replica. */
    private static final class Case {
        private final long seed;
        private final Path dir;
        private final Set<RefreshResult.Outcome> outcomes;
        private final Set<OutboxEntry.Data> kinds;
        private final Random rnd;
        /** The rows of {@code item}: id → (label, label_en, amount, places, street). */
        private final Map<Integer, Object[]> rows = new LinkedHashMap<>();
        private final DatasetGraph replica = DatasetGraphFactory.createTxnMem();
        private final Map<String, String> lastRun = new HashMap<>();
        private int nextId = 1;
        private int step;
        private int entries;

        Case(long seed, Path dir, Set<RefreshResult.Outcome> outcomes, Set<OutboxEntry.Data> kinds) {
            this.seed = seed;
            this.dir = dir;
            this.outcomes = outcomes;
            this.kinds = kinds;
            this.rnd = new Random(seed);
        }

        int play() throws Exception {
            try (TestDb db = TestDb.create(TestDb.Kind.H2)) {
                db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                        "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                        "CREATE TABLE item (id INTEGER PRIMARY KEY, label VARCHAR(40), label_en VARCHAR(40), amount DECIMAL(12,3),"
                                + " places INTEGER, street VARCHAR(40))");
                Registry reg = Registry.read(writeRegistry(dir, db.url()));
                DatasetSpec items = reg.dataset("items").orElseThrow();
                try (Store store = Store.open(dir.resolve("store"))) {
                    new Outbox(store.layout()).enable();
                    Refresher refresher = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
                    check(store, refresher.refresh(reg.dataset("territory").orElseThrow()).orElseThrow(), OutboxEntry.Data.PATCH);

                    // A bulk load first: with its patch or without (a snapshot then), refused now and then.
                    for (int i = 15 + rnd.nextInt(10); i > 0; i--) {
                        insert(db);
                    }
                    // Consecutive seeds take turns (three cases cover all three), so coverage never rests on luck.
                    int mode = (int) Math.floorMod(seed, 3L);
                    int bad = mode == 2 ? rows.keySet().iterator().next() : -1;
                    if (bad > 0) {
                        setPlaces(db, bad, -1);
                    }
                    boolean writePatch = mode == 1;
                    DatasetGraph dsg = store.dataset();
                    TerritoryIndex idx = Txn.calculateRead(dsg, () -> TerritoryIndex.of(dsg.getGraph(GRAPHS.dataset("territory"))));
                    RefreshResult loaded;
                    try (Database d = Database.connect(db.url(), null, null)) {
                        loaded = BulkLoad.load(items, store, GRAPHS, BASE, d, idx, 1, writePatch, 0, (fmt, args) -> {});
                    }
                    check(store, loaded, bad > 0 ? OutboxEntry.Data.NONE : writePatch ? OutboxEntry.Data.PATCH : OutboxEntry.Data.SNAPSHOT);
                    if (bad > 0) {
                        setPlaces(db, bad, 3);
                        // The refused load left nothing: the first refresh brings the whole dataset in.
                        RefreshResult first = refresher.refresh(items).orElseThrow();
                        assertEquals(RefreshResult.Outcome.ACCEPTED, first.outcome(), "the refresh after a refused bulk load");
                        check(store, first, OutboxEntry.Data.PATCH);
                    }

                    for (step = 1; step <= STEPS; step++) {
                        Kind kind = pick();
                        DatasetSpec spec = kind == Kind.TERRITORY ? reg.dataset("territory").orElseThrow() : items;
                        Set<Refresher.Flag> flags = rnd.nextInt(3) == 0 ? Set.of(Refresher.Flag.FULL) : Set.of();
                        Runnable undo = prepare(db, kind);
                        RefreshResult r = refresher.refresh(spec, flags).orElseThrow();
                        undo.run();
                        check(store, r, r.outcome() == RefreshResult.Outcome.ACCEPTED ? OutboxEntry.Data.PATCH : OutboxEntry.Data.NONE);
                        expect(kind, r);
                    }
                    // What the replay compared held what it is meant to: blank nodes, language tags, decimals.
                    Set<Triple> live = triples(dsg, GRAPHS.dataset("items"));
                    assertTrue(live.stream().anyMatch(t -> t.getSubject().isBlank()), "blank nodes");
                    assertTrue(live.stream().anyMatch(t -> t.getObject().isLiteral() && "en".equals(t.getObject().getLiteralLanguage())), "langs");
                    assertTrue(live.stream().anyMatch(t -> t.getObject().isLiteral()
                            && t.getObject().getLiteralDatatypeURI().endsWith("#decimal")), "decimals");
                }
            }
            return entries;
        }

        private Kind pick() {
            int dice = rnd.nextInt(100);
            return dice < 50 ? Kind.CHANGE : dice < 58 ? Kind.NOTHING : dice < 70 ? Kind.VIOLATION : dice < 80 ? Kind.MASS_DELETION
                    : dice < 92 ? Kind.FAILURE : Kind.TERRITORY;
        }

        /** Changes the source for a step; returns what puts it back after the refresh (for the runs meant to be refused). */
        private Runnable prepare(TestDb db, Kind kind) {
            switch (kind) {
                case CHANGE -> {
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                        int dice = rnd.nextInt(10);
                        List<Integer> ids = new ArrayList<>(rows.keySet());
                        int id = ids.get(rnd.nextInt(ids.size()));
                        if (dice < 3 || rows.size() < 14) {
                            insert(db);
                        } else if (dice < 8) {
                            update(db, id);
                        } else {
                            rows.remove(id);
                            db.execute("DELETE FROM item WHERE id = " + id);
                        }
                    }
                    return () -> {};
                }
                case VIOLATION -> {
                    List<Integer> ids = new ArrayList<>(rows.keySet());
                    int id = ids.get(rnd.nextInt(ids.size()));
                    int was = (Integer) rows.get(id)[3];
                    setPlaces(db, id, -1 - rnd.nextInt(5));
                    return () -> setPlaces(db, id, was);
                }
                case MASS_DELETION -> {
                    // Most values gone while the rows stay: what the guard is for (a source that lost data).
                    db.execute("UPDATE item SET label = NULL, label_en = NULL, amount = NULL, street = NULL");
                    return () -> {
                        db.execute("DELETE FROM item");
                        rows.forEach((id, row) -> db.execute(insertSql(id, row)));
                    };
                }
                case FAILURE -> {
                    db.execute("ALTER TABLE item RENAME TO item_away");
                    return () -> db.execute("ALTER TABLE item_away RENAME TO item");
                }
                case TERRITORY -> {
                    db.execute("UPDATE commune SET nom = 'Saint-Denis " + rnd.nextInt(1000) + "'");
                    return () -> {};
                }
                default -> {
                    return () -> {};
                }
            }
        }

        private void expect(Kind kind, RefreshResult r) {
            RefreshResult.Outcome want = switch (kind) {
                case VIOLATION, MASS_DELETION -> RefreshResult.Outcome.REJECTED;
                case FAILURE -> RefreshResult.Outcome.FAILED;
                case NOTHING -> RefreshResult.Outcome.UNCHANGED;
                default -> null;
            };
            if (want != null && r.outcome() != want) {
                fail("step " + step + " (" + kind + ") should have been " + want + ": " + r.line());
            }
        }

        private void insert(TestDb db) {
            int id = nextId++;
            Object[] row = {text(), rnd.nextInt(3) == 0 ? null : text(), amount(), rnd.nextInt(40), rnd.nextInt(4) == 0 ? null : text()};
            rows.put(id, row);
            db.execute(insertSql(id, row));
        }

        private void update(TestDb db, int id) {
            Object[] row = rows.get(id);
            int col = rnd.nextInt(5);
            row[col] = switch (col) {
                case 2 -> amount();
                case 3 -> rnd.nextInt(40);
                default -> rnd.nextInt(5) == 0 ? null : text();
            };
            db.execute("DELETE FROM item WHERE id = " + id, insertSql(id, row));
        }

        private void setPlaces(TestDb db, int id, int places) {
            db.execute("UPDATE item SET places = " + places + " WHERE id = " + id);
            if (places >= 0) {
                rows.get(id)[3] = places;
            }
        }

        private static String insertSql(int id, Object[] row) {
            return "INSERT INTO item VALUES (" + id + ", " + sql(row[0]) + ", " + sql(row[1]) + ", " + sql(row[2]) + ", " + row[3] + ", "
                    + sql(row[4]) + ")";
        }

        private static String sql(Object v) {
            return v == null ? "NULL" : v instanceof String s ? "'" + s.replace("'", "''") + "'" : v.toString();
        }

        private String text() {
            String[] parts = {"rue", "Élève", "l'été", "a \"b\"", "x\ny", "café", "Z", "ß", "0", " "};
            StringBuilder sb = new StringBuilder();
            for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
                sb.append(parts[rnd.nextInt(parts.length)]);
            }
            return sb.toString();
        }

        private BigDecimal amount() {
            // Trailing zeros and whole values: the store keeps a decimal's value, not its spelling.
            return BigDecimal.valueOf(rnd.nextInt(2_000_000) - 1_000_000, 3);
        }

        /**
         * The run just made wrote one entry: apply it to the replica, then the replica's graphs
         * must be the primary's.
         */
        private void check(Store store, RefreshResult r, OutboxEntry.Data kind) throws Exception {
            outcomes.add(r.outcome());
            Outbox outbox = new Outbox(store.layout());
            List<Outbox.Item> items = new ArrayList<>();
            for (String d : outbox.datasets()) {
                items.addAll(outbox.list(d));
            }
            String where = "step " + step + " (" + r.line() + ")";
            assertEquals(1, items.size(), where + ": one entry per run");
            Outbox.Item item = items.get(0);
            OutboxEntry e = outbox.read(item, 1 << 24);
            DatasetGraph dsg = store.dataset();
            assertEquals(r.dataset(), e.dataset(), where);
            assertEquals(store.layout().identity(), e.store(), where);
            assertEquals(r.version(), e.version(), where);
            assertEquals(kind, e.data(), where);
            assertEquals(Txn.calculateRead(dsg, () -> MetaRecords.lastRun(dsg, GRAPHS, r.dataset())).orElseThrow(), e.run(), where);
            assertEquals(lastRun.getOrDefault(e.dataset(), ""), e.prev(), where + ": prev names the run before");
            assertEquals(0, e.dataPatch().length, where + ": the outbox leaves the patch in the change log");
            kinds.add(e.data());
            switch (e.data()) {
                case PATCH -> {
                    try (InputStream in = store.layout().changeLog(e.dataset()).open(e.version())) {
                        RDFPatchOps.applyChange(replica, in);
                    }
                }
                case SNAPSHOT -> {
                    Node g = GRAPHS.dataset(e.dataset());
                    Set<Triple> now = triples(dsg, g);
                    Txn.executeWrite(replica, () -> {
                        replica.removeGraph(g);
                        now.forEach(t -> replica.add(Quad.create(g, t)));
                    });
                }
                case NONE -> { }
            }
            RDFPatchOps.applyChange(replica, new ByteArrayInputStream(e.metaPatch()));
            lastRun.put(e.dataset(), e.run());
            outbox.remove(item);
            entries++;
            for (String d : DATASETS) {
                for (Node g : List.of(GRAPHS.dataset(d), GRAPHS.meta(d))) {
                    Set<Triple> primary = triples(dsg, g);
                    Set<Triple> replayed = triples(replica, g);
                    if (!primary.equals(replayed)) {
                        fail(where + ": the replayed graph " + g.getURI() + " differs from the primary's: " + difference(primary, replayed));
                    }
                }
            }
            assertTrue(Txn.calculateRead(dsg, () -> dsg.getGraph(GRAPHS.meta(r.dataset())).size()) > 0, where);
        }

        private static Set<Triple> triples(DatasetGraph dsg, Node g) {
            return Txn.calculateRead(dsg, () -> {
                Set<Triple> out = new HashSet<>();
                dsg.getGraph(g).find().forEachRemaining(out::add);
                return out;
            });
        }

        private static String difference(Set<Triple> primary, Set<Triple> replayed) {
            Set<Triple> missing = new HashSet<>(primary);
            missing.removeAll(replayed);
            Set<Triple> extra = new HashSet<>(replayed);
            extra.removeAll(primary);
            return "missing " + missing.stream().limit(5).toList() + " (" + missing.size() + "), extra " + extra.stream().limit(5).toList()
                    + " (" + extra.size() + ")";
        }
    }

    private static Path writeRegistry(Path dir, String jdbcUrl) throws java.io.IOException {
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
                """);
        Files.writeString(dir.resolve("items.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix ex: <https://replay.example/def#> .
                <#I> rr:logicalTable [ rr:tableName "item" ] ;
                  rr:subjectMap [ rr:template "id/item/{id}" ; rr:class ex:Item ] ;
                  rr:predicateObjectMap [ rr:predicate ex:label ; rr:objectMap [ rr:column "label" ; rr:language "fr" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:labelEn ; rr:objectMap [ rr:column "label_en" ; rr:language "en" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:amount ; rr:objectMap [ rr:column "amount" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:places ; rr:objectMap [ rr:column "places" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:address ; rr:objectMap [ rr:template "addr{id}" ; rr:termType rr:BlankNode ] ] .
                <#A> rr:logicalTable [ rr:tableName "item" ] ;
                  rr:subjectMap [ rr:template "addr{id}" ; rr:termType rr:BlankNode ] ;
                  rr:predicateObjectMap [ rr:predicate ex:street ; rr:objectMap [ rr:column "street" ] ] .
                """);
        Files.writeString(dir.resolve("shapes.ttl"), """
                @prefix sh: <http://www.w3.org/ns/shacl#> .
                @prefix ex: <https://replay.example/def#> .
                <#Item> a sh:NodeShape ; sh:targetClass ex:Item ;
                  sh:property [ sh:path ex:places ; sh:minCount 1 ; sh:minInclusive 0 ] .
                """);
        Path registry = dir.resolve("registry.ttl");
        Files.writeString(registry, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#t> a regie:Territory ; dct:title "Replay" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#p> foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#items> a dcat:Dataset ; dct:identifier "items" ; dct:title "Items" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <items.ttl> ; regie:shapes <shapes.ttl> ;
                  regie:maxRemovalShare "0.3"^^xsd:decimal ; regie:linkBy regie:NoLink .
                """.formatted(BASE, jdbcUrl.replace("\\", "\\\\").replace("\"", "\\\"")));
        return registry;
    }
}
