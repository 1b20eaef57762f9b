package fr.regie.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.regie.pipeline.DatasetSpec;
import fr.regie.pipeline.Registry;
import fr.regie.testing.SharedDemo;

/** The catalog of the Plaine Commune demo: DCAT-AP 3 conformance and VoID figures on real data. */
class CatalogDemoTest {
    static Registry registry;
    static Model catalog;
    static Graph graph;

    @BeforeAll
    static void build() {
        registry = SharedDemo.registry();
        graph = new CatalogBuilder(registry, SharedDemo.store()).build(registry.datasets(), "http://localhost:3030/");
        catalog = ModelFactory.createModelForGraph(graph);
    }

    static Set<String> values(String select) {
        Set<String> out = new TreeSet<>();
        try (QueryExecution qe = QueryExecution.create(CatalogQueries.PREFIXES + select, catalog)) {
            qe.execSelect().forEachRemaining(s -> out.add(s.get("x").isLiteral() ? s.getLiteral("x").getLexicalForm() : s.get("x").toString()));
        }
        return out;
    }

    @Test
    void conformsToDcatAp3() {
        DcatAp.Result r = DcatAp.validate(graph);
        System.out.println("DCAT-AP (demo): " + r.violations().size() + " violations, " + r.warnings().size() + " warnings\n" + r.describe());
        assertTrue(r.violations().isEmpty(), r.describe());
    }

    @Test
    void describesEveryDatasetOfTheRegistryAsItDeclaresIt() {
        assertEquals(registry.datasets().stream().map(DatasetSpec::id).collect(Collectors.toSet()),
                values("SELECT ?x { ?c a dcat:Catalog ; dcat:dataset/dct:identifier ?x }"));
        for (DatasetSpec d : registry.datasets()) {
            String ds = "?d dct:identifier \"" + d.id() + "\" . ";
            assertEquals(Set.of(d.title()), values("SELECT ?x { " + ds + "?d dct:title ?x }"));
            assertEquals(Set.of(d.publisherName()), values("SELECT ?x { " + ds + "?d dct:publisher/foaf:name ?x }"));
            assertEquals(Set.of(d.license().orElseThrow().getURI()), values("SELECT ?x { " + ds + "?d dct:license ?x }"));
            assertEquals(Set.of(d.accrualPeriodicity().orElseThrow().getURI()), values("SELECT ?x { " + ds + "?d dct:accrualPeriodicity ?x }"));
            assertEquals(Set.of("https://regie.plaine-commune.example/id/ept/200057867"), values("SELECT ?x { " + ds + "?d dct:spatial ?x }"));
        }
        assertEquals(Set.of("Catalogue de la régie de données Plaine Commune"), values("SELECT ?x { ?c a dcat:Catalog ; dct:title ?x }"));
        assertEquals(Set.of("Plaine Commune"), values("SELECT ?x { ?c a dcat:Catalog ; dct:publisher/foaf:name ?x }"));
    }

    @Test
    void voidFiguresEqualSparqlCounts() {
        for (String id : List.of("velib-stations", "sncf-gares", "festivals")) {
            CatalogQueries.assertVoidMatches(SharedDemo.store(), registry.territory().baseIri(), id, catalog);
        }
    }
}
