package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import fr.regie.store.GraphDump;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.store.StoreTerms;
import fr.regie.testing.TestDb;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.registry.Territory;

/**
 * Issue 8, point 3: a value with several lexical forms is one term for a refresh, as it is for the
 * store. A DECIMAL column holding 75.0 (the engine writes "75.0", TDB2 serves it so) and doubles
 * (the engine writes "3.0E1", TDB2 serves "30.0e0") give +0 -0 on a second full refresh of
 * unchanged data, an incremental refresh leaves them alone, and patches, dumps and SPARQL
 * answers hold the terms the store serves.
 */
class RefreshIdentityTest {
    private static final String BASE = "https://t.example/";

    @TempDir
    Path dir;

    private Path registry(TestDb db) throws Exception {
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))", "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                "CREATE TABLE school (id INTEGER PRIMARY KEY, name VARCHAR(40), ratio DECIMAL(5,1), score DOUBLE PRECISION, weight REAL)",
                "INSERT INTO school VALUES (1, 'A', 75.0, 30.0, 70.22), (2, 'B', 75.5, 1500.0, 0.5), (3, 'C', 0.0, -2.5E-3, 1.0)");
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ; rr:subjectMap [ rr:template "id/commune/{code}" ] ;
                  rr:predicateObjectMap [ rr:predicate <https://t.example/def#nom> ; rr:objectMap [ rr:column "nom" ] ] .
                """);
        Files.writeString(dir.resolve("schools.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix ex: <https://t.example/def#> .
                <#S> rr:logicalTable [ rr:tableName "school" ] ; rr:subjectMap [ rr:template "id/school/{id}" ; rr:class ex:School ] ;
                  rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "name" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:ratio ; rr:objectMap [ rr:column "ratio" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:score ; rr:objectMap [ rr:column "score" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:weight ; rr:objectMap [ rr:column "weight" ] ] .
                """);
        Path reg = dir.resolve("registry.ttl");
        Files.writeString(reg, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#p> foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#schools> a dcat:Dataset ; dct:identifier "schools" ; dct:title "Schools" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <schools.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(BASE, db.url()));
        return reg;
    }

    private static Set<Triple> live(Store store) {
        DatasetGraph dsg = store.dataset();
        Node g = new GraphNames(BASE).dataset("schools");
        return Txn.calculateRead(dsg, () -> new HashSet<>(dsg.getGraph(g).find().toList()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void aSecondFullRefreshOfUnchangedDataChangesNothing(TestDb.Kind kind) throws Exception {
        try (TestDb db = TestDb.create(kind)) {
            Registry reg = Registry.read(registry(db));
            DatasetSpec schools = reg.dataset("schools").orElseThrow();
            try (Store store = Store.open(dir.resolve("store"))) {
                Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
                r.refresh(reg.dataset("territory").orElseThrow());
                RefreshResult first = r.refresh(schools).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, first.outcome(), first.line());
                Set<Triple> v1 = live(store);

                RefreshResult full = r.refresh(schools, Set.of(Refresher.Flag.FULL)).orElseThrow();
                assertEquals(RefreshResult.Outcome.UNCHANGED, full.outcome(), full.line());
                assertEquals(0, full.added(), full.line());
                assertEquals(0, full.removed(), full.line());
                assertEquals(v1, live(store));

                // A row touched for another column: its decimal and doubles are not lost (they were: +0 -1 per value).
                db.execute("UPDATE school SET name = 'A2' WHERE id = 1");
                RefreshResult touched = r.refresh(schools).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, touched.outcome(), touched.line());
                assertTrue(touched.incremental(), touched.line());
                assertEquals(1, touched.added(), touched.line());
                assertEquals(1, touched.removed(), touched.line());
                assertEquals(v1.size(), live(store).size());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void patchesDumpsAndQueriesGiveTheTermsTheStoreServes(TestDb.Kind kind) throws Exception {
        try (TestDb db = TestDb.create(kind)) {
            Registry reg = Registry.read(registry(db));
            try (Store store = Store.open(dir.resolve("store"))) {
                Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
                r.refresh(reg.dataset("territory").orElseThrow());
                r.refresh(reg.dataset("schools").orElseThrow());
                Set<Triple> served = live(store);
                served.forEach(t -> assertEquals(StoreTerms.canonical(t), t, "the store serves its canonical terms"));
                long doubles = served.stream().filter(t -> t.getObject().isLiteral()
                        && t.getObject().getLiteralDatatypeURI().endsWith("#double")).count();
                assertEquals(6, doubles, "three scores and three weights");

                DatasetGraph replay = DatasetGraphFactory.createTxnMem();
                try (InputStream in = store.layout().changeLog("schools").open(1)) {
                    RDFPatchOps.applyChange(replay, in);
                }
                Node g = new GraphNames(BASE).dataset("schools");
                assertEquals(served, new HashSet<>(replay.getGraph(g).find().toList()), "the patch holds the served terms, term for term");

                Set<Triple> dumped = new HashSet<>();
                store.read(() -> GraphDump.write(store.dataset(), g, new StreamRDFBase() {
                    @Override
                    public void quad(Quad q) {
                        dumped.add(q.asTriple());
                    }
                }));
                assertEquals(served, dumped);

                Node ratio = store.read(() -> {
                    try (QueryExecution qe = QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(store.dataset())).query(
                            "SELECT ?r { <" + BASE + "id/school/1> <https://t.example/def#ratio> ?r }").build()) {
                        return qe.execSelect().next().get("r").asNode();
                    }
                });
                Node inGraph = served.stream().filter(t -> t.getSubject().equals(NodeFactory.createURI(BASE + "id/school/1"))
                        && t.getPredicate().getURI().endsWith("#ratio")).findFirst().orElseThrow().getObject();
                assertEquals(inGraph, ratio, "SPARQL answers with the same term");
                assertEquals(List.of(1L), store.layout().changeLog("schools").written());
            }
        }
    }
}
