package fr.regie.queries;

import static fr.regie.queries.Expected.r1;
import static fr.regie.queries.Expected.r2;
import static fr.regie.queries.Expected.row;
import static fr.regie.queries.SourceFiles.ILE_DE_FRANCE;
import static fr.regie.queries.SourceFiles.PLAINE_COMMUNE;
import static fr.regie.queries.SourceFiles.SEINE_SAINT_DENIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

import fr.regie.queries.SourceFiles.Boundary;
import fr.regie.queries.SourceFiles.IdfmStation;
import fr.regie.queries.SourceFiles.Reference;
import fr.regie.queries.SourceFiles.SncfStation;
import fr.regie.queries.SourceFiles.VelibStation;

/**
 * The analyst queries of examples/queries/, run on the demo store (built once for the class with
 * the pipeline API), each compared with the same answer computed independently in plain Java from
 * the source files ({@link SourceFiles}): same columns, same rows in the same order, numbers
 * within a small tolerance. A few headline figures of the SOURCE notes are checked too, so that
 * the independent computation is itself anchored to the published facts.
 */
class AnalystQueriesTest {
    private static final Path PROJECT = Path.of(System.getProperty("regie.project.dir", "."));
    private static final Path QUERIES = PROJECT.resolve("examples/queries");

    /** The query files this class checks; every .rq file of examples/queries must be one of them. */
    private static final Set<String> TESTED = Set.of(
            "01-population-by-scale.rq",
            "02-velib-docks-per-1000.rq",
            "03-sncf-passengers-per-inhabitant.rq",
            "04-festivals-per-100k-by-ept.rq",
            "05-plaine-commune-without-velib.rq",
            "06-sncf-stations-per-commune.rq",
            "07-ept-across-departements.rq",
            "08-idfm-stations-by-mode.rq",
            "09-geosparql-idfm-in-2018-boundaries.rq",
            "10-sncf-declared-vs-located.rq",
            "11-france-services-in-seine-saint-denis.rq",
            "12-velib-docks-per-iris.rq",
            "13-saint-denis-income-by-iris.rq",
            "14-france-services-iris-income.rq");

    @TempDir
    static Path tmp;
    private static DemoStore store;
    private static SourceFiles files;
    private static Reference ref;

