package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.testing.TestDb;

/**
 * The demo partners of Plaine Commune (examples/plaine-commune/, mappings/): every source folder
 * loads completely on H2, PostgreSQL and MariaDB, every mapping runs unchanged on the three and
 * gives the same RDF, and that RDF says what the source files say. Expected figures are counted
 * here from the CSV files with a parser of this test's own (not the loader), and the headline
 * ones are also written out as the SOURCE notes give them.
 */
class PartnerSourcesTest {
    private static final Path EXAMPLES = Path.of("examples/plaine-commune");
    private static final Path MAPPINGS = Path.of("mappings");
    private static final List<String> PARTNERS = List.of("velib", "sncf", "idfm", "culture");
    private static final String BASE = "https://regie.plaine-commune.example/";
    private static final String PREFIXES = """
            PREFIX regie:  <https://w3id.org/regie#>
            PREFIX schema: <https://schema.org/>
            PREFIX geo:    <http://www.opengis.net/ont/geosparql#>
            PREFIX wgs:    <http://www.w3.org/2003/01/geo/wgs84_pos#>
            PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
            """;
    /** The 8 communes of Plaine Commune (COG 2026), and Pierrefitte-sur-Seine's pre-2025 code. */
    private static final Set<String> PLAINE_COMMUNE = Set.of("93001", "93027", "93031", "93039", "93066", "93070",
            "93072", "93079", "93059");

    private static TestDb h2;
    private static TestDb pg;
    private static TestDb maria;
    /** Per database: rows of each table (SELECT COUNT(*)) and the mapped dataset. */
    private static final Map<TestDb, Object> runs = new HashMap<>();

    private record Run(Map<String, Long> loaded, Map<String, Long> counted, Map<String, Path> files, DatasetGraph dataset) {}

    @BeforeAll
    static void databases() {
        h2 = TestDb.create(TestDb.Kind.H2);
        pg = TestDb.create(TestDb.Kind.POSTGRESQL);
        maria = TestDb.create(TestDb.Kind.MARIADB);
    }

    @AfterAll
    static void drop() {
        for (TestDb db : new TestDb[] {h2, pg, maria}) {
            if (db != null) {
                db.close();
            }
        }
    }

    static Stream<TestDb> dbs() {
        return Stream.of(h2, pg, maria);
    }

    /**
     * Loads every partner folder into {@code db} and runs every partner mapping, once per
     * database; a failure is kept too, so that every test of that database reports the first cause.
     */
    private static synchronized Run run(TestDb db) {
        Object r = runs.computeIfAbsent(db, k -> {
            try {
                return load(k);
            } catch (IOException | SQLException | RuntimeException e) {
                return new IllegalStateException("loading and mapping the partners on " + k + " failed: " + e, e);
            }
        });
        if (r instanceof IllegalStateException e) {
            throw e;
        }
        return (Run) r;
    }

