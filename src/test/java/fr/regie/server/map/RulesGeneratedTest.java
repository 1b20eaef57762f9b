package fr.regie.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestServer;

/**
 * Seeded random indicator declarations (rule × grain of each measure × factor × weights ×
 * published scales) over a small synthetic territory (a région, two départements, eight
 * communes, EPTs and an EPCI, IRIS with and without outlines) whose measures are random rows,
 * some of them in a dataset restricted to one partner. Every figure of {@code /map/data} at every
 * scale, and of {@code /map/value} for every unit, is compared with a naive model written here
 * from the generated rows alone: no code of the map, no SPARQL. Cases: 30, or
 * {@code -Dregie.test.cases=N}; seed {@code -Dregie.test.seed}.
 */
class RulesGeneratedTest {
    static final String BASE = "https://g.example/";
    static final String V = "https://g.example/v#";
    static final String IGEO = "http://rdf.insee.fr/def/geo#";
    static final String REGIE = "https://w3id.org/regie#";
    static final ObjectMapper JSON = new ObjectMapper();
    static final long SEED = Long.getLong("regie.test.seed", 20261206L);
    static final int CASES = Integer.getInteger("regie.test.cases", 30);

    enum Rule { SUM, RATIO_OF_SUMS, WEIGHTED_MEAN, NOT_AGGREGATABLE }

    /** A generated measure: its grain (commune, iris or unit), whether its rows add up, its dataset, and its rows (key, value). */
    record GenMeasure(String name, String grain, boolean hidden, List<Map.Entry<String, Double>> rows) {}

    /** A generated indicator and what the model needs of it. */
    record GenIndicator(String id, Rule rule, GenMeasure num, GenMeasure den, GenMeasure weight, double factor, List<String> published) {}

    static final List<String> SCALES = List.of("iris", "commune", "ept", "epci", "departement", "region");
    static final Map<String, String> SCALE_IRI = Map.of("iris", "IrisScale", "commune", "CommuneScale", "ept", "EptScale",
            "epci", "EpciScale", "departement", "DepartementScale", "region", "RegionScale");

    static Path dir;
    static Store store;
    static TestServer server;
    /** Scale → unit IRI → its communes (an IRIS: its commune). Only IRIS with an outline are units. */
    static final Map<String, Map<String, List<String>>> units = new LinkedHashMap<>();
    /** Every IRIS (outline or not) → its commune. */
    static final Map<String, String> irisCommune = new TreeMap<>();
    static final List<GenIndicator> indicators = new ArrayList<>();

