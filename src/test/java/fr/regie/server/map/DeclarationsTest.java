package fr.regie.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static fr.regie.server.map.Declarations.Aggregation.NOT_AGGREGATABLE;
import static fr.regie.server.map.Declarations.Aggregation.RATIO_OF_SUMS;
import static fr.regie.server.map.Declarations.Aggregation.SUM;
import static fr.regie.server.map.Declarations.Aggregation.WEIGHTED_MEAN;

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
        assertEquals(List.of("population-2023", "velib-docks", "velib-docks-per-1000", "sncf-passengers-per-inhabitant", "festivals-per-100k",
                "median-declared-income-2021", "median-standard-of-living-2021", "poverty-rate-2021", "tax-households-2021"),
                List.copyOf(d.indicators().keySet()));
        Map<String, Declarations.Aggregation> rules = new java.util.LinkedHashMap<>();
        d.indicators().forEach((id, i) -> rules.put(id, i.aggregation()));
        assertEquals(Map.of("population-2023", SUM, "velib-docks", SUM, "velib-docks-per-1000", RATIO_OF_SUMS,
                "sncf-passengers-per-inhabitant", RATIO_OF_SUMS, "festivals-per-100k", RATIO_OF_SUMS,
                "median-declared-income-2021", NOT_AGGREGATABLE, "median-standard-of-living-2021", NOT_AGGREGATABLE,
                "poverty-rate-2021", WEIGHTED_MEAN, "tax-households-2021", SUM), rules);
        assertEquals(List.of(Scale.IRIS), d.indicators().get("median-declared-income-2021").publishedAt());
        assertEquals(List.of(Scale.COMMUNE), d.indicators().get("median-standard-of-living-2021").publishedAt());
        assertEquals(d.indicators().get("tax-households-2021").numerator(), d.indicators().get("poverty-rate-2021").weight().orElseThrow());
        assertEquals(Declarations.Grain.IRIS, d.indicators().get("median-declared-income-2021").numerator().grain());
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
        String more = """
                <#iris> a regie:Measure ; rdfs:label "m"@fr , "m"@en ; regie:unit "u"@fr , "u"@en ; regie:requiresDataset "d" ;
                    regie:query "SELECT ?iris ?value WHERE { ?iris regie:x ?value }" .
                <#unit> a regie:Measure ; rdfs:label "m"@fr , "m"@en ; regie:unit "u"@fr , "u"@en ; regie:requiresDataset "d" ;
                    regie:query "SELECT ?unit ?value WHERE { ?unit regie:x ?value }" .
                <#docks> a regie:Measure ; rdfs:label "m"@fr , "m"@en ; regie:unit "u"@fr , "u"@en ; regie:requiresDataset "d" ;
                    regie:measures regie:dockCount ; regie:query "SELECT ?commune ?value WHERE { ?commune regie:x ?value }" .
                <#index> a regie:Measure ; rdfs:label "m"@fr , "m"@en ; regie:unit "u"@fr , "u"@en ; regie:requiresDataset "d" ;
                    regie:measures regie:indexValue ; regie:query "SELECT ?commune ?value WHERE { ?commune regie:x ?value }" .
                """;
        String typo = """
                <#typo> a regie:Measure ; rdfs:label "m"@fr , "m"@en ; regie:unit "u"@fr , "u"@en ; regie:requiresDataset "d" ;
                    regie:measures regie:dokCount ; regie:query "SELECT ?commune ?value WHERE { ?commune regie:x ?value }" .
                """;
        String ind = "<#k> a regie:Indicator ; dct:identifier \"k\" ; rdfs:label \"i\"@fr , \"i\"@en ; regie:unit \"u\"@fr , \"u\"@en ; ";
        String[][] rules = {
                {ind + "regie:numerator <#m> ; regie:aggregation regie:Sum ; regie:denominator <#m> .", "only regie:RatioOfSums"},
                {ind + "regie:numerator <#m> ; regie:aggregation regie:Sum ; regie:factor 10 .", "regie:factor"},
                {ind + "regie:numerator <#m> ; regie:aggregation regie:WeightedMean .", "regie:weightedBy"},
                {ind + "regie:numerator <#m> ; regie:weightedBy <#m> .", "only regie:WeightedMean"},
                {ind + "regie:numerator <#m> ; regie:aggregation regie:NotAggregatable .", "regie:publishedAt"},
                {ind + "regie:numerator <#m> ; regie:aggregation regie:NotAggregatable ; regie:publishedAt regie:IrisScale .", "regie:publishedAt"},
                {ind + "regie:numerator <#m> ; regie:publishedAt regie:IrisScale .", "iris"},
                {ind + "regie:numerator <#m> ; regie:publishedAt regie:CantonScale .", "no scale"},
                {ind + "regie:numerator <#unit> ; regie:aggregation regie:Sum .", "?unit"},
                {ind + "regie:numerator <#iris> ; regie:aggregation regie:WeightedMean ; regie:weightedBy <#m> .", "per commune"},
                {ind + "regie:numerator <#index> ; regie:aggregation regie:Sum .", "regie:NotAggregatable"},
                {ind + "regie:numerator <#docks> ; regie:denominator <#index> .", "regie:indexValue"},
                {ind + "regie:numerator <#index> ; regie:aggregation regie:WeightedMean ; regie:weightedBy <#docks> .", "regie:NotAggregatable"},
                {typo + ind + "regie:numerator <#typo> .", "regie:dokCount"},
        };
        for (String[] c : rules) {
            Path f = dir.resolve("indicators.ttl");
            Files.writeString(f, HEAD + more + c[0]);
            Declarations.DeclarationException e = assertThrows(Declarations.DeclarationException.class, () -> Declarations.read(f, BASE), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("indicators.ttl") && e.getMessage().contains("#k")
                    || c[1].equals("regie:dokCount") && e.getMessage().contains("#typo") && e.getMessage().contains("dokCount"), e.getMessage());
        }
        // What the rules allow: a sum of docks, a sum per IRIS shown from the IRIS up, a value per unit where published.
        Path ok2 = dir.resolve("indicators.ttl");
        Files.writeString(ok2, HEAD + more
                + ind + "regie:numerator <#docks> ; regie:aggregation regie:Sum .\n"
                + ind.replace("\"k\"", "\"l\"").replace("<#k>", "<#l>") + "regie:numerator <#iris> .\n"
                + ind.replace("\"k\"", "\"n\"").replace("<#k>", "<#n>") + "regie:numerator <#unit> ; regie:aggregation regie:NotAggregatable ; "
                + "regie:publishedAt regie:EptScale , regie:CommuneScale .\n");
        Declarations d = Declarations.read(ok2, BASE);
        assertEquals(List.of(Scale.COMMUNE, Scale.EPT, Scale.EPCI, Scale.DEPARTEMENT, Scale.REGION), d.indicators().get("k").scales());
        assertEquals(List.of(Scale.values()), d.indicators().get("l").scales());
        assertEquals(List.of(Scale.COMMUNE, Scale.EPT), d.indicators().get("n").scales());
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
