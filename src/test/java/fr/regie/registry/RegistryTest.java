package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.territory.LinkMethod;

/** The registry is checked whole before anything runs; each mistake names the file and line. */
class RegistryTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRegistryReads() {
        Registry r = Registry.read(Path.of("examples/plaine-commune/registry.ttl"));
        assertEquals("Plaine Commune", r.territory().name());
        assertEquals("https://regie.plaine-commune.example/", r.territory().baseIri());
        assertEquals("territory", r.territory().referenceDataset());
        DatasetSpec idfm = r.dataset("idfm-gares").orElseThrow();
        assertEquals(LinkMethod.GEOMETRY, idfm.linkBy());
        assertEquals("Île-de-France Mobilités", idfm.publisherName());
        assertTrue(idfm.mappings().get(0).endsWith(Path.of("mappings/idfm/gares.ttl")));
        assertEquals("sncf", r.dataset("sncf-gares").orElseThrow().source().embeddedName().orElseThrow());
    }

    private Path registry(String datasetBody) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/schema.sql"), "CREATE TABLE t (id INTEGER);");
        Files.writeString(dir.resolve("m.ttl"), "# a mapping");
        Path f = dir.resolve("registry.ttl");
        Files.writeString(f, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "https://t.example/" ; regie:referenceDataset <#d> .
                <#p> foaf:name "P" .
                <#d> a dcat:Dataset ;
                """ + datasetBody);
        return f;
    }

    private static final String GOOD = """
                dct:identifier "d" ; dct:title "D" ; dct:publisher <#p> ;
                regie:source [ regie:embeddedDatabase "x" ; regie:loadFrom <src/> ] ;
                regie:mapping <m.ttl> ; regie:schedule "0 4 * * *" .
            """;

    @Test
    void aGoodRegistry() throws IOException {
        Registry r = Registry.read(registry(GOOD));
        assertEquals(1, r.datasets().size());
        assertEquals(AccessLevel.PUBLIC, r.datasets().get(0).accessLevel());
    }

    private RegistryException reject(String body) throws IOException {
        return assertThrows(RegistryException.class, () -> Registry.read(registry(body)));
    }

    @Test
    void unknownProperty() throws IOException {
        RegistryException e = reject(GOOD.replace("regie:schedule", "regie:shedule"));
        assertTrue(e.getMessage().contains("registry.ttl:10"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown property regie:shedule"), e.getMessage());
    }

    @Test
    void missingMappingFile() throws IOException {
        RegistryException e = reject(GOOD.replace("<m.ttl>", "<nope.ttl>"));
        assertTrue(e.getMessage().contains("registry.ttl:10"), e.getMessage());
        assertTrue(e.getMessage().contains("nope.ttl: no such file"), e.getMessage());
    }

    @Test
    void badCron() throws IOException {
        RegistryException e = reject(GOOD.replace("0 4 * * *", "0 25 * * *"));
        assertTrue(e.getMessage().contains("registry.ttl:10"), e.getMessage());
        assertTrue(e.getMessage().contains("bad regie:schedule \"0 25 * * *\": hour 25 is outside 0-23"), e.getMessage());
    }

    @Test
    void badIdentifier() throws IOException {
        RegistryException e = reject(GOOD.replace("dct:identifier \"d\"", "dct:identifier \"Mon Dataset\""));
        assertTrue(e.getMessage().contains("registry.ttl:8"), e.getMessage());
    }

    @Test
    void sourceNeedsOneKind() throws IOException {
        RegistryException e = reject(GOOD.replace("regie:embeddedDatabase \"x\" ;", "regie:jdbcUrl \"jdbc:h2:mem:x\" ; regie:embeddedDatabase \"x\" ;"));
        assertTrue(e.getMessage().contains("either regie:jdbcUrl or regie:embeddedDatabase"), e.getMessage());
    }

    @Test
    void maxRemovalShare() throws IOException {
        assertEquals(DatasetSpec.DEFAULT_MAX_REMOVAL_SHARE, Registry.read(registry(GOOD)).datasets().get(0).maxRemovalShare());
        String half = GOOD.replace("regie:schedule", "regie:maxRemovalShare \"0.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> ; regie:schedule");
        assertEquals(0, new java.math.BigDecimal("0.5").compareTo(Registry.read(registry(half)).datasets().get(0).maxRemovalShare()));
        RegistryException e = reject(GOOD.replace("regie:schedule", "regie:maxRemovalShare \"1.5\" ; regie:schedule"));
        assertTrue(e.getMessage().contains("registry.ttl:10"), e.getMessage());
        assertTrue(e.getMessage().contains("regie:maxRemovalShare must be a decimal from 0 to 1"), e.getMessage());
    }

    @Test
    void turtleErrors() throws IOException {
        RegistryException e = reject(GOOD.replace("dct:title \"D\" ;", "dct:title \"D\" ;;;; ]"));
        assertTrue(e.getMessage().startsWith(dir.resolve("registry.ttl") + ":8:"), e.getMessage());
    }

    @Test
    void whatAPortalShowsIsReadAndChecked() throws IOException {
        String facts = GOOD.replace("regie:schedule", """
                dcat:keyword "vélos"@fr , "bikes"@en ;
                dcat:theme <http://publications.europa.eu/resource/authority/data-theme/TRAN> ;
                dct:spatial <https://t.example/id/region/11> ;
                dct:temporal [ dcat:startDate "2015"^^<http://www.w3.org/2001/XMLSchema#gYear> ] ;
                regie:schedule""");
        CatalogFacts f = Registry.read(registry(facts)).datasets().get(0).catalog();
        assertEquals(2, f.keywords().size());
        assertEquals("http://publications.europa.eu/resource/authority/data-theme/TRAN", f.themes().get(0).getURI());
        assertEquals("https://t.example/id/region/11", f.spatial().orElseThrow().getURI());
        assertEquals("2015 – ", f.temporal().orElseThrow().text());
        assertEquals(CatalogFacts.NONE, Registry.read(registry(GOOD)).datasets().get(0).catalog());
        RegistryException theme = reject(facts.replace("data-theme/TRAN", "data-theme/BIKES"));
        assertTrue(theme.getMessage().contains("EU data-theme table"), theme.getMessage());
        assertTrue(reject(facts.replace("<http://publications.europa.eu/resource/authority/data-theme/TRAN>", "<https://example.org/theme>"))
                .getMessage().contains("dcat:theme"));
        RegistryException period = reject(facts.replace("dcat:startDate \"2015\"^^<http://www.w3.org/2001/XMLSchema#gYear>", "dct:title \"x\""));
        assertTrue(period.getMessage().contains("dct:temporal needs dcat:startDate"), period.getMessage());
        assertTrue(reject(facts.replace("\"bikes\"@en", "<https://example.org/bikes>")).getMessage().contains("dcat:keyword"));
    }

    @Test
    void withinNamesATerritoryOfTheReference() throws IOException {
        String scoped = GOOD.replace("regie:schedule", "regie:within <https://t.example/id/departement/93> ; regie:schedule");
        assertEquals(List.of(org.apache.jena.graph.NodeFactory.createURI("https://t.example/id/departement/93")),
                Registry.read(registry(scoped)).datasets().get(0).within());
        RegistryException other = reject(GOOD.replace("regie:schedule", "regie:within <https://elsewhere.example/id/commune/93066> ; regie:schedule"));
        assertTrue(other.getMessage().contains("registry.ttl:10"), other.getMessage());
        assertTrue(other.getMessage().contains("regie:within must name a territory of the reference"), other.getMessage());
        RegistryException literal = reject(GOOD.replace("regie:schedule", "regie:within \"93\" ; regie:schedule"));
        assertTrue(literal.getMessage().contains("registry.ttl:10"), literal.getMessage());
        RegistryException unplaced = reject(scoped.replace("regie:schedule", "regie:linkBy regie:NoLink ; regie:schedule"));
        assertTrue(unplaced.getMessage().contains("it needs regie:linkBy regie:CommuneCode or regie:Geometry"), unplaced.getMessage());
    }

    @Test
    void indicatorsAndTapsMayLieElsewhere() throws IOException {
        Files.createDirectories(dir.resolve("shared/taps"));
        Files.writeString(dir.resolve("shared/indicators.ttl"), "# none");
        assertEquals(dir.resolve("indicators.ttl").toAbsolutePath(), Registry.read(registry(GOOD)).indicatorsFile().toAbsolutePath());
        Path f = registry(GOOD);
        Files.writeString(f, Files.readString(f).replace("regie:referenceDataset <#d> .",
                "regie:referenceDataset <#d> ; regie:indicators <shared/indicators.ttl> ; regie:taps <shared/taps/> ."));
        Registry r = Registry.read(f);
        assertEquals(dir.resolve("shared/indicators.ttl").toAbsolutePath(), r.indicatorsFile().toAbsolutePath());
        assertEquals(dir.resolve("shared/taps").toAbsolutePath(), r.tapsFolder().toAbsolutePath());
        Files.writeString(f, Files.readString(f).replace("<shared/taps/>", "<shared/none/>"));
        RegistryException e = assertThrows(RegistryException.class, () -> Registry.read(f));
        assertTrue(e.getMessage().contains("registry.ttl:5") && e.getMessage().contains("no such folder"), e.getMessage());
    }
}