    static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        dir = tmp;
        Random rnd = new Random(SEED);
        Files.writeString(dir.resolve("m.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                <#M> rr:logicalTable [ rr:tableName "T" ] ; rr:subjectMap [ rr:template "id/t/{ID}" ] .
                """);
        Files.writeString(dir.resolve("registry.ttl"), """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "G" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                    regie:adminKeyEnv "ADMIN_KEY" ; dct:spatial <%sid/region/11> .
                <#a> a foaf:Organization ; foaf:name "A" ; regie:apiKeyEnv "A_KEY" .
                <#db> regie:jdbcUrl "jdbc:h2:mem:never-read" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#a> ;
                  regie:source <#db> ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink .
                <#open> a dcat:Dataset ; dct:identifier "open" ; dct:title "open" ; dct:publisher <#a> ;
                  regie:source <#db> ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink ; regie:accessLevel regie:Public .
                <#hidden> a dcat:Dataset ; dct:identifier "hidden" ; dct:title "hidden" ; dct:publisher <#a> ;
                  regie:source <#db> ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink ; regie:accessLevel regie:Restricted ;
                  regie:accessPartner <#a> .
                """.formatted(BASE, BASE));
        Registry registry = Registry.read(dir.resolve("registry.ttl"));
        store = Store.open(dir.resolve("store"));
        GraphNames graphs = new GraphNames(BASE);
        Txn.executeWrite(store.dataset(), () -> territory(rnd, graphs.dataset("territory")));
        StringBuilder ttl = new StringBuilder("""
                @prefix regie: <https://w3id.org/regie#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                """);
        Txn.executeWrite(store.dataset(), () -> {
            for (int i = 0; i < CASES; i++) {
                indicators.add(indicator(rnd, i, ttl, graphs));
            }
        });
        Files.writeString(dir.resolve("indicators.ttl"), ttl.toString());
        ServerContext ctx = new ServerContext(registry, store, Access.of(registry, Map.of("A_KEY", "k-a", "ADMIN_KEY", "k-admin")),
                new ServerSettings(0, true, java.time.Duration.ofSeconds(30), 10_000, 20_000, 1_000_000, 1_000_000, false, java.util.Optional.empty()),
                null, null);
        server = TestServer.start(ctx, List.of(new MapFeature(dir.resolve("indicators.ttl"))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static void add(Node g, String s, String p, Node o) {
        store.dataset().add(g, uri(s), uri(p), o);
    }

    static void unit(Node g, String iri, String type, String code) {
        add(g, iri, RDF.type.getURI(), uri(type));
        add(g, iri, IGEO + "codeINSEE", NodeFactory.createLiteralDT(code, XSDDatatype.XSDtoken));
        add(g, iri, IGEO + "nom", NodeFactory.createLiteralLang("Nom " + code, "fr"));
    }

    /** A région 11, départements 91 and 92, communes 91001-91004 and 92001-92004, two EPTs, an EPCI, and random IRIS. */
    static void territory(Random rnd, Node g) {
        String region = BASE + "id/region/11";
        unit(g, region, IGEO + "Region", "11");
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String dep : List.of("91", "92")) {
            unit(g, BASE + "id/departement/" + dep, IGEO + "Departement", dep);
            groups.put("departement/" + dep, new ArrayList<>());
        }
        unit(g, BASE + "id/ept/E1", REGIE + "EtablissementPublicTerritorial", "E1");
        unit(g, BASE + "id/ept/E2", REGIE + "EtablissementPublicTerritorial", "E2");
        unit(g, BASE + "id/epci/P1", REGIE + "EPCI", "P1");
        Map<String, List<String>> memberOf = Map.of("91001", List.of("ept/E1", "epci/P1"), "91002", List.of("epci/P1"),
                "91003", List.of("epci/P1"), "92001", List.of("ept/E1"), "92002", List.of("ept/E1"), "92003", List.of("ept/E2"),
                "92004", List.of("ept/E2"));
        for (String s : SCALES) {
            units.put(s, new TreeMap<>());
        }
        int square = 0;
        for (String dep : List.of("91", "92")) {
            for (int i = 1; i <= 4; i++) {
                String code = dep + "00" + i;
                String c = BASE + "id/commune/" + code;
                unit(g, c, IGEO + "Commune", code);
                List<String> parents = new ArrayList<>(List.of("departement/" + dep, "region/11"));
                parents.addAll(memberOf.getOrDefault(code, List.of()));
                for (String p : parents) {
                    add(g, c, IGEO + "subdivisionDe", uri(BASE + "id/" + p));
                    String scale = p.substring(0, p.indexOf('/'));
                    units.get(scale).computeIfAbsent(BASE + "id/" + p, k -> new ArrayList<>()).add(c);
                }
                units.get("commune").put(c, List.of(c));
                int n = rnd.nextInt(4);
                for (int k = 1; k <= n; k++) {
                    String icode = code + "010" + k;
                    String iris = BASE + "id/iris/" + icode;
                    unit(g, iris, IGEO + "IRIS", icode);
                    add(g, iris, REGIE + "inCommune", uri(c));
                    irisCommune.put(iris, c);
                    if (rnd.nextInt(4) > 0) {
                        double x = 2 + 0.01 * square++;
                        String wkt = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON((%1$s 48, %2$s 48, %2$s 48.01, %1$s 48.01, %1$s 48))"
                                .formatted(x, x + 0.01);
                        add(g, iris, "http://www.opengis.net/ont/geosparql#hasGeometry", uri(iris + "/geometry"));
                        add(g, iris + "/geometry", "http://www.opengis.net/ont/geosparql#asWKT",
                                NodeFactory.createLiteralDT(wkt, NodeFactory.getType("http://www.opengis.net/ont/geosparql#wktLiteral")));
                        units.get("iris").put(iris, List.of(c));
                    }
                }
            }
        }
    }

    /** Rows for a measure: additive ones 0-3 per key, the others one value per key, some keys given two (equal or not). */
    static GenMeasure measure(Random rnd, String name, String grain, boolean additive, Node graph, Node hiddenGraph) {
        boolean hidden = rnd.nextInt(5) == 0;
        List<String> keys = new ArrayList<>(switch (grain) {
            case "commune" -> units.get("commune").keySet();
            case "iris" -> irisCommune.keySet();
            default -> {
                List<String> all = new ArrayList<>();
                units.values().forEach(m -> all.addAll(m.keySet()));
                all.addAll(irisCommune.keySet());
                yield new ArrayList<>(new TreeSet<>(all));
            }
        });
        List<Map.Entry<String, Double>> rows = new ArrayList<>();
        for (String k : keys) {
            if (additive) {
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    rows.add(Map.entry(k, (double) rnd.nextInt(rnd.nextBoolean() ? 3 : 1000)));
                }
            } else if (rnd.nextInt(5) > 0) {
                double v = Math.round(rnd.nextDouble() * 100000) / 100.0;
                rows.add(Map.entry(k, v));
                if (rnd.nextInt(8) == 0) {
                    rows.add(Map.entry(k, rnd.nextBoolean() ? v : v + 1));
                }
            }
        }
        Node g = hidden ? hiddenGraph : graph;
        for (int i = 0; i < rows.size(); i++) {
            String row = BASE + "id/row/" + name + "/" + i;
            add(g, row, V + "at", uri(rows.get(i).getKey()));
            double v = rows.get(i).getValue();
            add(g, row, V + name, v == Math.rint(v) && additive ? NodeFactory.createLiteralDT(Long.toString((long) v), XSDDatatype.XSDinteger)
                    : NodeFactory.createLiteralDT(Double.toString(v), XSDDatatype.XSDdecimal));
        }
        return new GenMeasure(name, grain, hidden, rows);
    }

    static String declare(GenMeasure m) {
        return """
                <#%1$s> a regie:Measure ; rdfs:label "%1$s"@fr , "%1$s"@en ; regie:unit "u"@fr , "u"@en ;
                    regie:requiresDataset "%2$s" ;
                    regie:query "SELECT ?%3$s ?value WHERE { ?r <%4$sat> ?%3$s ; <%4$s%1$s> ?value }" .
                """.formatted(m.name(), m.hidden() ? "hidden" : "open", m.grain(), V);
    }

    static GenIndicator indicator(Random rnd, int i, StringBuilder ttl, GraphNames graphs) {
        Rule rule = Rule.values()[rnd.nextInt(Rule.values().length)];
        Node open = graphs.dataset("open");
        Node hidden = graphs.dataset("hidden");
        String additiveGrain = rnd.nextBoolean() ? "commune" : "iris";
        GenMeasure num;
        GenMeasure den = null;
        GenMeasure weight = null;
        double factor = 1;
        List<String> published;
        switch (rule) {
            case SUM -> num = measure(rnd, "n" + i, additiveGrain, true, open, hidden);
            case RATIO_OF_SUMS -> {
                num = measure(rnd, "n" + i, additiveGrain, true, open, hidden);
                den = measure(rnd, "d" + i, rnd.nextBoolean() ? "commune" : "iris", true, open, hidden);
                factor = List.of(1.0, 100.0, 1000.0, 0.5).get(rnd.nextInt(4));
            }
            case WEIGHTED_MEAN -> {
                num = measure(rnd, "n" + i, additiveGrain, false, open, hidden);
                weight = measure(rnd, "w" + i, num.grain().equals("iris") || rnd.nextBoolean() ? "iris" : "commune", true, open, hidden);
            }
            default -> num = measure(rnd, "n" + i, List.of("commune", "iris", "unit").get(rnd.nextInt(3)), false, open, hidden);
        }
        List<String> computable = computable(rule, num, den);
        if (rule == Rule.NOT_AGGREGATABLE) {
            published = new ArrayList<>();
            for (String s : computable) {
                if (rnd.nextBoolean()) {
                    published.add(s);
                }
            }
            if (published.isEmpty()) {
                published.add(computable.get(rnd.nextInt(computable.size())));
            }
        } else {
            published = computable;
        }
        StringBuilder d = new StringBuilder(declare(num));
        if (den != null) {
            d.append(declare(den));
        }
        if (weight != null) {
            d.append(declare(weight));
        }
        String rules = switch (rule) {
            case SUM -> rnd.nextBoolean() ? "" : "; regie:aggregation regie:Sum";
            case RATIO_OF_SUMS -> (rnd.nextBoolean() ? "" : "; regie:aggregation regie:RatioOfSums") + " ; regie:denominator <#" + den.name()
                    + "> ; regie:factor " + factor;
            case WEIGHTED_MEAN -> "; regie:aggregation regie:WeightedMean ; regie:weightedBy <#" + weight.name() + ">";
            case NOT_AGGREGATABLE -> "; regie:aggregation regie:NotAggregatable";
        };
        String pub = rule == Rule.NOT_AGGREGATABLE || rnd.nextBoolean()
                ? " ; regie:publishedAt " + String.join(" , ", published.stream().map(s -> "regie:" + SCALE_IRI.get(s)).toList()) : "";
        d.append("""
                <#i%1$d> a regie:Indicator ; dct:identifier "i%1$d" ; rdfs:label "i%1$d"@fr , "i%1$d"@en ; regie:unit "u"@fr , "u"@en ;
                    regie:numerator <#%2$s> %3$s%4$s .
                """.formatted(i, num.name(), rules, pub));
        ttl.append(d);
        return new GenIndicator("i" + i, rule, num, den, weight, factor, published);
    }

    /** The scales the model gives values at: from the base up for a rule that aggregates (IRIS only when all is per IRIS). */
    static List<String> computable(Rule rule, GenMeasure num, GenMeasure den) {
        if (rule == Rule.NOT_AGGREGATABLE) {
            return num.grain().equals("unit") ? SCALES : List.of(num.grain());
        }
        boolean iris = num.grain().equals("iris") && (den == null || den.grain().equals("iris"));
        return iris ? SCALES : SCALES.subList(1, SCALES.size());
    }

    // ------------------------------------------------------------------------------------------
    // The naive model

    /** Sum of an additive measure's rows per commune (IRIS rows in their commune) or per IRIS. */
    static Map<String, Double> sums(GenMeasure m, boolean perCommune) {
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<String, Double> r : m.rows()) {
            String k = perCommune && m.grain().equals("iris") ? irisCommune.get(r.getKey()) : r.getKey();
            out.merge(k, r.getValue(), Double::sum);
        }
        return out;
    }

    /** A value measure's value per key: the only value given, none when two differ. */
    static Map<String, Double> published(GenMeasure m) {
        Map<String, Double> out = new HashMap<>();
        Set<String> twice = new TreeSet<>();
        for (Map.Entry<String, Double> r : m.rows()) {
            Double before = out.put(r.getKey(), r.getValue());
            if (before != null && !before.equals(r.getValue())) {
                twice.add(r.getKey());
            }
        }
        twice.forEach(out::remove);
        return out;
    }

    static double total(GenMeasure m, String scale, String unit, List<String> communes) {
        if (scale.equals("iris")) {
            return sums(m, false).getOrDefault(unit, 0.0);
        }
        Map<String, Double> byCommune = sums(m, true);
        double s = 0;
        for (String c : communes) {
            s += byCommune.getOrDefault(c, 0.0);
        }
        return s;
    }

    /** Expected value, numerator, denominator, aggregatable (null where none), for the caller seeing hidden data or not. */
    static Object[] expected(GenIndicator ind, String scale, String unit, List<String> communes, boolean seesHidden) {
        List<String> scales = ind.rule() == Rule.NOT_AGGREGATABLE ? ind.published() : computable(ind.rule(), ind.num(), ind.den());
        if (!scales.contains(scale)) {
            return new Object[] {null, null, null, false};
        }
        for (GenMeasure m : new GenMeasure[] {ind.num(), ind.den(), ind.weight()}) {
            if (m != null && m.hidden() && !seesHidden) {
                return new Object[] {null, null, null, true};
            }
        }
        switch (ind.rule()) {
            case NOT_AGGREGATABLE:
                return new Object[] {published(ind.num()).get(unit), null, null, true};
            case SUM: {
                double n = total(ind.num(), scale, unit, communes);
                return new Object[] {n, n, null, true};
            }
            case RATIO_OF_SUMS: {
                double n = total(ind.num(), scale, unit, communes);
                double d = total(ind.den(), scale, unit, communes);
                return new Object[] {d == 0 ? null : n / d * ind.factor(), n, d, true};
            }
            default: {
                Map<String, Double> values = published(ind.num());
                boolean perIris = ind.num().grain().equals("iris");
                Map<String, Double> weights = sums(ind.weight(), !perIris);
                if (scale.equals(perIris ? "iris" : "commune")) {
                    Double v = values.get(unit);
                    Double w = weights.get(unit);
                    return new Object[] {v, v != null && w != null ? v * w : null, v != null ? w : null, true};
                }
                double sv = 0;
                double sw = 0;
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    String c = perIris ? irisCommune.get(e.getKey()) : e.getKey();
                    Double w = weights.get(e.getKey());
                    if (communes.contains(c) && w != null) {
                        sv += e.getValue() * w;
                        sw += w;
                    }
                }
                return new Object[] {sw == 0 ? null : sv / sw, sv, sw, true};
            }
        }
    }