    private static Run load(TestDb db) throws IOException, SQLException {
        Map<String, Long> loaded = new TreeMap<>();
        Map<String, Long> counted = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        DatasetGraph ds;
        try (Database database = Database.connect(db.url(), null, null)) {
            for (PartnerSource partner : PartnerSource.under(EXAMPLES)) {
                for (TableLoader.Loaded l : partner.load(database)) {
                    loaded.put(l.table(), l.rows());
                    files.put(l.table(), l.file());
                }
            }
            try (Statement st = database.connection().createStatement()) {
                for (String table : loaded.keySet()) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        counted.put(table, rs.getLong(1));
                    }
                }
            }
            ds = R2rml.create().mapping(MappingReader.read(mappingFiles())).database(database).baseIri(BASE).build()
                    .toDataset();
        }
        return new Run(loaded, counted, files, ds);
    }

    /**
     * Every R2RML mapping file of the demo partners' database datasets, in name order (the partners'
     * RML mappings read files and feeds, and their vocabularies are not mappings).
     */
    private static List<Path> mappingFiles() throws IOException {
        java.util.Set<Path> declared = new java.util.HashSet<>();
        fr.regie.registry.Registry reg = fr.regie.registry.Registry.read(Path.of("examples/plaine-commune/registry.ttl"));
        reg.datasets().stream().filter(d -> d.source().files().isEmpty())
                .forEach(d -> d.mappings().forEach(m -> declared.add(m.toAbsolutePath().normalize())));
        List<Path> files = new ArrayList<>();
        for (String partner : PARTNERS) {
            try (Stream<Path> s = Files.walk(MAPPINGS.resolve(partner))) {
                s.filter(p -> declared.contains(p.toAbsolutePath().normalize())).sorted().forEach(files::add);
            }
        }
        return files;
    }

    // --- Loading ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void everyRecordOfEveryFileIsLoaded(TestDb db) throws IOException, SQLException {
        Run r = run(db);
        // The tables of the four demo partners, with the record counts their SOURCE notes give.
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("velib_station", 1_509L);
        expected.put("sncf_gare", 2_782L);
        expected.put("sncf_frequentation", 3_021L);
        expected.put("idfm_gare", 1_233L);
        expected.put("festival", 7_283L);
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            String table = e.getKey();
            assertTrue(r.loaded().containsKey(table), "table " + table + " was not loaded: " + r.loaded().keySet());
            long records = Csv.read(r.files().get(table)).records().size();
            assertEquals(e.getValue(), records, table + ": records in " + r.files().get(table));
        }
        // Any table of any folder: the rows in the database are the records of its file.
        for (String table : r.loaded().keySet()) {
            long records = Csv.read(r.files().get(table)).records().size();
            assertEquals(records, r.loaded().get(table), table + ": rows the loader reports");
            assertEquals(records, r.counted().get(table), table + ": SELECT COUNT(*)");
        }
    }

    @Test
    void everyPartnerFolderHasItsSchemaNotesAndData() throws IOException {
        for (String partner : PARTNERS) {
            Path folder = EXAMPLES.resolve(partner);
            assertTrue(Files.isRegularFile(folder.resolve("schema.sql")), partner + "/schema.sql");
            assertTrue(Files.isRegularFile(folder.resolve("SOURCE.md")), partner + "/SOURCE.md");
            assertTrue(Files.isRegularFile(folder.resolve("README.md")), partner + "/README.md");
            String schema = Files.readString(folder.resolve("schema.sql"), StandardCharsets.UTF_8);
            try (Stream<Path> s = Files.list(folder.resolve("data"))) {
                for (Path csv : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    String table = csv.getFileName().toString().replaceFirst("\\.csv$", "");
                    assertTrue(Pattern.compile("(?i)CREATE TABLE " + table + " \\(").matcher(schema).find(),
                            partner + "/schema.sql creates " + table);
                    // Columns in CSV order: the table has as many columns as the header has fields.
                    assertEquals(Csv.read(csv).header().size(), columnsOf(schema, table), table + ": columns");
                }
            }
        }
    }

    /** Counts the column lines of one CREATE TABLE of a schema.sql (one column per line, as written). */
    private static int columnsOf(String schema, String table) {
        String body = schema.replaceAll("--[^\n]*", "");
        int start = body.toLowerCase().indexOf("create table " + table + " (");
        int end = body.indexOf(");", start);
        return (int) body.substring(body.indexOf('(', start) + 1, end).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).count();
    }

    // --- Mapping: same RDF everywhere ----------------------------------------------------------

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void everyDatabaseGivesTheSameRdf(TestDb db) throws IOException, SQLException {
        DatasetGraph reference = run(h2).dataset();
        DatasetGraph got = run(db).dataset();
        Set<Quad> expected = quads(reference);
        Set<Quad> actual = quads(got);
        for (Quad q : actual) {
            assertFalse(q.getSubject().isBlank() || q.getObject().isBlank(), "blank node in " + q);
            assertTrue(q.isDefaultGraph(), "quad outside the default graph: " + q);
        }
        if (!expected.equals(actual)) {
            Set<String> missing = new TreeSet<>();
            expected.stream().filter(q -> !actual.contains(q)).forEach(q -> missing.add(q.toString()));
            Set<String> extra = new TreeSet<>();
            actual.stream().filter(q -> !expected.contains(q)).forEach(q -> extra.add(q.toString()));
            fail(db + " differs from h2: " + missing.size() + " quads missing, " + extra.size() + " extra; first missing "
                    + missing.stream().limit(5).toList() + "; first extra " + extra.stream().limit(5).toList());
        }
    }

    private static Set<Quad> quads(DatasetGraph ds) {
        Set<Quad> s = new HashSet<>();
        ds.find().forEachRemaining(s::add);
        return s;
    }

    // --- Mapping: the RDF says what the files say ---------------------------------------------

    @Test
    void velibStationsAndDocksPerCommune() throws IOException, SQLException {
        Csv csv = Csv.read(EXAMPLES.resolve("velib/data/velib_station.csv"));
        Map<String, long[]> fromCsv = new TreeMap<>();
        for (List<String> rec : csv.records()) {
            long[] v = fromCsv.computeIfAbsent(csv.get(rec, "Code INSEE communes équipées"), k -> new long[2]);
            v[0]++;
            v[1] += Long.parseLong(csv.get(rec, "Capacité de la station"));
        }
        Map<String, long[]> fromRdf = new TreeMap<>();
        for (Binding b : select("""
                SELECT ?code (COUNT(?s) AS ?n) (SUM(?docks) AS ?d) WHERE {
                  ?s a regie:BikeShareStation ; regie:communeCode ?code ; regie:dockCount ?docks .
                } GROUP BY ?code""")) {
            fromRdf.put(str(b, "code"), new long[] {integer(b, "n"), integer(b, "d")});
        }
        assertEquals(render(fromCsv), render(fromRdf));
        assertEquals(68, fromRdf.size(), "communes");
        assertEquals(48_507, fromRdf.values().stream().mapToLong(v -> v[1]).sum(), "docks");
        // The SOURCE notes: Saint-Denis 19 stations / 666 docks, Aubervilliers 13 / 404,
        // Saint-Ouen-sur-Seine 10 / 314, La Courneuve 3 / 92, L'Île-Saint-Denis 1 / 25.
        Map<String, long[]> pc = new TreeMap<>(fromRdf);
        pc.keySet().retainAll(PLAINE_COMMUNE);
        assertEquals("93001=13/404 93027=3/92 93039=1/25 93066=19/666 93070=10/314", render(pc));
        assertEquals(1_509, count("?s a regie:BikeShareStation ; geo:hasGeometry/geo:asWKT ?wkt ; wgs:lat ?lat ; wgs:long ?lon"));
        assertEquals(0, count("?s regie:inCommune ?c"), "partners do not link to communes themselves");
    }

    @Test
    void sncfStationsWithTheirUicCodesAndDeclaredCommune() throws IOException, SQLException {
        Csv csv = Csv.read(EXAMPLES.resolve("sncf/data/sncf_gare.csv"));
        Set<String> codes = new TreeSet<>();
        int withPosition = 0;
        for (List<String> rec : csv.records()) {
            for (String c : csv.get(rec, "Code(s) UIC").split(";")) {
                codes.add(c.strip());
            }
            if (!csv.get(rec, "Position géographique").isEmpty()) {
                withPosition++;
            }
        }
        assertEquals(2_782, count("?s a regie:RailStation FILTER(STRSTARTS(STR(?s), '" + BASE + "id/sncf-station/'))"));
        Set<String> rdfCodes = new TreeSet<>();
        for (Binding b : select("SELECT ?c WHERE { ?s regie:uicCode ?c }")) {
            rdfCodes.add(str(b, "c"));
        }
        assertEquals(codes, rdfCodes);
        assertEquals(2_795, rdfCodes.size(), "2,771 stations with one code, 9 with two, 2 with three");
        // Seven stations have no position: no coordinates, no geometry.
        assertEquals(2_775, withPosition);
        String sncf = "FILTER(STRSTARTS(STR(?s), '" + BASE + "id/sncf-station/'))";
        assertEquals(withPosition, count("?s a regie:RailStation ; wgs:lat ?lat ; wgs:long ?lon ; geo:hasGeometry ?g . "
                + "?g a geo:Geometry ; geo:asWKT ?w " + sncf));
        assertEquals(withPosition, count("?s geo:hasGeometry ?g " + sncf));
        // Saint-Denis and the three UIC codes of one Paris station, as declared.
        Map<String, String> sde = one("""
                SELECT ?code ?uic ?wkt WHERE {
                  ?s schema:name "Saint-Denis"@fr ; schema:identifier "SDE" ; regie:communeCode ?code ;
                     regie:uicCode ?uic ; geo:hasGeometry/geo:asWKT ?wkt .
                }""");
        assertEquals("93066", sde.get("code"));
        assertEquals("87271015", sde.get("uic"));
        assertTrue(sde.get("wkt").startsWith("POINT(2.3"), sde.get("wkt"));
        assertEquals(3, count("?s schema:identifier ?t ; regie:uicCode ?u FILTER(?u IN ('87271007', '87271031', '87271023'))"));
        // Pierrefitte - Stains keeps 93059, the pre-2025 code: Régie resolves it, not the partner.
        assertEquals("93059", one("SELECT ?code WHERE { ?s schema:name \"Pierrefitte - Stains\"@fr ; regie:communeCode ?code }")
                .get("code"));
        // The SOURCE notes' list of Plaine Commune stations (declared codes, 93059 included).
        Set<String> pc = new TreeSet<>();
        for (Binding b : select("SELECT ?name ?code WHERE { ?s a regie:RailStation ; schema:name ?name ; regie:communeCode ?code }")) {
            if (PLAINE_COMMUNE.contains(str(b, "code"))) {
                pc.add(str(b, "name"));
            }
        }
        assertEquals(new TreeSet<>(List.of("Dugny - La Courneuve T11", "Épinay - Villetaneuse", "Épinay - Villetaneuse T11",
                "Épinay-sur-Seine", "Épinay-sur-Seine T11", "La Courneuve - Aubervilliers",
                "La Plaine Stade de France - Saint-Denis - Aubervilliers", "Pierrefitte - Stains", "Pierrefitte - Stains T11",
                "Saint-Denis", "Saint-Ouen", "Stade de France Saint-Denis", "Stains La Cerisaie T11", "Villetaneuse Université")), pc);
    }

    @Test
    void sncfRidershipOnePerStationAndYearLinkedToItsStation() throws IOException, SQLException {
        Csv freq = Csv.read(EXAMPLES.resolve("sncf/data/sncf_frequentation.csv"));
        Csv gares = Csv.read(EXAMPLES.resolve("sncf/data/sncf_gare.csv"));
        Map<String, String> stationOfCode = new HashMap<>();
        for (List<String> rec : gares.records()) {
            for (String c : gares.get(rec, "Code(s) UIC").split(";")) {
                stationOfCode.put(c.strip(), gares.get(rec, "id"));
            }
        }
        long matched = freq.records().stream().filter(rec -> stationOfCode.containsKey(freq.get(rec, "Code UIC"))).count();
        assertEquals(3_021 * 10, count("?o a regie:RidershipObservation"));
        assertEquals(matched * 10, count("?o a regie:RidershipObservation ; regie:station ?s . ?s a regie:RailStation"));
        assertEquals(2_780, matched, "241 UIC codes of the ridership file are on no station");
        assertEquals(3_021 * 10, count("?o regie:referenceYear ?y ; regie:passengers ?p ; regie:passengersAndNonPassengers ?n"));
        // Every figure of every year, from the file.
        Map<String, String> fromCsv = new TreeMap<>();
        for (List<String> rec : freq.records()) {
            for (int year = 2015; year <= 2024; year++) {
                fromCsv.put(freq.get(rec, "Code UIC") + "/" + year, freq.get(rec, "Total Voyageurs " + year) + " "
                        + freq.get(rec, "Total Voyageurs + Non voyageurs " + year));
            }
        }
        Map<String, String> fromRdf = new TreeMap<>();
        for (Binding b : select("""
                SELECT ?o ?p ?n WHERE { ?o a regie:RidershipObservation ; regie:passengers ?p ; regie:passengersAndNonPassengers ?n }""")) {
            fromRdf.put(b.get("o").getURI().substring((BASE + "id/sncf-ridership/").length()), str(b, "p") + " " + str(b, "n"));
        }
        assertEquals(fromCsv, fromRdf);
        // The SOURCE notes' Plaine Commune figures, 2024.
        Map<String, Long> pc2024 = new TreeMap<>();
        for (Binding b : select("""
                SELECT ?name ?p WHERE {
                  ?o regie:referenceYear 2024 ; regie:passengers ?p ; regie:station ?s . ?s schema:name ?name ; regie:communeCode ?c .
                }""")) {
            pc2024.put(str(b, "name"), integer(b, "p"));
        }
        assertEquals(36_960_585L, pc2024.get("Saint-Denis"));
        assertEquals(17_439_318L, pc2024.get("Épinay - Villetaneuse"));
        assertEquals(16_101_629L, pc2024.get("La Courneuve - Aubervilliers"));
        assertEquals(14_344_392L, pc2024.get("La Plaine Stade de France - Saint-Denis - Aubervilliers"));
        assertEquals(14_163_490L, pc2024.get("Pierrefitte - Stains"));
        // A station with three UIC codes: each code's observations link to the same station.
        assertEquals(1, select("SELECT DISTINCT ?s WHERE { ?o regie:station ?s FILTER(STRSTARTS(STR(?o), '" + BASE
                + "id/sncf-ridership/87271007/') || STRSTARTS(STR(?o), '" + BASE + "id/sncf-ridership/87271031/')) }").size());
    }

    @Test
    void idfmOneStationPerStopAreaWithItsLinesAndAPoint() throws IOException, SQLException {
        Csv csv = Csv.read(EXAMPLES.resolve("idfm/data/idfm_gare.csv"));
        Map<String, Set<String>> lines = new TreeMap<>();
        for (List<String> rec : csv.records()) {
            lines.computeIfAbsent(csv.get(rec, "id_ref_ZdA"), k -> new TreeSet<>()).add(csv.get(rec, "res_com"));
        }
        String idfm = "FILTER(STRSTARTS(STR(?s), '" + BASE + "id/idfm-station/'))";
        assertEquals(lines.size(), count("?s a regie:RailStation " + idfm));
        assertEquals(1_012, lines.size());
        Map<String, Set<String>> fromRdf = new TreeMap<>();
        for (Binding b : select("SELECT ?id ?line WHERE { ?s schema:identifier ?id ; regie:line ?line " + idfm + " }")) {
            fromRdf.computeIfAbsent(str(b, "id"), k -> new TreeSet<>()).add(str(b, "line"));
        }
        assertEquals(lines, fromRdf);
        assertEquals(Set.of("RER D", "TRAIN H", "TRAM 1", "TRAM 8"), lines.get("412743"), "Saint-Denis");
        // Exactly one name, one latitude, one longitude and one WKT point per station; no commune code.
        assertEquals(lines.size(), count("?s a regie:RailStation ; schema:name ?n ; wgs:lat ?lat ; wgs:long ?lon ; "
                + "geo:hasGeometry ?g . ?g a geo:Geometry ; geo:asWKT ?w " + idfm));
        assertEquals(0, count("?s schema:name ?a, ?b FILTER(?a != ?b) " + idfm));
        assertEquals(0, count("?s wgs:lat ?a, ?b FILTER(?a != ?b) " + idfm));
        assertEquals(0, count("?s regie:communeCode ?c " + idfm));
        assertEquals("POINT(2.3465446215359846 48.91746894101899)",
                one("SELECT ?w WHERE { ?s schema:identifier \"490775\" ; geo:hasGeometry/geo:asWKT ?w }").get("w"),
                "Saint-Denis – Pleyel, metro 14: longitude first");
    }

    @Test
    void festivalsKeyCommuneCodeAndCreationYear() throws IOException, SQLException {
        Csv csv = Csv.read(EXAMPLES.resolve("culture/data/festival.csv"));
        List<List<String>> recs = csv.records();
        // Identifiant is not unique (placeholders for overseas festivals); every row is still one festival.
        Set<String> ids = recs.stream().map(r -> csv.get(r, "Identifiant")).collect(Collectors.toSet());
        assertEquals(7_270, ids.size());
        assertEquals(recs.size(), count("?s a schema:Festival"));
        assertEquals(recs.size(), count("?s a schema:Festival ; schema:name ?n ; schema:identifier ?i ; regie:festivalDiscipline ?d"));
        assertEquals(0, count("?s schema:name ?a, ?b FILTER(?a != ?b)"));
        // Plaine Commune: the 26 festivals whose EPCI column is 200057867, by their declared code.
        Map<String, Long> pcCsv = recs.stream().filter(r -> csv.get(r, "Code Insee EPCI").equals("200057867"))
                .collect(Collectors.groupingBy(r -> csv.get(r, "Code Insee commune"), TreeMap::new, Collectors.counting()));
        assertEquals(26, pcCsv.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> pcRdf = new TreeMap<>();
        for (Binding b : select("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a schema:Festival ; regie:communeCode ?c } GROUP BY ?c")) {
            if (PLAINE_COMMUNE.contains(str(b, "c"))) {
                pcRdf.put(str(b, "c"), integer(b, "n"));
            }
        }
        assertEquals(pcCsv, pcRdf);
        assertEquals(1, count("?s schema:name \"Festival de Saint-Denis\"@fr ; regie:communeCode \"93066\""));
        // The leading zero is back ('9306' is 09306, Tarascon-sur-Ariège, not a 93 code); '0' and '#N/A' give no code.
        assertEquals("09306", one("SELECT ?c WHERE { ?s schema:name \"Festival Latino\"@fr ; regie:communeCode ?c }").get("c"));
        long noCode = recs.stream().map(r -> csv.get(r, "Code Insee commune")).filter(c -> c.equals("0") || c.equals("#N/A")).count();
        assertEquals(24, noCode);
        assertEquals(recs.size() - noCode, count("?s a schema:Festival ; regie:communeCode ?c FILTER(REGEX(?c, '^([0-9]{5}|2[AB][0-9]{3})$'))"));
        // Creation year: raw numbers kept even when impossible (the shape warns); words give nothing.
        assertEquals(1, count("?s regie:creationYear 31564"));
        assertEquals(0, count("?s regie:creationYear ?y FILTER(DATATYPE(?y) != xsd:integer)"));
        long digits = recs.stream().map(r -> csv.get(r, "Année de création du festival")).filter(y -> y.matches("[0-9]{4,5}")).count();
        long dates = recs.stream().map(r -> csv.get(r, "Année de création du festival"))
                .filter(y -> y.matches("../../[0-9]{4} ..:..") && !y.substring(6, 10).equals("1905")).count();
        assertEquals(digits + dates, count("?s regie:creationYear ?y"));
        // Coordinates: all but the 33 festivals without them.
        long located = recs.stream().filter(r -> !csv.get(r, "Géocodage xy").isEmpty()).count();
        assertEquals(7_283 - 33, located);
        assertEquals(located, count("?s a schema:Festival ; wgs:lat ?lat ; wgs:long ?lon ; geo:hasGeometry/geo:asWKT ?w"));
        assertEquals(located, count("?g a geo:Geometry FILTER(STRSTARTS(STR(?g), '" + BASE + "id/festival/'))"));
    }

    /**
     * The partners' SHACL shapes, before Régie adds regie:inCommune, report only the known gaps of
     * the sources, whatever severity the shapes give them: ridership of UIC codes no station
     * carries, festivals declared with no commune code, implausible creation years, and the
     * regie:inCommune that Régie adds later.
     */
    @Test
    void shapesReportOnlyTheKnownGaps() throws IOException, SQLException {
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("ontology/shapes/partners.ttl"));
        ValidationReport report = ShaclValidator.get().validate(shapes, run(h2).dataset().getDefaultGraph());
        Map<String, Long> results = new TreeMap<>();
        Map<String, Long> violations = new TreeMap<>();
        for (ReportEntry e : report.getEntries()) {
            String kind = typeOf(e.focusNode()) + " " + e.resultPath() + " " + e.sourceConstraintComponent().getLocalName();
            results.merge(kind, 1L, Long::sum);
            if (e.severity().level() == Severity.Violation.level()) {
                violations.merge(kind, 1L, Long::sum);
            }
        }
        String noStation = "RidershipObservation <https://w3id.org/regie#station> MinCountConstraintComponent";
        String noCode = "Festival <https://w3id.org/regie#communeCode> MinCountConstraintComponent";
        assertEquals(2_410L, results.get(noStation), "241 UIC codes × 10 years: " + results);
        assertEquals(24L, results.get(noCode), "'0' and '#N/A': " + results);
        assertTrue(results.getOrDefault("Festival <https://w3id.org/regie#creationYear> MaxInclusiveConstraintComponent", 0L) >= 2,
                "31564 and 20198 are reported: " + results);
        Set<String> others = new TreeSet<>(results.keySet());
        others.removeIf(k -> k.equals(noStation) || k.equals(noCode)
                || k.endsWith("<https://w3id.org/regie#inCommune> MinCountConstraintComponent")
                || k.startsWith("Festival <https://w3id.org/regie#creationYear> M"));
        assertEquals(Set.of(), others, "unexpected results: " + results);
        violations.keySet().removeAll(Set.of(noStation, noCode));
        assertEquals(Map.of(), violations);
    }

    private static String typeOf(Node n) throws IOException, SQLException {
        Node type = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
        return run(h2).dataset().getDefaultGraph().find(n, type, Node.ANY).mapWith(Triple::getObject)
                .mapWith(o -> o.getURI().replaceFirst(".*[#/]", "")).toList().stream().sorted().collect(Collectors.joining(","));
    }

    // --- SPARQL over H2's dataset (the three are equal, see above) ------------------------------

    private static List<Binding> select(String query) throws IOException, SQLException {
        List<Binding> out = new ArrayList<>();
        RowSet rs = QueryExec.dataset(run(h2).dataset()).query(PREFIXES + query).select();
        rs.forEachRemaining(out::add);
        return out;
    }

    /** The number of solutions of a graph pattern. */
    private static long count(String pattern) throws IOException, SQLException {
        return select("SELECT * WHERE { " + pattern + " }").size();
    }

    /** The single solution of a query, as lexical forms. */
    private static Map<String, String> one(String query) throws IOException, SQLException {
        List<Binding> rows = select(query);
        assertEquals(1, rows.size(), "solutions of " + query);
        Map<String, String> m = new TreeMap<>();
        rows.get(0).forEach((v, n) -> m.put(v.getVarName(), n.isLiteral() ? n.getLiteralLexicalForm() : n.getURI()));
        return m;
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.getURI();
    }

    private static long integer(Binding b, String var) {
        return Long.parseLong(str(b, var));
    }

    private static String render(Map<String, long[]> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(" "));
    }

    // --- A CSV reader of the test's own -----------------------------------------------------------

    /**
     * The records of a CSV file, read independently of the loader: byte order marks skipped,
     * separator from the header line, quoted fields may hold separators, doubled quotes and line
     * breaks, blank lines skipped, fields trimmed.
     */
    record Csv(List<String> header, List<List<String>> records) {
        static Csv read(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int i = 0;
            while (i < text.length() && text.charAt(i) == '\uFEFF') {
                i++;
            }
            String firstLine = text.substring(i, text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i));
            char sep = firstLine.chars().filter(c -> c == ';').count() >= firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == sep) {
                    row.add(field.toString().strip());
                    field.setLength(0);
                } else if (c == '\n') {
                    endRecord(rows, row, field);
                    row = new ArrayList<>();
                } else if (c != '\r') {
                    field.append(c);
                }
            }
            endRecord(rows, row, field);
            return new Csv(rows.get(0), rows.subList(1, rows.size()));
        }

        private static void endRecord(List<List<String>> rows, List<String> row, StringBuilder field) {
            row.add(field.toString().strip());
            field.setLength(0);
            if (!(row.size() == 1 && row.get(0).isEmpty())) {
                rows.add(row);
            }
        }

        String get(List<String> record, String column) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + header);
            }
            return record.get(i);
        }
    }
}