    @BeforeAll
    static void buildStore() throws IOException {
        files = SourceFiles.get(PROJECT);
        ref = files.reference;
        store = DemoStore.build(PROJECT, tmp);
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static DemoStore.Result run(String file) throws IOException {
        return store.select(QUERIES.resolve(file));
    }

    // ------------------------------------------------------------------------------------------
    // The scales: each commune of Plaine Commune, then the EPT, Seine-Saint-Denis, Île-de-France.

    record Unit(int ord, String level, String code, String name, List<String> communes) {
        long population() {
            return ref.population(communes);
        }
    }

    private static List<Unit> communesOfPlaineCommune() {
        return ref.communesOfEpt(PLAINE_COMMUNE).stream()
                .map(c -> new Unit(1, "commune", c, ref.communes.get(c).name(), List.of(c))).toList();
    }

    private static List<Unit> scales() {
        List<Unit> units = new ArrayList<>(communesOfPlaineCommune());
        units.add(new Unit(2, "EPT", PLAINE_COMMUNE, ref.eptNames.get(PLAINE_COMMUNE), ref.communesOfEpt(PLAINE_COMMUNE)));
        units.add(new Unit(3, "département", SEINE_SAINT_DENIS, ref.depNames.get(SEINE_SAINT_DENIS),
                ref.communesOfDep(SEINE_SAINT_DENIS)));
        units.add(new Unit(4, "région", ILE_DE_FRANCE, ref.regNames.get(ILE_DE_FRANCE), ref.communesOfReg(ILE_DE_FRANCE)));
        return units;
    }

    /** Sorts rows by the unit's order, then a value descending (as rounded by the query), then the code. */
    private static <T> List<T> byOrdValueDescCode(List<T> rows, java.util.function.Function<T, Unit> unit,
                                                  java.util.function.ToDoubleFunction<T> value) {
        return rows.stream().sorted(Comparator.comparingInt((T r) -> unit.apply(r).ord())
                .thenComparing(Comparator.comparingDouble(value).reversed())
                .thenComparing(r -> unit.apply(r).code())).toList();
    }

    private static long sum(Map<String, Long> perCommune, List<String> communes) {
        return communes.stream().mapToLong(c -> perCommune.getOrDefault(c, 0L)).sum();
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void everyQueryFileIsTestedAndDocumented() throws IOException {
        Set<String> present;
        try (Stream<Path> s = Files.list(QUERIES)) {
            present = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(TESTED), present, "every query of examples/queries has its test here");
        assertTrue(present.size() >= 8);
        for (String f : present) {
            assertTrue(f.matches("\\d\\d-[a-z0-9-]+\\.rq"), f + ": name NN-name.rq");
            String text = Files.readString(QUERIES.resolve(f), StandardCharsets.UTF_8);
            String header = text.lines().takeWhile(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
            assertTrue(text.startsWith("#"), f + " opens with a comment block");
            for (String part : List.of("# FR ", "# EN ", "# Scales:", "# Method:")) {
                assertTrue(header.contains(part), f + ": the opening comment has " + part.strip());
            }
        }
    }

    /** Q1: population by commune, EPT, département and région. */
    @Test
    void q01PopulationByScale() throws IOException {
        List<Unit> units = scales();
        long region = units.get(units.size() - 1).population();
        // The SOURCE notes (insee-populations-legales-2023, insee-cog-2026) anchor the computation.
        assertEquals(453_671, ref.population(ref.communesOfEpt(PLAINE_COMMUNE)));
        assertEquals(1_704_316, ref.population(ref.communesOfDep(SEINE_SAINT_DENIS)));
        assertEquals(12_463_067, region);
        assertEquals(1_266, ref.communesOfReg(ILE_DE_FRANCE).size());
        assertEquals(149_077, ref.population.get("93066"));
        assertEquals(8, ref.communesOfEpt(PLAINE_COMMUNE).size());

        List<List<Object>> expected = byOrdValueDescCode(units, u -> u, u -> u.population()).stream()
                .map(u -> row(u.level(), u.code(), u.name(), (long) u.communes().size(), u.population(),
                        r2(100.0 * u.population() / region)))
                .toList();
        Expected.assertResult("01", List.of("level", "code", "name", "communes", "population_2023", "share_of_region_pct"),
                expected, run("01-population-by-scale.rq"));
    }

    /** Vélib' stations and docks by today's commune (declared code resolved through the COG). */
    private static Map<String, long[]> velibByCommune() {
        Map<String, long[]> m = new HashMap<>();
        for (VelibStation s : files.partners.velib) {
            Optional<String> c = ref.resolve(s.communeCode());
            assertTrue(c.isPresent(), "Vélib' station " + s.code() + " has a commune");
            long[] a = m.computeIfAbsent(c.get(), k -> new long[2]);
            a[0]++;
            a[1] += s.docks();
        }
        return m;
    }

    /** Q2: Vélib' docks per 1,000 inhabitants. */
    @Test
    void q02VelibDocksPer1000() throws IOException {
        Map<String, long[]> velib = velibByCommune();
        Map<String, Long> stations = new HashMap<>();
        Map<String, Long> docks = new HashMap<>();
        velib.forEach((c, a) -> {
            stations.put(c, a[0]);
            docks.put(c, a[1]);
        });
        // SOURCE notes (velib-disponibilite-2026-04-06): 93 has 122 stations and 3,740 docks; 48,507 in all.
        assertEquals(122, sum(stations, ref.communesOfDep(SEINE_SAINT_DENIS)));
        assertEquals(3_740, sum(docks, ref.communesOfDep(SEINE_SAINT_DENIS)));
        assertEquals(48_507, sum(docks, ref.communesOfReg(ILE_DE_FRANCE)));
        assertEquals(666, docks.get("93066"));

        record R(Unit u, long stations, long docks, double ratio) {}
        List<R> rows = new ArrayList<>();
        for (Unit u : scales()) {
            long d = sum(docks, u.communes());
            rows.add(new R(u, sum(stations, u.communes()), d, Math.round(100000.0 * d / u.population()) / 100.0));
        }
        List<List<Object>> expected = byOrdValueDescCode(rows, R::u, R::ratio).stream()
                .map(r -> row(r.u().level(), r.u().code(), r.u().name(), r.u().population(), r.stations(), r.docks(),
                        r2(1000.0 * r.docks() / r.u().population())))
                .toList();
        Expected.assertResult("02", List.of("level", "code", "name", "population_2023", "stations", "docks", "docks_per_1000"),
                expected, run("02-velib-docks-per-1000.rq"));
    }

    /** SNCF passengers of a year by today's commune: UIC code → station (codes_uic) → declared code → commune. */
    private static Map<String, Long> sncfPassengersByCommune(int year) {
        Map<String, SncfStation> stationOfUic = new HashMap<>();
        for (SncfStation s : files.partners.sncf) {
            s.uics().forEach(u -> stationOfUic.put(u, s));
        }
        Map<String, Long> m = new HashMap<>();
        files.partners.ridership.forEach((uic, years) -> {
            SncfStation s = stationOfUic.get(uic);
            Long n = years.get(year);
            if (s != null && n != null) {
                ref.resolve(s.communeCode()).ifPresent(c -> m.merge(c, n, Long::sum));
            }
        });
        return m;
    }

    /** Q3: SNCF passengers per inhabitant, 2019 and 2024. */
    @Test
    void q03SncfPassengersPerInhabitant() throws IOException {
        Map<String, Long> y2019 = sncfPassengersByCommune(2019);
        Map<String, Long> y2024 = sncfPassengersByCommune(2024);
        // SOURCE notes (sncf-frequentation-gares): Saint-Denis 36,960,585 and Pierrefitte - Stains
        // 14,163,490 in 2024, both counted in Saint-Denis today (with Stade de France, La Plaine and
        // the T11 stop).
        assertEquals(36_960_585L + 14_163_490L + 14_344_392L + 8_320_522L + 4_310_074L, y2024.get("93066"));

        record R(Unit u, long p2019, long p2024, double ratio2024) {}
        List<R> rows = new ArrayList<>();
        for (Unit u : scales()) {
            long a = sum(y2019, u.communes());
            long b = sum(y2024, u.communes());
            rows.add(new R(u, a, b, Math.round(100.0 * b / u.population()) / 100.0));
        }
        List<List<Object>> expected = byOrdValueDescCode(rows, R::u, R::ratio2024).stream()
                .map(r -> row(r.u().level(), r.u().code(), r.u().name(), r.u().population(), r.p2019(), r.p2024(),
                        r2((double) r.p2019() / r.u().population()), r2((double) r.p2024() / r.u().population()),
                        r.p2019() > 0 ? r1(100.0 * (r.p2024() - r.p2019()) / r.p2019()) : null))
                .toList();
        Expected.assertResult("03", List.of("level", "code", "name", "population_2023", "passengers_2019", "passengers_2024",
                "per_inhabitant_2019", "per_inhabitant_2024", "change_pct"), expected, run("03-sncf-passengers-per-inhabitant.rq"));
    }

    /** Q4: festivals per 100,000 inhabitants by EPT. */
    @Test
    void q04FestivalsPer100kByEpt() throws IOException {
        // Festivals by today's commune: the 4-digit rule of the culture SOURCE note, then the COG.
        Map<String, Long> festivals = new HashMap<>();
        for (String typed : files.partners.festivalCodes) {
            SourceFiles.festivalCode(typed).flatMap(ref::resolve).ifPresent(c -> festivals.merge(c, 1L, Long::sum));
        }
        // SOURCE notes (culture-festivals): 26 festivals in Plaine Commune, 71 in Seine-Saint-Denis.
        assertEquals(26, sum(festivals, ref.communesOfEpt(PLAINE_COMMUNE)));
        assertEquals(71, sum(festivals, ref.communesOfDep(SEINE_SAINT_DENIS)));
        assertEquals(11, ref.eptNames.size());

        record R(String code, String name, long communes, long population, long festivals, double ratio) {}
        List<R> rows = new ArrayList<>();
        for (String ept : ref.eptNames.keySet()) {
            List<String> communes = ref.communesOfEpt(ept);
            long pop = ref.population(communes);
            long f = sum(festivals, communes);
            rows.add(new R(ept, ref.eptNames.get(ept), communes.size(), pop, f, Math.round(10000000.0 * f / pop) / 100.0));
        }
        List<List<Object>> expected = rows.stream()
                .sorted(Comparator.comparingDouble(R::ratio).reversed().thenComparing(R::code))
                .map(r -> row(r.code(), r.name(), r.communes(), r.population(), r.festivals(),
                        r2(100000.0 * r.festivals() / r.population())))
                .toList();
        Expected.assertResult("04", List.of("ept_code", "ept_name", "communes", "population_2023", "festivals",
                "festivals_per_100k"), expected, run("04-festivals-per-100k-by-ept.rq"));
    }

    /** Q5: the communes of Plaine Commune with no Vélib' station. */
    @Test
    void q05PlaineCommuneWithoutVelib() throws IOException {
        Map<String, long[]> velib = velibByCommune();
        List<String> communes = ref.communesOfEpt(PLAINE_COMMUNE);
        long eptPop = ref.population(communes);
        List<List<Object>> expected = communes.stream().filter(c -> !velib.containsKey(c)).sorted()
                .map(c -> row(c, ref.communes.get(c).name(), ref.population.get(c),
                        r2(100.0 * ref.population.get(c) / eptPop)))
                .toList();
        // SOURCE notes: Épinay-sur-Seine, Stains and Villetaneuse have none.
        assertEquals(List.of("93031", "93072", "93079"), expected.stream().map(r -> r.get(0)).toList());
        Expected.assertResult("05", List.of("code", "name", "population_2023", "share_of_ept_pct"), expected,
                run("05-plaine-commune-without-velib.rq"));
    }

    /** Q6: SNCF stations per commune of Plaine Commune, after the 93059 → 93066 merger. */
    @Test
    void q06SncfStationsPerCommune() throws IOException {
        Map<String, List<SncfStation>> byCommune = new HashMap<>();
        for (SncfStation s : files.partners.sncf) {
            ref.resolve(s.communeCode()).ifPresent(c -> byCommune.computeIfAbsent(c, k -> new ArrayList<>()).add(s));
        }
        // The merger, from communes.csv: 93059 is a commune déléguée of 93066.
        assertEquals("93066", ref.parentOf.get("93059"));
        List<List<Object>> expected = ref.communesOfEpt(PLAINE_COMMUNE).stream()
                .map(c -> {
                    List<SncfStation> ss = byCommune.getOrDefault(c, List.of());
                    return row(c, ref.communes.get(c).name(), (long) ss.size(),
                            ss.stream().filter(s -> !s.communeCode().equals(c)).count(),
                            Expected.Names.of(ss.stream().map(SncfStation::name).toList()));
                })
                .sorted(Comparator.comparingLong((List<Object> r) -> (Long) r.get(2)).reversed()
                        .thenComparing(r -> (String) r.get(0)))
                .toList();
        // SOURCE notes (sncf-gares-de-voyageurs): the two Pierrefitte - Stains stations land in Saint-Denis.
        List<Object> saintDenis = expected.stream().filter(r -> r.get(0).equals("93066")).findFirst().orElseThrow();
        assertEquals(5L, saintDenis.get(2));
        assertEquals(2L, saintDenis.get(3));
        Expected.assertResult("06", List.of("code", "name", "stations", "declared_with_other_code", "stations_list"), expected,
                run("06-sncf-stations-per-commune.rq"));
    }

    /** Q7: the population of each EPT by département. */
    @Test
    void q07EptAcrossDepartements() throws IOException {
        Map<String, Long> depPop = new HashMap<>();
        ref.communes.values().forEach(c -> depPop.merge(c.dep(), ref.population.getOrDefault(c.code(), 0L), Long::sum));
        record R(String ept, String eptName, int deps, String dep, long communes, long pop, long eptPop) {}
        List<R> rows = new ArrayList<>();
        for (String ept : ref.eptNames.keySet()) {
            List<String> communes = ref.communesOfEpt(ept);
            Map<String, List<String>> byDep = new TreeMap<>();
            communes.forEach(c -> byDep.computeIfAbsent(ref.communes.get(c).dep(), k -> new ArrayList<>()).add(c));
            long eptPop = ref.population(communes);
            byDep.forEach((dep, cs) -> rows.add(new R(ept, ref.eptNames.get(ept), byDep.size(), dep, cs.size(),
                    ref.population(cs), eptPop)));
        }
        // SOURCE notes (insee-ept-2025): Grand-Orly Seine Bièvre spans 94 (18 communes) and 91 (6),
        // Boucle Nord de Seine 92 and 95.
        assertEquals(List.of("91:6", "94:18"), rows.stream().filter(r -> r.ept().equals("200058014"))
                .map(r -> r.dep() + ":" + r.communes()).toList());
        assertEquals(List.of("92", "95"), rows.stream().filter(r -> r.ept().equals("200057990")).map(R::dep).toList());

        List<List<Object>> expected = rows.stream()
                .sorted(Comparator.comparingInt(R::deps).reversed().thenComparing(R::eptName)
                        .thenComparing(Comparator.comparingLong(R::pop).reversed()).thenComparing(R::dep))
                .map(r -> row(r.ept(), r.eptName(), (long) r.deps(), r.dep(), ref.depNames.get(r.dep()), r.communes(), r.pop(),
                        r.eptPop(), r2(100.0 * r.pop() / r.eptPop()), r2(100.0 * r.pop() / depPop.get(r.dep()))))
                .toList();
        Expected.assertResult("07", List.of("ept_code", "ept_name", "departements_of_ept", "dep_code", "dep_name", "communes",
                "population_2023", "ept_population_2023", "share_of_ept_pct", "share_of_departement_pct"), expected,
                run("07-ept-across-departements.rq"));
    }

    /**
     * Where an IDFM station lies today, computed here: the 2018 boundary containing its point
     * (JTS over the GeoJSON outlines), then that 2018 code through the COG (93059 → 93066).
     */
    private static Optional<String> idfmCommune(IdfmStation s) {
        return ref.boundaryOf(s.lon(), s.lat()).map(Boundary::code).flatMap(ref::resolve);
    }

    /** Q8: IDFM stations by transport mode, per commune of Plaine Commune and for the EPT. */
    @Test
    void q08IdfmStationsByMode() throws IOException {
        Map<String, String> communeOf = new HashMap<>();
        for (IdfmStation s : files.partners.idfm.values()) {
            idfmCommune(s).ifPresent(c -> communeOf.put(s.zda(), c));
        }
        List<Unit> units = new ArrayList<>(communesOfPlaineCommune());
        units.add(new Unit(2, "EPT", PLAINE_COMMUNE, ref.eptNames.get(PLAINE_COMMUNE), ref.communesOfEpt(PLAINE_COMMUNE)));
        List<List<Object>> expected = new ArrayList<>();
        for (Unit u : units.stream().sorted(Comparator.comparingInt(Unit::ord).thenComparing(Unit::code)).toList()) {
            Map<String, Long> perMode = new TreeMap<>();
            for (IdfmStation s : files.partners.idfm.values()) {
                String c = communeOf.get(s.zda());
                if (c != null && u.communes().contains(c)) {
                    s.modes().forEach(m -> perMode.merge(m, 1L, Long::sum));
                    perMode.merge("ALL", 1L, Long::sum);
                }
            }
            perMode.forEach((mode, n) -> expected.add(row(u.level(), u.code(), u.name(), mode, n)));
        }
        // IDFM SOURCE note: Saint-Denis – Pleyel (METRO 14) and the Pierrefitte - Stains stations are in Saint-Denis.
        assertEquals("93066", communeOf.get("490775"));
        assertEquals("93066", communeOf.get("43179"));
        Expected.assertResult("08", List.of("level", "code", "name", "mode", "stations"), expected,
                run("08-idfm-stations-by-mode.rq"));
    }

    /** Q9: GeoSPARQL sfWithin of IDFM stations in the 2018 boundaries of Plaine Commune's communes. */
    @Test
    void q09GeosparqlIdfmIn2018Boundaries() throws IOException {
        Set<String> pc = new TreeSet<>(ref.communesOfEpt(PLAINE_COMMUNE));
        GeometryFactory gf = new GeometryFactory();
        List<List<Object>> expected = new ArrayList<>();
        for (Boundary b : ref.boundaries.stream().sorted(Comparator.comparing(Boundary::code)).toList()) {
            Optional<String> today = ref.todayOfBoundary(b.code());
            if (today.isEmpty() || !pc.contains(today.get())) {
                continue;
            }
            List<String> names = new ArrayList<>();
            long elsewhere = 0;
            for (IdfmStation s : files.partners.idfm.values()) {
                Point p = gf.createPoint(new Coordinate(s.lon(), s.lat()));
                // sfWithin(point, polygon): the polygon contains the point (interior, not the edge).
                if (b.geometry().contains(p)) {
                    names.add(s.name());
                    if (!today.equals(idfmCommune(s))) {
                        elsewhere++;
                    }
                }
            }
            expected.add(row(b.code(), b.name(), today.get(), ref.communes.get(today.get()).name(), (long) names.size(),
                    elsewhere, Expected.Names.of(names)));
        }
        // 9 boundaries of 2018 (Pierrefitte-sur-Seine 93059 among them) make today's 8 communes.
        assertEquals(9, expected.size());
        assertTrue(expected.stream().anyMatch(r -> r.get(0).equals("93059") && r.get(2).equals("93066")));
        Expected.assertResult("09", List.of("boundary_2018_code", "boundary_2018_name", "commune_today_code",
                "commune_today_name", "stations_within", "placed_elsewhere", "stations_list"), expected,
                run("09-geosparql-idfm-in-2018-boundaries.rq"));
    }

    /** Q10: SNCF stations of Île-de-France declared in one commune, with their point in another. */
    @Test
    void q10SncfDeclaredVsLocated() throws IOException {
        GeometryFactory gf = new GeometryFactory();
        record R(String dep, String station, String declared, String declaredCommune, String boundary, String located) {}
        List<R> rows = new ArrayList<>();
        for (SncfStation s : files.partners.sncf) {
            Optional<String> declared = ref.resolve(s.communeCode());
            if (s.lon() == null || declared.isEmpty() || !ref.communes.get(declared.get()).reg().equals(ILE_DE_FRANCE)) {
                continue;
            }
            Point p = gf.createPoint(new Coordinate(s.lon(), s.lat()));
            for (Boundary b : ref.boundaries) {
                // sfWithin(point, boundary); the 2018 code brought to today through the COG.
                if (b.geometry().contains(p)) {
                    Optional<String> located = ref.resolve(b.code());
                    if (located.isPresent() && !located.equals(declared)) {
                        rows.add(new R(ref.communes.get(declared.get()).dep(), s.name(), s.communeCode(), declared.get(),
                                b.code(), located.get()));
                    }
                }
            }
        }
        // The SNCF SOURCE note's Plaine Commune list puts Villetaneuse Université in 93031
        // (Épinay-sur-Seine); its point lies in Villetaneuse's outline.
        assertTrue(rows.stream().anyMatch(r -> r.station().equals("Villetaneuse Université") && r.located().equals("93079")));
        List<List<Object>> expected = rows.stream().distinct()
                .sorted(Comparator.comparing(R::dep).thenComparing(R::station))
                .map(r -> row(r.dep(), r.station(), r.declared(), r.declaredCommune(), ref.communes.get(r.declaredCommune()).name(),
                        r.boundary(), r.located(), ref.communes.get(r.located()).name()))
                .toList();
        Expected.assertResult("10", List.of("declared_dep", "station", "declared_code", "declared_commune_code",
                "declared_commune", "boundary_2018_code", "located_commune_code", "located_commune"), expected,
                run("10-sncf-declared-vs-located.rq"));
    }

    /** Q11: France services sites per commune of Seine-Saint-Denis, from the partner's CSV read here with the test's own reader. */
    @Test
    void q11FranceServicesInSeineSaintDenis() throws IOException {
        SourceFiles.Table sites = SourceFiles.csv(PROJECT.resolve("examples/plaine-commune/france-services/data/liste-fs-20240801.csv"));
        assertEquals(2_845, sites.rows().size());
        Map<String, long[]> byCommune = new TreeMap<>();
        for (List<String> row : sites.rows()) {
            String declared = sites.get(row, "insee_com");
            Optional<String> today = ref.resolve(declared);
            if (today.isPresent() && ref.communes.get(today.get()).dep().equals(SEINE_SAINT_DENIS)) {
                long[] n = byCommune.computeIfAbsent(today.get(), k -> new long[2]);
                n[0]++;
                n[1] += declared.equals(today.get()) ? 0 : 1;
            }
        }
        // SOURCE notes: 32 sites in Seine-Saint-Denis; the two of Pierrefitte (93059) land in Saint-Denis.
        assertEquals(32, byCommune.values().stream().mapToLong(n -> n[0]).sum());
        assertEquals(2, byCommune.get("93066")[1]);
        List<List<Object>> expected = byCommune.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(e -> {
                    long pop = ref.population.get(e.getKey());
                    return row(e.getKey(), ref.communes.get(e.getKey()).name(), pop, e.getValue()[0], e.getValue()[1],
                            r2(100_000.0 * e.getValue()[0] / pop));
                })
                .toList();
        Expected.assertResult("11", List.of("code", "name", "population_2023", "sites", "declared_with_other_code", "sites_per_100k"),
                expected, run("11-france-services-in-seine-saint-denis.rq"));
    }

    // ------------------------------------------------------------------------------------------
    // The IRIS scale (queries 12 to 14): IRIS reference and contours (IrisFiles) and Filosofi (FilosofiFiles).

    /** A Filosofi figure as the expected cell: the exact number (as published, no rounding), or null (unbound). */
    private static Expected.Approx exact(java.math.BigDecimal v) {
        return v == null ? null : new Expected.Approx(v.doubleValue(), 1e-9);
    }

    /** Today's commune of an IRIS of the reference: its DEPCOM through the COG (93059 → 93066, 75101 → 75056). */
    private static String todayOf(IrisFiles.Iris i) {
        return ref.resolve(i.depcom()).orElseThrow(() -> new AssertionError(i.code() + ": DEPCOM " + i.depcom() + " resolves to no commune"));
    }

    /** Q12: Vélib' stations and docks per IRIS of Plaine Commune, JTS point-in-polygon over the raw contours. */
    @Test
    void q12VelibDocksPerIris() throws IOException {
        FilosofiFiles filo = FilosofiFiles.get(PROJECT);
        IrisFiles iris = filo.iris;
        Map<String, long[]> byIris = new HashMap<>();
        for (VelibStation s : files.partners.velib) {
            iris.irisOf(s.lon(), s.lat()).ifPresent(code -> {
                long[] a = byIris.computeIfAbsent(code, k -> new long[2]);
                a[0]++;
                a[1] += s.docks();
            });
        }
        Set<String> pc = new TreeSet<>(ref.communesOfEpt(PLAINE_COMMUNE));
        List<IrisFiles.Iris> irisOfPc = iris.iris.values().stream().filter(i -> pc.contains(todayOf(i))).toList();
        // The IRIS reference SOURCE note: Plaine Commune has 151 IRIS (Pierrefitte's 9 among them).
        assertEquals(151, irisOfPc.size());
        // Every station of Plaine Commune (the velib SOURCE note: 46 stations, 1,501 docks) lies in one of its IRIS.
        long stations = irisOfPc.stream().mapToLong(i -> byIris.getOrDefault(i.code(), new long[2])[0]).sum();
        long docks = irisOfPc.stream().mapToLong(i -> byIris.getOrDefault(i.code(), new long[2])[1]).sum();
        assertEquals(46, stations);
        assertEquals(1_501, docks);
        List<List<Object>> expected = irisOfPc.stream()
                .sorted(Comparator.comparingLong((IrisFiles.Iris i) -> byIris.getOrDefault(i.code(), new long[2])[1]).reversed()
                        .thenComparing(IrisFiles.Iris::code))
                .map(i -> {
                    long[] a = byIris.getOrDefault(i.code(), new long[2]);
                    String c = todayOf(i);
                    return row(i.code(), i.name(), c, ref.communes.get(c).name(), a[0], a[1]);
                })
                .toList();
        assertTrue(expected.stream().filter(r -> (Long) r.get(5) == 0L).count() > 100, "most IRIS have no station: shown with 0");
        Expected.assertResult("12", List.of("iris_code", "iris_name", "commune_code", "commune_name", "stations", "docks"),
                expected, run("12-velib-docks-per-iris.rq"));
    }

    /** Q13: median declared income per IRIS of Saint-Denis, beside its 2021 commune's standard of living. */
    @Test
    void q13SaintDenisIncomeByIris() throws IOException {
        FilosofiFiles filo = FilosofiFiles.get(PROJECT);
        IrisFiles iris = filo.iris;
        // Names of the communes déléguées, from the COG's own rows.
        SourceFiles.Table cog = SourceFiles.csv(PROJECT.resolve("reference/insee/data/communes.csv"));
        Map<String, String> delegatedNames = new HashMap<>();
        for (List<String> r : cog.rows()) {
            if (cog.get(r, "TYPECOM").equals("COMD")) {
                delegatedNames.put(cog.get(r, "COM"), cog.get(r, "LIBELLE"));
            }
        }
        List<List<Object>> expected = new ArrayList<>();
        for (IrisFiles.Iris i : iris.iris.values().stream().filter(i -> todayOf(i).equals("93066"))
                .sorted(Comparator.comparing(IrisFiles.Iris::code)).toList()) {
            boolean former = !i.depcom().equals("93066");
            String unit2021 = i.depcom();
            Map<String, String> obs = filo.byIris.get(i.code());
            Map<String, String> commune = filo.byCommune.get(unit2021);
            expected.add(row(i.code(), i.name(), former ? delegatedNames.get(i.depcom()) : null,
                    exact(FilosofiFiles.number(obs, "DEC_MED21")), exact(FilosofiFiles.number(obs, "DEC_TP6021")),
                    commune == null ? null : unit2021, exact(FilosofiFiles.number(commune, "MED21")),
                    exact(FilosofiFiles.number(commune, "TP6021"))));
        }
        // SOURCE notes: 48 IRIS (39 of Saint-Denis, 9 of Pierrefitte-sur-Seine); 3 withheld (ns);
        // Saint-Denis 16,620 € and 36 %, Pierrefitte-sur-Seine 16,080 € and 38 % (disposable income).
        assertEquals(48, expected.size());
        assertEquals(9, expected.stream().filter(r -> "Pierrefitte-sur-Seine".equals(r.get(2))).count());
        assertEquals(3, expected.stream().filter(r -> r.get(3) == null).count());
        assertEquals(Set.of(16_620.0, 16_080.0), expected.stream().map(r -> ((Expected.Approx) r.get(6)).value())
                .collect(Collectors.toSet()));
        Expected.assertResult("13", List.of("iris_code", "iris_name", "former_commune", "median_declared_income",
                "low_income_rate_pct", "commune_2021_code", "commune_median_disposable_income", "commune_poverty_rate_pct"),
                expected, run("13-saint-denis-income-by-iris.rq"));
    }

    /** Q14: France services sites placed in an IRIS (JTS over the raw contours) and that IRIS's income. */
    @Test
    void q14FranceServicesIrisIncome() throws IOException {
        FilosofiFiles filo = FilosofiFiles.get(PROJECT);
        IrisFiles iris = filo.iris;
        SourceFiles.Table sites = SourceFiles.csv(PROJECT.resolve("examples/plaine-commune/france-services/data/liste-fs-20240801.csv"));
        record R(String id, String name, String irisCode, java.math.BigDecimal median, java.math.BigDecimal low) {}
        List<R> rows = new ArrayList<>();
        for (List<String> r : sites.rows()) {
            double lat = Double.parseDouble(sites.get(r, "latitude"));
            double lon = Double.parseDouble(sites.get(r, "longitude"));
            iris.irisOf(lon, lat).ifPresent(code -> {
                Map<String, String> obs = filo.byIris.get(code);
                rows.add(new R(sites.get(r, "id_fs"), sites.get(r, "lib_fs"), code, FilosofiFiles.number(obs, "DEC_MED21"),
                        FilosofiFiles.number(obs, "DEC_TP6021")));
            });
        }
        // Seine-Saint-Denis alone has 32 sites (france-services SOURCE note), all within the Grand Paris contours.
        assertTrue(rows.size() >= 32, rows.size() + " sites placed");
        List<List<Object>> expected = rows.stream()
                .sorted(Comparator.comparing(R::median, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(R::irisCode).thenComparing(R::id))
                .map(r -> {
                    IrisFiles.Iris i = iris.iris.get(r.irisCode());
                    String c = todayOf(i);
                    return row(r.id(), r.name(), c, ref.communes.get(c).name(), i.code(), i.name(), exact(r.median()), exact(r.low()));
                })
                .toList();
        Expected.assertResult("14", List.of("site_id", "site_name", "commune_code", "commune_name", "iris_code", "iris_name",
                "median_declared_income", "low_income_rate_pct"), expected, run("14-france-services-iris-income.rq"));
    }

    /** Filosofi in the demo store: a marker cell of the raw file is a missing statement, a number is one statement. */
    @Test
    void filosofiMarkersGiveNoStatementInTheStore() throws IOException {
        FilosofiFiles filo = FilosofiFiles.get(PROJECT);
        Map<String, String> columns = Map.of("DEC_MED21", "medianDeclaredIncome", "DEC_TP6021", "lowIncomeRate");
        for (Map.Entry<String, String> c : columns.entrySet()) {
            long markers = filo.byIris.values().stream().filter(r -> FilosofiFiles.MARKERS.contains(r.get(c.getKey()))).count();
            assertTrue(markers > 0, c.getKey() + " has markers");
            DemoStore.Result r = store.selectText("PREFIX regie: <https://w3id.org/regie#> SELECT (COUNT(*) AS ?n) "
                    + "WHERE { ?o a regie:IncomeObservation ; regie:" + c.getValue() + " ?v }");
            long published = Long.parseLong(r.rows().get(0).get(0).getLiteralLexicalForm());
            assertEquals(filo.byIris.size() - markers, published, c.getKey() + ": " + markers + " markers, no statement for them");
        }
        long communeMarkers = filo.byCommune.values().stream().filter(r -> FilosofiFiles.MARKERS.contains(r.get("MED21"))).count();
        DemoStore.Result r = store.selectText("PREFIX regie: <https://w3id.org/regie#> SELECT (COUNT(*) AS ?n) "
                + "WHERE { ?o a regie:IncomeObservation ; regie:medianStandardOfLiving ?v }");
        assertEquals(filo.byCommune.size() - communeMarkers, Long.parseLong(r.rows().get(0).get(0).getLiteralLexicalForm()));
    }

    /**
     * Every Filosofi observation in the demo store is placed in the commune its raw code resolves
     * to through the COG here (Pierrefitte's 93059 and its 9 IRIS in Saint-Denis 93066, a Paris
     * arrondissement in Paris 75056), and keeps the former commune it names.
     */
    @Test
    void filosofiObservationsArePlacedByTheirCode() {
        FilosofiFiles filo = FilosofiFiles.get(PROJECT);
        Map<String, String> expected = new TreeMap<>();
        filo.byIris.keySet().forEach(code -> expected.put("iris/" + code, ref.resolve(code.substring(0, 5)).orElseThrow()));
        filo.byCommune.keySet().forEach(code -> expected.put("commune/" + code, ref.resolve(code).orElseThrow()));
        assertEquals(4_329 + 1_287, expected.size());
        DemoStore.Result r = store.selectText("""
                PREFIX regie: <https://w3id.org/regie#>
                PREFIX igeo:  <http://rdf.insee.fr/def/geo#>
                SELECT ?o ?code ?delegated WHERE {
                  ?o a regie:IncomeObservation ; regie:inCommune ?c .
                  ?c igeo:codeINSEE ?code .
                  OPTIONAL { ?o regie:inDelegatedCommune ?delegated }
                }""");
        Map<String, String> actual = new TreeMap<>();
        Set<String> delegated = new TreeSet<>();
        String prefix = "https://regie.plaine-commune.example/id/revenus/2021/";
        for (List<org.apache.jena.graph.Node> row : r.rows()) {
            String key = row.get(0).getURI().substring(prefix.length());
            actual.put(key, row.get(1).getLiteralLexicalForm());
            if (row.get(2) != null) {
                delegated.add(key + " " + row.get(2).getURI().replace("https://regie.plaine-commune.example/", ""));
            }
        }
        assertEquals(expected, actual);
        Set<String> pierrefitte = new TreeSet<>();
        expected.keySet().stream().filter(k -> k.startsWith("iris/93059") || k.equals("commune/93059"))
                .forEach(k -> pierrefitte.add(k + " id/commune-deleguee/93059"));
        assertEquals(10, pierrefitte.size());
        assertEquals(pierrefitte, delegated);
    }
}