    static void close(Object expected, JsonNode got, String what) {
        if (expected == null) {
            assertTrue(got == null || got.isNull(), what + ": expected null, got " + got);
        } else {
            double e = (Double) expected;
            assertNotNull(got, what);
            assertTrue(got.isNumber(), what + ": expected " + e + ", got " + got);
            assertEquals(e, got.asDouble(), Math.abs(e) * 1e-9 + 1e-9, what);
        }
    }

    static JsonNode get(String path, String key) throws Exception {
        HttpResponse<String> r = key == null ? server.get(path) : server.get(path, "X-API-Key", key);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static void compare(GenIndicator ind, String scale, String unit, List<String> communes, JsonNode p, boolean seesHidden, String what) {
        Object[] e = expected(ind, scale, unit, communes, seesHidden);
        close(e[0], p.get("value"), what + " value");
        close(e[1], p.get("numerator"), what + " numerator");
        close(e[2], p.get("denominator"), what + " denominator");
        assertEquals(e[3], p.get("aggregatable").asBoolean(), what + " aggregatable");
    }

    @Test
    void everyGeneratedIndicatorAtEveryScaleAgreesWithTheNaiveModel() throws Exception {
        int checked = 0;
        Map<Rule, Integer> byRule = new TreeMap<>();
        for (GenIndicator ind : indicators) {
            byRule.merge(ind.rule(), 1, Integer::sum);
            String what0 = ind + "";
            for (String key : new String[] {null, "k-a"}) {
                boolean sees = key != null;
                for (String scale : SCALES) {
                    JsonNode fc = get("/map/data?indicator=" + ind.id() + "&scale=" + scale + "&extent=region/11", key);
                    Map<String, List<String>> expectedUnits = units.get(scale);
                    Set<String> got = new TreeSet<>();
                    for (JsonNode f : fc.get("features")) {
                        String u = f.get("id").asText();
                        got.add(u);
                        assertTrue(expectedUnits.containsKey(u), u + " at " + scale);
                        compare(ind, scale, u, expectedUnits.get(u), f.get("properties"), sees, ind.id() + " " + scale + " " + u + " key " + key
                                + " " + what0.substring(0, Math.min(what0.length(), 300)));
                        checked++;
                    }
                    assertEquals(expectedUnits.keySet(), got, ind.id() + " units at " + scale);
                    // One unit's figures, as /map/value gives them.
                    for (String u : expectedUnits.keySet()) {
                        String shortForm = u.substring((BASE + "id/").length());
                        JsonNode v = get("/map/value?indicator=" + ind.id() + "&unit=" + (checked % 2 == 0 ? shortForm
                                : URLEncoder.encode(u, StandardCharsets.UTF_8)), key);
                        assertEquals(scale, v.get("scale").asText());
                        compare(ind, scale, u, expectedUnits.get(u), v, sees, ind.id() + " /map/value " + u + " key " + key);
                        members(ind, scale, u, expectedUnits.get(u), v, sees);
                        checked++;
                    }
                }
            }
        }
        assertEquals(4, byRule.size(), "every rule is drawn: " + byRule);
        assertTrue(checked > CASES * 50, "figures checked: " + checked);
    }

    /** A not-aggregatable indicator at a coarser scale than published: the members at the nearest finer published scale, with their values. */
    static void members(GenIndicator ind, String scale, String unit, List<String> communes, JsonNode v, boolean sees) {
        List<String> scales = ind.rule() == Rule.NOT_AGGREGATABLE ? ind.published() : computable(ind.rule(), ind.num(), ind.den());
        if (scales.contains(scale)) {
            assertTrue(v.get("members") == null && v.get("message") == null, "no members where a value is given: " + v);
            return;
        }
        assertTrue(v.get("message").get("fr").asText().startsWith("publié par "), v.toString());
        assertTrue(v.get("message").get("en").asText().startsWith("published per "), v.toString());
        String finer = null;
        for (String s : scales) {
            if (SCALES.indexOf(s) < SCALES.indexOf(scale)) {
                finer = s;
            }
        }
        Map<String, Double> values = published(ind.num());
        Map<String, Double> expected = new TreeMap<>();
        if (finer != null) {
            for (Map.Entry<String, List<String>> e : finer.equals("iris") ? allIris().entrySet() : units.get(finer).entrySet()) {
                if (e.getValue().stream().anyMatch(communes::contains)) {
                    expected.put(e.getKey(), sees || !ind.num().hidden() ? values.get(e.getKey()) : null);
                }
            }
        }
        Map<String, Double> got = new TreeMap<>();
        v.get("members").forEach(m -> got.put(m.get("iri").asText(), m.get("value").isNull() ? null : m.get("value").asDouble()));
        assertEquals(expected, got, ind.id() + " members of " + unit + " at " + finer);
        assertEquals(finer == null ? null : finer, v.get("membersScale").isNull() ? null : v.get("membersScale").asText());
    }

    static Map<String, List<String>> allIris() {
        Map<String, List<String>> out = new TreeMap<>();
        irisCommune.forEach((i, c) -> out.put(i, List.of(c)));
        return out;
    }

    @Test
    void badParametersOfMapValueAreNamed() throws Exception {
        String id = indicators.get(0).id();
        String[][] cases = {
                {"/map/value?unit=commune/91001", "400", "indicator"},
                {"/map/value?indicator=nothing&unit=commune/91001", "400", "indicator"},
                {"/map/value?indicator=" + id, "400", "unit"},
                {"/map/value?indicator=" + id + "&unit=canton/9101", "400", "unit"},
                {"/map/value?indicator=" + id + "&unit=" + URLEncoder.encode("https://evil.example/id/commune/91001", StandardCharsets.UTF_8), "400", "unit"},
                {"/map/value?indicator=" + id + "&unit=commune/99999", "404", "unit"},
                {"/map/value?indicator=" + id + "&unit=commune/91001&scale=ept", "400", "scale"},
                {"/map/data?indicator=" + id + "&scale=canton", "400", "scale"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.get(c[0]);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0] + " → " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), c[0]);
            assertTrue(r.body().toLowerCase(Locale.ROOT).contains(c[2]), c[0] + " names " + c[2] + ": " + r.body());
        }
    }

    @Test
    void theIndicatorsListTellsRulesScalesAndWeights() throws Exception {
        JsonNode list = get("/map/indicators", null);
        assertEquals(indicators.size(), list.size());
        for (int i = 0; i < indicators.size(); i++) {
            GenIndicator g = indicators.get(i);
            JsonNode j = list.get(i);
            assertEquals(g.id(), j.get("id").asText());
            assertEquals(g.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'), j.get("rule").asText());
            List<String> published = new ArrayList<>();
            j.get("publishedAt").forEach(s -> published.add(s.asText()));
            assertEquals(g.published(), published, g.id());
            assertEquals(g.weight() == null, j.get("weightedBy").isNull(), g.id());
            assertEquals(!g.num().hidden() && (g.den() == null || !g.den().hidden()) && (g.weight() == null || !g.weight().hidden()),
                    j.get("available").asBoolean(), g.id());
        }
    }
}
