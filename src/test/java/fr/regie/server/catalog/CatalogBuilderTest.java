package fr.regie.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.AccessFixture;
import fr.regie.store.Store;

/**
 * The catalog of the access fixture built without HTTP: DCAT-AP 3 conformance, dates from the
 * refresh records, VoID figures equal to SPARQL counts over each graph.
 */
class CatalogBuilderTest {
    @TempDir
    static Path dir;
    static AccessFixture fixture;
    static CatalogBuilder builder;
    static List<DatasetSpec> all;

    @BeforeAll
    static void build() throws Exception {
        fixture = AccessFixture.create(dir);
        builder = new CatalogBuilder(fixture.registry(), fixture.store());
        all = fixture.registry().datasets();
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static List<QuerySolution> select(Model m, String query) {
        try (QueryExecution qe = QueryExecution.create(CatalogQueries.PREFIXES + query, m)) {
            List<QuerySolution> out = new java.util.ArrayList<>();
            qe.execSelect().forEachRemaining(out::add);
            return out;
        }
    }

    @Test
    void conformsToDcatAp3() {
        DcatAp.Result r = DcatAp.validate(builder.build(all, "http://localhost:1234/"));
        assertTrue(r.violations().isEmpty(), r.describe());
        System.out.println("DCAT-AP (access fixture): " + r.violations().size() + " violations, " + r.warnings().size()
                + " warnings\n" + r.describe());
    }

    @Test
    void theShapesDoCatchAMissingMandatoryProperty() {
        Graph g = builder.build(all, "http://localhost:1234/");
        g.remove(org.apache.jena.graph.NodeFactory.createURI(AccessFixture.BASE + "id/dataset/stations"),
                org.apache.jena.vocabulary.DCTerms.title.asNode(), org.apache.jena.graph.Node.ANY);
        DcatAp.Result r = DcatAp.validate(g);
        assertEquals(1, r.violations().size(), r.describe());
        assertEquals(AccessFixture.BASE + "id/dataset/stations", r.violations().get(0).focusNode().getURI());
    }

    @Test
    void listsTheDatasetsItIsGivenWithTheirDistributionsUnderThePublicBase() {
        List<DatasetSpec> some = all.stream().filter(d -> !d.id().equals("secret")).toList();
        Model m = ModelFactory.createModelForGraph(builder.build(some, "http://here.example:8080/"));
        Set<String> ids = select(m, "SELECT ?id { ?c a dcat:Catalog ; dcat:dataset ?d . ?d dct:identifier ?id }").stream()
                .map(s -> s.getLiteral("id").getString()).collect(Collectors.toSet());
        assertEquals(Set.of("territory", "stations", "shared"), ids);
        List<QuerySolution> dist = select(m, """
                SELECT ?id ?url { ?d dct:identifier ?id ; dcat:distribution ?x . ?x dcat:accessURL ?url }""");
        assertEquals(12, dist.size(), "four distributions per dataset");
        for (QuerySolution s : dist) {
            String url = s.getResource("url").getURI();
            String id = s.getLiteral("id").getString();
            assertTrue(Set.of("http://here.example:8080/datasets/" + id + "/dump.nq.gz", "http://here.example:8080/datasets/" + id + "/changes",
                    "http://here.example:8080/datasets/" + id + "/ldes", "http://here.example:8080/sparql").contains(url), url);
        }
        assertEquals(3, select(m, "SELECT ?d { ?s a dcat:DataService ; dcat:endpointURL <http://here.example:8080/sparql> ; dcat:servesDataset ?d }").size());
    }

    @Test
    void datesComeFromTheRefreshRecords() {
        Model m = ModelFactory.createModelForGraph(builder.build(all, "http://localhost/"));
        Store store = fixture.store();
        for (DatasetSpec d : all) {
            // Independently: the end of the last accepted run, and of the first one, in the metadata graph.
            String q = """
                    SELECT (MAX(?end) AS ?last) (MIN(?end) AS ?first) { GRAPH <%s> {
                      ?act <https://w3id.org/regie#outcome> "accepted" ; <http://www.w3.org/ns/prov#endedAtTime> ?end } }"""
                    .formatted(AccessFixture.BASE + "graph/meta/" + d.id());
            var row = Txn.calculateRead(store.dataset(), () -> QueryExec.dataset(store.dataset()).query(q).select().next());
            QuerySolution c = select(m, "SELECT ?m ?i { ?d dct:identifier \"" + d.id() + "\" ; dct:modified ?m ; dct:issued ?i }").get(0);
            assertEquals(row.get("last").getLiteralLexicalForm(), c.getLiteral("m").getLexicalForm(), d.id());
            assertEquals(row.get("first").getLiteralLexicalForm(), c.getLiteral("i").getLexicalForm(), d.id());
        }
        String earliest = select(m, "SELECT (MIN(?i) AS ?x) { ?d a dcat:Dataset ; dct:issued ?i }").get(0).getLiteral("x").getLexicalForm();
        assertEquals(earliest, select(m, "SELECT ?i { ?c a dcat:Catalog ; dct:issued ?i }").get(0).getLiteral("i").getLexicalForm());
        String latest = select(m, "SELECT (MAX(?m) AS ?x) { ?d a dcat:Dataset ; dct:modified ?m }").get(0).getLiteral("x").getLexicalForm();
        assertEquals(latest, select(m, "SELECT ?m { ?c a dcat:Catalog ; dct:modified ?m }").get(0).getLiteral("m").getLexicalForm());
    }

    @Test
    void voidFiguresEqualSparqlCounts() {
        Model m = ModelFactory.createModelForGraph(builder.build(all, "http://localhost/"));
        for (DatasetSpec d : all) {
            CatalogQueries.assertVoidMatches(fixture.store(), AccessFixture.BASE, d.id(), m);
        }
    }

    @Test
    void voidStatisticsAreCountedOncePerVersion() {
        VoidStats first = builder.voidStats("stations");
        assertSame(first, builder.voidStats("stations"));
        assertEquals(first.triples(), fixture.store().size(org.apache.jena.graph.NodeFactory.createURI(AccessFixture.BASE + "graph/stations")));
    }
}
