package fr.regie.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declarations of indicators.ttl: the demo's as shipped, and what a wrong file is told. */
class DeclarationsTest {
    static final String BASE = "https://t.example/";
    static final String HEAD = """
            @prefix regie: <https://w3id.org/regie#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            <#m> a regie:Measure ; rdfs:label "m"@fr , "m"@en ; regie:unit "u"@fr , "u"@en ; regie:requiresDataset "d" ;
                regie:query "SELECT ?commune ?value WHERE { ?commune regie:x ?value }" .
            """;

    @Test
    void theDemoDeclaresTheIssuesIndicatorsInItsOrder() {
        Declarations d = Declarations.read(Path.of("examples/plaine-commune/indicators.ttl"), "https://regie.plaine-commune.example/");
        assertEquals(List.of("population-2023", "velib-docks", "velib-docks-per-1000", "sncf-passengers-per-inhabitant", "festivals-per-100k"),
                List.copyOf(d.indicators().keySet()));
        assertEquals(List.of("velib", "sncf", "idfm", "festivals"), List.copyOf(d.layers().keySet()));
        Declarations.Indicator i = d.indicators().get("velib-docks-per-1000");
        assertEquals(1000.0, i.factor());
        assertEquals(List.of("velib-stations", "territory"), i.datasets());
        assertEquals(Declarations.Aggregation.RATIO_OF_SUMS, i.aggregation());
        // Relative IRIs in a layer's query name the territory's graphs.
        assertTrue(org.apache.jena.sparql.algebra.Algebra.compile(d.layers().get("sncf").query()).toString()
                .contains("<https://regie.plaine-commune.example/graph/sncf-gares>"));
    }

    @Test
    void noFileNoIndicator(@TempDir Path dir) {
        assertEquals(Declarations.NONE, Declarations.read(dir.resolve("indicators.ttl"), BASE));
    }

    @Test
    void aQueryFileCanBeTheSourceOfAMeasure(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.rq"), "SELECT ?commune ?value WHERE { ?commune regie:y ?value }");
        Path f = dir.resolve("indicators.ttl");
        Files.writeString(f, HEAD.replace("regie:query \"SELECT ?commune ?value WHERE { ?commune regie:x ?value }\"", "regie:queryFile <m.rq>")
                + "<#i> a regie:Indicator ; dct:identifier \"i\" ; rdfs:label \"i\"@fr , \"i\"@en ; regie:unit \"u\"@fr , \"u\"@en ; regie:numerator <#m> .");
        assertTrue(Declarations.read(f, BASE).indicators().get("i").numerator().query().toString().contains("regie:y")
                || Declarations.read(f, BASE).indicators().get("i").numerator().query().toString().contains("#y>"));
    }

    @Test
    void wrongDeclarationsAreToldWithTheTerm(@TempDir Path dir) throws Exception {
        String ok = "<#i> a regie:Indicator ; dct:identifier \"i\" ; rdfs:label \"i\"@fr , \"i\"@en ; regie:unit \"u\"@fr , \"u\"@en ; regie:numerator <#m> ";
        String[][] cases = {
                {ok.replace(" , \"i\"@en", "") + ".", "French and English"},
                {ok.replace("\"i\" ;", "\"I <b>\" ;") + ".", "dct:identifier"},
                {ok + "; regie:denominator <#nothing> .", "no regie:Measure"},
                {ok + "; regie:factor 0 .", "factor"},
                {ok + "; regie:aggregation regie:Median .", "RatioOfSums"},
                {ok.replace("regie:numerator <#m> ", "") + ".", "numerator"},
                {ok + ". <#j> a regie:Indicator ; dct:identifier \"i\" ; rdfs:label \"i\"@fr , \"i\"@en ; regie:unit \"u\"@fr , \"u\"@en ; regie:numerator <#m> .", "repeats"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("indicators.ttl");
            Files.writeString(f, HEAD + c[0]);
            Declarations.DeclarationException e = assertThrows(Declarations.DeclarationException.class, () -> Declarations.read(f, BASE), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("indicators.ttl"), e.getMessage());
        }
        Files.writeString(dir.resolve("indicators.ttl"), HEAD.replace("?commune ?value WHERE", "?commune WHERE"));
        assertThrows(Declarations.DeclarationException.class, () -> Declarations.read(dir.resolve("indicators.ttl"), BASE));
        Files.writeString(dir.resolve("indicators.ttl"), HEAD.replace("SELECT ?commune ?value WHERE {", "SELECT ?commune ?value WHERE {{"));
        assertThrows(Declarations.DeclarationException.class, () -> Declarations.read(dir.resolve("indicators.ttl"), BASE));
    }

    @Test
    void theRegistryTakesAnHttpsTileTemplateOnly(@TempDir Path dir) throws Exception {
        Path original = Path.of("examples/plaine-commune/registry.ttl").toAbsolutePath();
        String text = "@base <" + original.toUri() + "> .\n" + Files.readString(original);
        Path f = dir.resolve("registry.ttl");
        Files.writeString(f, text.replace("regie:adminKeyEnv \"REGIE_ADMIN_KEY\" .",
                "regie:adminKeyEnv \"REGIE_ADMIN_KEY\" ; regie:mapTiles \"https://t.example/{z}/{x}/{y}.png\" ."));
        fr.regie.registry.Registry.read(f);
        Files.writeString(f, text.replace("regie:adminKeyEnv \"REGIE_ADMIN_KEY\" .",
                "regie:adminKeyEnv \"REGIE_ADMIN_KEY\" ; regie:mapTiles \"http://t.example/{z}/{x}/{y}.png\" ."));
        RuntimeException e = assertThrows(fr.regie.registry.RegistryException.class, () -> fr.regie.registry.Registry.read(f));
        assertTrue(e.getMessage().contains("regie:mapTiles"), e.getMessage());
    }
}
