package fr.regie.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.Registry;
import fr.regie.store.Store;

/**
 * What the registry declares beyond Régie's required terms (keywords, themes, landing page,
 * language, description) reaches the catalog, typed as DCAT-AP wants; a dataset never refreshed
 * is listed without dates, and a territory without a publisher gets one named after it.
 */
class CatalogRegistryTest {
    @TempDir
    Path dir;

    @Test
    void registryDcatTermsAreCarriedAndTheCatalogStillConforms() throws IOException {
        Files.writeString(dir.resolve("m.ttl"), "");
        Files.writeString(dir.resolve("registry.ttl"), """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                <#t> a regie:Territory ; dct:title "Est Ensemble" ; regie:baseIRI "https://e.example/" ; regie:referenceDataset <#ref> .
                <#org> a foaf:Organization ; foaf:name "Org" .
                <#ref> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Référentiel"@fr ; dct:publisher <#org> ;
                    regie:source [ regie:jdbcUrl "jdbc:h2:mem:x" ] ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink .
                <#parcs> a dcat:Dataset ; dct:identifier "parcs" ; dct:title "Parcs"@fr ;
                    dct:description "Les parcs et jardins."@fr ; dct:publisher <#org> ;
                    dcat:keyword "parcs"@fr , "jardins"@fr ; dcat:landingPage <https://e.example/parcs.html> ;
                    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ;
                    regie:source [ regie:jdbcUrl "jdbc:h2:mem:x" ] ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink .
                <http://publications.europa.eu/resource/authority/data-theme/ENVI> skos:prefLabel "Environnement"@fr ;
                    skos:inScheme <http://publications.europa.eu/resource/authority/data-theme> .
                """);
        Registry registry = Registry.read(dir.resolve("registry.ttl"));
        try (Store store = Store.open(dir.resolve("store"))) {
            Graph g = new CatalogBuilder(registry, store).build(registry.datasets(), "https://e.example/");
            DcatAp.Result r = DcatAp.validate(g);
            assertTrue(r.violations().isEmpty(), r.describe());
            Model m = ModelFactory.createModelForGraph(g);
            String parcs = "<https://e.example/id/dataset/parcs> ";
            assertEquals(Set.of("Parcs"), values(m, "SELECT ?x { " + parcs + "dct:title ?x }"));
            assertEquals(Set.of("Les parcs et jardins."), values(m, "SELECT ?x { " + parcs + "dct:description ?x }"));
            assertEquals(Set.of("jardins", "parcs"), values(m, "SELECT ?x { " + parcs + "dcat:keyword ?x }"));
            assertEquals(Set.of("Environnement"), values(m, "SELECT ?x { " + parcs + "dcat:theme ?t . ?t a skos:Concept ; skos:prefLabel ?x }"));
            assertEquals(Set.of("https://e.example/parcs.html"), values(m, "SELECT ?x { " + parcs + "dcat:landingPage ?x . ?x a foaf:Document }"));
            assertEquals(Set.of(), values(m, "SELECT ?x { " + parcs + "dct:modified|dct:issued ?x }"), "never refreshed: no dates");
            assertEquals(Set.of("Est Ensemble"), values(m, "SELECT ?x { ?c a dcat:Catalog ; dct:publisher/foaf:name ?x }"));
            assertEquals(Set.of("https://e.example/id/organization/org"), values(m, "SELECT ?x { " + parcs + "dct:publisher ?x }"));
            assertEquals(Set.of(), values(m, "SELECT ?x { ?x ?p ?o FILTER(STRSTARTS(STR(?x), 'file:')) }"), "no registry file IRI leaks");
        }
    }

    private static Set<String> values(Model m, String select) {
        Set<String> out = new TreeSet<>();
        try (QueryExecution qe = QueryExecution.create(CatalogQueries.PREFIXES + select, m)) {
            qe.execSelect().forEachRemaining(s -> out.add(s.get("x").isLiteral() ? s.getLiteral("x").getLexicalForm() : s.get("x").toString()));
        }
        return out;
    }
}
