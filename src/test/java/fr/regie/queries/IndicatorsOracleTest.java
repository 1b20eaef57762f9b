package fr.regie.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.map.MapFeature;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;

/**
 * Every indicator of the demo's indicators.ttl, at every scale it can be shown at (IRIS where the
 * data has them, commune, EPT, EPCI, département, région) over Plaine Commune and Île-de-France,
 * as {@code /map/data} and {@code /map/value} serve it from the demo store, against figures
 * computed here from the raw files alone (COG, populations, ept.xlsx, epcicom.xlsx, the IRIS
 * reference and contours, the partners' CSV, Filosofi's CSV with its decimal commas and markers)
 * by the rule the declaration gives: sums and ratios of sums over the unit's communes in force,
 * the weighted mean of the communes' poverty rates by their tax households, and for a
 * not-aggregatable median, a value only where it is published — elsewhere {@code null}, and the
 * members' values. The store is the shared demo store (built once per test JVM).
 */
class IndicatorsOracleTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final String BASE = "https://regie.plaine-commune.example/";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "k-admin";
    static final List<String> EXTENTS = List.of("ept/" + SourceFiles.PLAINE_COMMUNE, "region/" + SourceFiles.ILE_DE_FRANCE);
    static final List<String> SCALES = List.of("iris", "commune", "ept", "epci", "departement", "region");

    static SourceFiles files;
    static SourceFiles.Reference ref;
    static FilosofiFiles filo;
    static TestServer server;

    /** Additive measure → commune code → value (no key: no row). */
    static final Map<String, Map<String, Double>> sums = new HashMap<>();
    /** Median standard of living and poverty rate 2021 per commune in force, as published (communes that absorbed one since: none). */
    static final Map<String, Double> medianSoL = new HashMap<>();
    static final Map<String, Double> povertyRate = new HashMap<>();
    /** Median declared income 2021 per IRIS code of the reference. */
    static final Map<String, Double> medianDeclared = new HashMap<>();
    /** Scale → unit IRI → its communes in force (codes); an IRIS (with a contour): its commune. */
    static final Map<String, Map<String, Set<String>>> units = new HashMap<>();
    /** Every IRIS of the reference → its commune in force (code). */
    static final Map<String, String> irisCommune = new TreeMap<>();

    @BeforeAll
    static void start() throws IOException {
        files = SourceFiles.get(ROOT);
        ref = files.reference;
        filo = FilosofiFiles.get(ROOT);
        model();
        Registry registry = SharedDemo.registry();
        ServerContext ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, Map.of("REGIE_ADMIN_KEY", ADMIN)),
                new ServerSettings(0, true, Duration.ofSeconds(60), 10_000, 20_000, 100_000, 100_000, false, Optional.empty()), null, null);
        server = TestServer.start(ctx, List.of(new MapFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String iri(String path) {
        return BASE + "id/" + path;
    }

    static Double number(Map<String, String> row, String column) {
        BigDecimal b = FilosofiFiles.number(row, column);
        return b == null ? null : b.doubleValue();
    }

    /** The model, from the raw files. */
    static void model() throws IOException {
        Map<String, Double> population = new HashMap<>();
        ref.population.forEach((c, p) -> population.put(c, (double) p));
        sums.put("population", population);
        Map<String, Double> docks = new HashMap<>();
        for (SourceFiles.VelibStation s : files.partners.velib) {
            ref.resolve(s.communeCode()).ifPresent(c -> docks.merge(c, (double) s.docks(), Double::sum));
        }
        sums.put("docks", docks);
        Map<String, SourceFiles.SncfStation> stationOfUic = new HashMap<>();
        files.partners.sncf.forEach(s -> s.uics().forEach(u -> stationOfUic.put(u, s)));
        Map<String, Double> passengers = new HashMap<>();
        files.partners.ridership.forEach((uic, years) -> {
            SourceFiles.SncfStation s = stationOfUic.get(uic);
            if (s != null && years.get(2024) != null) {
                ref.resolve(s.communeCode()).ifPresent(c -> passengers.merge(c, (double) years.get(2024), Double::sum));
            }
        });
        sums.put("passengers", passengers);
        Map<String, Double> festivals = new HashMap<>();
        files.partners.festivalCodes.forEach(t -> SourceFiles.festivalCode(t).flatMap(ref::resolve).ifPresent(c -> festivals.merge(c, 1.0, Double::sum)));
        sums.put("festivals", festivals);

        // Filosofi per commune: every row but the arrondissements' counts in today's commune; a
        // commune's own median and rate only when no former commune's row lands in it.
        Map<String, Double> households = new HashMap<>();
        Set<String> absorbed = new HashSet<>();
        filo.byCommune.forEach((code, row) -> {
            if (ref.arrondissementOf.containsKey(code)) {
                return;
            }
            Optional<String> today = ref.resolve(code);
            today.ifPresent(c -> {
                Double h = number(row, "NBMENFISC21");
                if (h != null) {
                    households.merge(c, h, Double::sum);
                }
                if (!c.equals(code)) {
                    absorbed.add(c);
                }
            });
        });
        sums.put("households", households);
        filo.byCommune.forEach((code, row) -> {
            if (ref.communes.containsKey(code) && !absorbed.contains(code)) {
                Optional.ofNullable(number(row, "MED21")).ifPresent(v -> medianSoL.put(code, v));
                Optional.ofNullable(number(row, "TP6021")).ifPresent(v -> povertyRate.put(code, v));
            }
        });
        assertTrue(absorbed.contains("93066"), "Pierrefitte-sur-Seine's row lands in Saint-Denis");
        filo.iris.iris.forEach((code, i) -> {
            filo.iris.todayOf(i.depcom()).ifPresent(c -> irisCommune.put(iri("iris/" + code), c));
            Double v = number(filo.byIris.get(code), "DEC_MED21");
            if (v != null) {
                medianDeclared.put(iri("iris/" + code), v);
            }
        });

        // Units and their communes in force.
        Map<String, Set<String>> communes = new TreeMap<>();
        Map<String, Set<String>> epts = new TreeMap<>();
        Map<String, Set<String>> deps = new TreeMap<>();
        Map<String, Set<String>> regs = new TreeMap<>();
        for (SourceFiles.Commune c : ref.communes.values()) {
            communes.put(iri("commune/" + c.code()), Set.of(c.code()));
            deps.computeIfAbsent(iri("departement/" + c.dep()), k -> new TreeSet<>()).add(c.code());
            regs.computeIfAbsent(iri("region/" + c.reg()), k -> new TreeSet<>()).add(c.code());
        }
        ref.eptOf.forEach((c, e) -> {
            if (ref.communes.containsKey(c)) {
                epts.computeIfAbsent(iri("ept/" + e), k -> new TreeSet<>()).add(c);
            }
        });
        Map<String, Set<String>> epcis = new TreeMap<>();
        // DGCL's list, header on its first row: siren is the 2nd column, the member's INSEE code the 10th.
        try (fr.regie.source.XlsxSheet x = fr.regie.source.XlsxSheet.open(ROOT.resolve("reference/insee/data/epcicom.xlsx"), "Epcicom2025", 1)) {
            for (List<String> r = x.next(); r != null; r = x.next()) {
                String code = r.get(9).strip();
                if (ref.communes.containsKey(code)) {
                    epcis.computeIfAbsent(iri("epci/" + r.get(1).strip()), k -> new TreeSet<>()).add(code);
                }
            }
        }
        assertTrue(epcis.size() > 50, "EPCI of the list: " + epcis.size());
        Map<String, Set<String>> withContour = new TreeMap<>();
        for (String code : filo.iris.contours.keySet()) {
            String i = iri("iris/" + code);
            if (irisCommune.containsKey(i)) {
                withContour.put(i, Set.of(irisCommune.get(i)));
            }
        }
        units.put("commune", communes);
        units.put("ept", epts);
        units.put("epci", epcis);
        units.put("departement", deps);
        units.put("region", regs);
        units.put("iris", withContour);
    }

    static Set<String> extentCommunes(String extent) {
        return units.get(extent.substring(0, extent.indexOf('/'))).get(iri(extent));
    }

    /** The units of a scale that hold a commune of the extent (an IRIS: whose commune is in it). */
    static Map<String, Set<String>> unitsIn(String scale, String extent) {
        Set<String> cs = extentCommunes(extent);
        Map<String, Set<String>> out = new TreeMap<>();
        units.get(scale).forEach((u, members) -> {
            if (members.stream().anyMatch(cs::contains)) {
                out.put(u, members);
            }
        });
        return out;
    }

    static double sum(String measure, Set<String> communes) {
        double s = 0;
        for (String c : communes) {
            s += sums.get(measure).getOrDefault(c, 0.0);
        }
        return s;
    }

    static Double ratio(String num, String den, double factor, Set<String> communes) {
        double d = sum(den, communes);
        return d == 0 ? null : sum(num, communes) / d * factor;
    }

    /** The expected value of an indicator at a unit (null: none), by the rule the demo declares for it; NaN: not at this scale. */
    /** Not at this scale (boxed: a conditional with a null Double must not unbox). */
    static final Double NONE = Double.NaN;

    static Double expected(String indicator, String scale, String unit, Set<String> communes) {
        boolean iris = scale.equals("iris");
        switch (indicator) {
            case "population-2023": return iris ? NONE : sum("population", communes);
            case "velib-docks": return iris ? NONE : sum("docks", communes);
            case "velib-docks-per-1000": return iris ? NONE : ratio("docks", "population", 1000, communes);
            case "sncf-passengers-per-inhabitant": return iris ? NONE : ratio("passengers", "population", 1, communes);
            case "festivals-per-100k": return iris ? NONE : ratio("festivals", "population", 100000, communes);
            case "tax-households-2021": return iris ? NONE : sum("households", communes);
            case "median-declared-income-2021": return iris ? medianDeclared.get(unit) : NONE;
            case "median-standard-of-living-2021": return scale.equals("commune") ? medianSoL.get(communes.iterator().next()) : NONE;
            case "poverty-rate-2021": {
                if (iris) {
                    return NONE;
                }
                if (scale.equals("commune")) {
                    return povertyRate.get(communes.iterator().next());
                }
                double sv = 0;
                double sw = 0;
                for (String c : communes) {
                    Double v = povertyRate.get(c);
                    Double w = sums.get("households").get(c);
                    if (v != null && w != null) {
                        sv += v * w;
                        sw += w;
                    }
                }
                return sw == 0 ? null : sv / sw;
            }
            default: throw new IllegalArgumentException(indicator);
        }
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = server.get(path, "X-API-Key", ADMIN);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static void close(Double expected, JsonNode got, String what) {
        if (expected == null || expected.isNaN()) {
            assertTrue(got == null || got.isNull(), what + ": expected null, got " + got);
        } else {
            assertNotNull(got, what);
            assertTrue(got.isNumber(), what + ": expected " + expected + ", got " + got);
            assertEquals(expected, got.asDouble(), Math.abs(expected) * 1e-9 + 1e-9, what);
        }
    }

    @Test
    void everyDemoIndicatorAtEveryScaleEqualsTheRawFilesByItsRule() throws Exception {
        JsonNode list = get("/map/indicators");
        List<String> ids = new ArrayList<>();
        list.forEach(i -> ids.add(i.get("id").asText()));
        assertEquals(List.of("population-2023", "velib-docks", "velib-docks-per-1000", "sncf-passengers-per-inhabitant", "festivals-per-100k",
                "median-declared-income-2021", "median-standard-of-living-2021", "poverty-rate-2021", "tax-households-2021"), ids,
                "the oracle knows every indicator of the file");
        Map<String, Integer> valued = new TreeMap<>();
        for (String id : ids) {
            for (String extent : EXTENTS) {
                for (String scale : SCALES) {
                    JsonNode fc = get("/map/data?indicator=" + id + "&scale=" + scale + "&extent=" + extent + "&zoom=8");
                    assertTrue(fc.get("available").asBoolean(), id);
                    Map<String, Set<String>> expectedUnits = unitsIn(scale, extent);
                    Set<String> got = new TreeSet<>();
                    for (JsonNode f : fc.get("features")) {
                        String u = f.get("id").asText();
                        got.add(u);
                        JsonNode p = f.get("properties");
                        String what = id + " " + scale + " " + u + " in " + extent;
                        assertTrue(expectedUnits.containsKey(u), what + " is not expected");
                        Double e = expected(id, scale, u, expectedUnits.get(u));
                        close(e, p.get("value"), what);
                        assertEquals(e == null || !e.isNaN(), p.get("aggregatable").asBoolean(), what + " aggregatable");
                        if (e != null && !e.isNaN()) {
                            valued.merge(id + " " + scale, 1, Integer::sum);
                        }
                    }
                    assertEquals(expectedUnits.keySet(), got, id + " units at " + scale + " in " + extent);
                }
            }
        }
        // Every indicator has figures at the scales it is shown at; the medians only where published.
        for (String id : ids) {
            for (String scale : SCALES) {
                boolean shown = switch (id) {
                    case "median-declared-income-2021" -> scale.equals("iris");
                    case "median-standard-of-living-2021" -> scale.equals("commune");
                    default -> !scale.equals("iris");
                };
                assertEquals(shown, valued.getOrDefault(id + " " + scale, 0) > 0, id + " at " + scale + ": " + valued);
            }
        }
        assertTrue(valued.get("median-declared-income-2021 iris") > 2000, "IRIS with a median: " + valued);
    }

    /** The medians at wider scales: null, a message in both languages and the members' values of the raw file. */
    @Test
    void notAggregatableMediansGiveTheirMembersValues() throws Exception {
        int members = 0;
        Random rnd = new Random(12);
        for (String scale : List.of("commune", "ept", "epci", "departement", "region")) {
            List<String> sample = new ArrayList<>(unitsIn(scale, "region/11").keySet());
            if (scale.equals("commune")) {
                java.util.Collections.shuffle(sample, rnd);
                sample = new ArrayList<>(sample.subList(0, 40));
                sample.addAll(unitsIn("commune", EXTENTS.get(0)).keySet());
            }
            for (String u : sample) {
                Set<String> communes = units.get(scale).get(u);
                for (String id : List.of("median-standard-of-living-2021", "median-declared-income-2021")) {
                    boolean iris = id.startsWith("median-declared");
                    if (!iris && scale.equals("commune")) {
                        JsonNode v = get("/map/value?indicator=" + id + "&unit=" + u.substring((BASE + "id/").length()));
                        close(medianSoL.get(communes.iterator().next()), v.get("value"), id + " " + u);
                        assertTrue(v.get("aggregatable").asBoolean() && v.get("members") == null, v.toString());
                        continue;
                    }
                    JsonNode v = get("/map/value?indicator=" + id + "&unit=" + u.substring((BASE + "id/").length()));
                    String what = id + " " + u;
                    assertEquals(scale, v.get("scale").asText(), what);
                    assertTrue(v.get("value").isNull(), what + " has no invented value");
                    assertFalse(v.get("aggregatable").asBoolean(), what);
                    assertEquals(iris ? "publié par IRIS seulement ; voici les valeurs des IRIS membres"
                            : "publié par commune seulement ; voici les valeurs des communes membres", v.get("message").get("fr").asText());
                    assertEquals(iris ? "published per IRIS only; here are the member IRIS' values"
                            : "published per commune only; here are the member communes' values", v.get("message").get("en").asText());
                    Map<String, Double> expected = new TreeMap<>();
                    if (iris) {
                        irisCommune.forEach((i, c) -> {
                            if (communes.contains(c)) {
                                expected.put(i, medianDeclared.get(i));
                            }
                        });
                    } else {
                        communes.forEach(c -> expected.put(iri("commune/" + c), medianSoL.get(c)));
                    }
                    Map<String, Double> got = new TreeMap<>();
                    for (JsonNode m : v.get("members")) {
                        got.put(m.get("iri").asText(), m.get("value").isNull() ? null : m.get("value").asDouble());
                        members++;
                    }
                    assertEquals(expected, got, what);
                }
            }
        }
        assertTrue(members > 10_000, "members checked: " + members);
    }

    /** Saint-Denis absorbed Pierrefitte-sur-Seine in 2025: a 2021 median of the former Saint-Denis is not shown as today's. */
    @Test
    void aMergedCommuneHasNoMedianButItsHouseholdsAddUp() throws Exception {
        JsonNode sol = get("/map/value?indicator=median-standard-of-living-2021&unit=commune/93066");
        assertTrue(sol.get("value").isNull(), sol.toString());
        JsonNode h = get("/map/value?indicator=tax-households-2021&unit=commune/93066");
        double expected = number(filo.byCommune.get("93066"), "NBMENFISC21") + number(filo.byCommune.get("93059"), "NBMENFISC21");
        assertEquals(expected, h.get("value").asDouble(), 1e-9);
        assertEquals("sum", h.get("rule").asText());
        JsonNode rate = get("/map/value?indicator=poverty-rate-2021&unit=" + iri("ept/" + SourceFiles.PLAINE_COMMUNE).replace(":", "%3A").replace("/", "%2F"));
        assertEquals("weighted-mean", rate.get("rule").asText());
        close(expected("poverty-rate-2021", "ept", null, units.get("ept").get(iri("ept/" + SourceFiles.PLAINE_COMMUNE))), rate.get("value"), "PC rate");
        assertEquals("ept", rate.get("scale").asText().toLowerCase(Locale.ROOT));
    }
}
