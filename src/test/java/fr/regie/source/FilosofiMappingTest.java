package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
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
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.testing.TestDb;

/**
 * The Filosofi 2021 source (examples/plaine-commune/filosofi) and its mapping
 * (mappings/insee/filosofi.ttl), on H2, PostgreSQL and MariaDB: every cell of every published
 * column is compared with the same cell read here from the CSV with a plain split on ';' (decimal
 * comma → point, markers s / nd / ns / so → nothing), so that a marker gives no statement and a
 * number gives exactly its value; the observed unit of each commune row is compared with the COG
 * 2026 (reference/insee/data/communes.csv); the three databases give the same RDF.
 */
class FilosofiMappingTest {
    private static final Path FOLDER = Path.of("examples/plaine-commune/filosofi");
    private static final Path MAPPING = Path.of("mappings/insee/filosofi.ttl");
    private static final String BASE = "https://regie.plaine-commune.example/";
    private static final String REGIE = "https://w3id.org/regie#";
    private static final Set<String> MARKERS = Set.of("s", "nd", "ns", "so");

    /** IRIS file column → property (all xsd:decimal). */
    private static final Map<String, String> IRIS_COLUMNS = new LinkedHashMap<>();
    /** Commune file column → property. */
    private static final Map<String, String> COMMUNE_COLUMNS = new LinkedHashMap<>();
    /** The commune columns published as xsd:integer; the others are xsd:decimal. */
    private static final Set<String> INTEGER_COLUMNS = Set.of("NBMENFISC21", "NBPERSMENFISC21");

    static {
        IRIS_COLUMNS.put("DEC_Q121", "firstQuartileDeclaredIncome");
        IRIS_COLUMNS.put("DEC_MED21", "medianDeclaredIncome");
        IRIS_COLUMNS.put("DEC_Q321", "thirdQuartileDeclaredIncome");
        IRIS_COLUMNS.put("DEC_D121", "firstDecileDeclaredIncome");
        IRIS_COLUMNS.put("DEC_D921", "ninthDecileDeclaredIncome");
        IRIS_COLUMNS.put("DEC_TP6021", "lowIncomeRate");
        COMMUNE_COLUMNS.put("NBMENFISC21", "taxHouseholds");
        COMMUNE_COLUMNS.put("NBPERSMENFISC21", "taxHouseholdPersons");
        COMMUNE_COLUMNS.put("MED21", "medianStandardOfLiving");
        COMMUNE_COLUMNS.put("D121", "firstDecileStandardOfLiving");
        COMMUNE_COLUMNS.put("D921", "ninthDecileStandardOfLiving");
        COMMUNE_COLUMNS.put("TP6021", "povertyRate");
    }

    private static TestDb h2;
    private static TestDb pg;
    private static TestDb maria;
    private static final Map<TestDb, DatasetGraph> runs = new HashMap<>();

    /** A CSV of INSEE's: header and rows, split on ';' (the files have no quotes). */
    record Raw(List<String> header, List<List<String>> rows) {
        String get(List<String> row, String column) {
            int i = header.indexOf(column);
            assertTrue(i >= 0, "no column " + column);
            return row.get(i);
        }
    }

    static Raw raw(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(List.of(l.split(";", -1)));
        }
        return new Raw(List.of(lines.get(0).split(";", -1)), rows);
    }

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

    /** Loads the folder into {@code db} and runs the mapping, once per database. */
    private static synchronized DatasetGraph run(TestDb db) throws IOException, SQLException {
        DatasetGraph ds = runs.get(db);
        if (ds == null) {
            try (Database database = Database.connect(db.url(), null, null)) {
                new PartnerSource(FOLDER).load(database);
                ds = R2rml.create().mapping(MappingReader.read(MAPPING)).database(database).baseIri(BASE).build().toDataset();
            }
            runs.put(db, ds);
        }
        return ds;
    }

    private static Node p(String local) {
        return NodeFactory.createURI(REGIE + local);
    }

    private static Node iri(String relative) {
        return NodeFactory.createURI(BASE + relative);
    }

    private static List<Node> objects(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void theFilesAreTheIleDeFranceRowsDescribedInTheSourceNote() throws IOException, NoSuchAlgorithmException {
        String note = Files.readString(FOLDER.resolve("SOURCE.md"), StandardCharsets.UTF_8);
        for (String f : List.of("filosofi_iris.csv", "filosofi_commune.csv")) {
            byte[] bytes = Files.readAllBytes(FOLDER.resolve("data").resolve(f));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertTrue(note.contains(sha), f + ": SOURCE.md gives its SHA-256 " + sha);
            assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\r"), f + ": LF line ends");
        }
        Raw iris = raw(FOLDER.resolve("data/filosofi_iris.csv"));
        Raw communes = raw(FOLDER.resolve("data/filosofi_commune.csv"));
        assertEquals(4_329, iris.rows().size());
        assertEquals(1_287, communes.rows().size());
        assertEquals(26, iris.header().size());
        assertEquals(28, communes.header().size());
        Set<String> idf = Set.of("75", "77", "78", "91", "92", "93", "94", "95");
        for (Raw r : List.of(iris, communes)) {
            Set<String> codes = new HashSet<>();
            for (List<String> row : r.rows()) {
                assertEquals(r.header().size(), row.size(), row.get(0) + ": fields");
                assertTrue(idf.contains(row.get(0).substring(0, 2)), row.get(0) + " is in Île-de-France");
                assertTrue(codes.add(row.get(0)), row.get(0) + " appears once");
            }
        }
        // Saint-Denis's 39 IRIS and Pierrefitte's 9; Paris as a commune and as 20 arrondissements.
        assertEquals(39, iris.rows().stream().filter(r -> r.get(0).startsWith("93066")).count());
        assertEquals(9, iris.rows().stream().filter(r -> r.get(0).startsWith("93059")).count());
        assertEquals(21, communes.rows().stream().filter(r -> r.get(0).startsWith("75")).count());
    }

    @Test
    void everyDatabaseGivesTheSameRdf() throws IOException, SQLException {
        Set<Quad> reference = quads(run(h2));
        assertTrue(reference.size() > 50_000, "the mapping gave " + reference.size() + " quads");
        for (TestDb db : List.of(pg, maria)) {
            Set<Quad> got = quads(run(db));
            if (!reference.equals(got)) {
                List<String> missing = reference.stream().filter(q -> !got.contains(q)).limit(5).map(Quad::toString).toList();
                List<String> extra = got.stream().filter(q -> !reference.contains(q)).limit(5).map(Quad::toString).toList();
                fail(db + " differs from H2: first missing " + missing + ", first extra " + extra);
            }
        }
    }

    private static Set<Quad> quads(DatasetGraph ds) {
        Set<Quad> s = new HashSet<>();
        ds.find().forEachRemaining(s::add);
        return s;
    }

    /**
     * Each IRIS row: one observation of that IRIS, year 2021, commune code its first 5
     * characters; each published column gives its number (decimal comma read here) or, for a
     * marker, nothing. Markers counted here are exactly the statements missing.
     */
    @Test
    void irisObservationsSayWhatTheFileSays() throws IOException, SQLException {
        Graph g = run(h2).getDefaultGraph();
        Raw iris = raw(FOLDER.resolve("data/filosofi_iris.csv"));
        Map<String, Long> markers = new TreeMap<>();
        long numbers = 0;
        for (List<String> row : iris.rows()) {
            String code = row.get(0);
            Node obs = iri("id/revenus/2021/iris/" + code);
            assertEquals(List.of(p("IncomeObservation")), objects(g, obs, RDF.type.asNode()), code);
            assertEquals(List.of(iri("id/iris/" + code)), objects(g, obs, p("observedFeature")), code);
            assertEquals(List.of(NodeFactory.createLiteralDT("2021", XSDDatatype.XSDinteger)), objects(g, obs, p("referenceYear")));
            assertEquals(List.of(NodeFactory.createLiteralString(code.substring(0, 5))), objects(g, obs, p("communeCode")));
            for (Map.Entry<String, String> c : IRIS_COLUMNS.entrySet()) {
                numbers += check(g, obs, c.getValue(), iris.get(row, c.getKey()), false, c.getKey() + " of " + code, markers);
            }
        }
        // The SOURCE note's counts: 292 ns and 84 nd in each published column, and one s (DEC_TP6021).
        assertEquals(Map.of("nd", 6 * 84L, "ns", 6 * 292L, "s", 1L), markers);
        long published = 0;
        for (String prop : IRIS_COLUMNS.values()) {
            published += g.find(Node.ANY, p(prop), Node.ANY).toList().size();
        }
        assertEquals(numbers, published, "one statement per number, none for a marker");
        assertEquals((long) iris.rows().size() * IRIS_COLUMNS.size() - markers.values().stream().mapToLong(Long::longValue).sum(),
                published);
        assertEquals(iris.rows().size(), g.find(Node.ANY, p("medianDeclaredIncome"), Node.ANY).toList().size() + 292 + 84);
    }

    /** Each commune row: the same, with the observed unit of the COG 2026 and integers for households and persons. */
    @Test
    void communeObservationsSayWhatTheFileSays() throws IOException, SQLException {
        Graph g = run(h2).getDefaultGraph();
        Raw communes = raw(FOLDER.resolve("data/filosofi_commune.csv"));
        Map<String, String> unitOf = cogUnits();
        Map<String, Long> markers = new TreeMap<>();
        long numbers = 0;
        for (List<String> row : communes.rows()) {
            String code = row.get(0);
            Node obs = iri("id/revenus/2021/commune/" + code);
            assertEquals(List.of(p("IncomeObservation")), objects(g, obs, RDF.type.asNode()), code);
            String unit = unitOf.get(code);
            assertTrue(unit != null, code + " is a commune, an arrondissement municipal or a commune déléguée of the COG 2026");
            assertEquals(List.of(iri("id/" + unit + "/" + code)), objects(g, obs, p("observedFeature")), code);
            assertEquals(List.of(NodeFactory.createLiteralString(code)), objects(g, obs, p("communeCode")));
            for (Map.Entry<String, String> c : COMMUNE_COLUMNS.entrySet()) {
                numbers += check(g, obs, c.getValue(), communes.get(row, c.getKey()), INTEGER_COLUMNS.contains(c.getKey()),
                        c.getKey() + " of " + code, markers);
            }
        }
        assertEquals(Map.of("s", 15L + 15 + 15 + 724 + 724 + 800), markers);
        long published = 0;
        for (String prop : COMMUNE_COLUMNS.values()) {
            published += g.find(Node.ANY, p(prop), Node.ANY).toList().size();
        }
        assertEquals(numbers, published);
        // Paris is kept as a commune and as 20 arrondissements; Pierrefitte observes its commune déléguée.
        assertEquals(List.of(iri("id/commune/75056")), objects(g, iri("id/revenus/2021/commune/75056"), p("observedFeature")));
        assertEquals(20, communes.rows().stream().filter(r -> "arrondissement-municipal".equals(unitOf.get(r.get(0)))).count());
        assertEquals(List.of(iri("id/commune-deleguee/93059")), objects(g, iri("id/revenus/2021/commune/93059"), p("observedFeature")));
        // The SOURCE note's figures: Pierrefitte 16,080 €, Saint-Denis 16,620 €, each its own.
        assertEquals(0, new BigDecimal("16080").compareTo(decimal(objects(g, iri("id/revenus/2021/commune/93059"),
                p("medianStandardOfLiving")).get(0))));
        assertEquals(0, new BigDecimal("16620").compareTo(decimal(objects(g, iri("id/revenus/2021/commune/93066"),
                p("medianStandardOfLiving")).get(0))));
    }

    /**
     * The unit a code of 2024 names in the COG 2026, from communes.csv: a commune in force
     * (COM), else an arrondissement municipal (ARM), else a commune déléguée (COMD).
     */
    private static Map<String, String> cogUnits() throws IOException {
        Map<String, Set<String>> types = new HashMap<>();
        try (CsvReader r = CsvReader.open(Path.of("reference/insee/data/communes.csv"), StandardCharsets.UTF_8)) {
            List<String> h = r.header();
            int type = h.indexOf("TYPECOM");
            int com = h.indexOf("COM");
            for (List<String> row = r.next(); row != null; row = r.next()) {
                types.computeIfAbsent(row.get(com), k -> new HashSet<>()).add(row.get(type));
            }
        }
        Map<String, String> unit = new HashMap<>();
        types.forEach((code, t) -> unit.put(code, t.contains("COM") ? "commune" : t.contains("ARM") ? "arrondissement-municipal"
                : t.contains("COMD") ? "commune-deleguee" : null));
        unit.values().removeIf(java.util.Objects::isNull);
        return unit;
    }

    /** Checks one cell against the graph; returns 1 when it is a number (one statement expected), 0 for a marker. */
    private static long check(Graph g, Node obs, String prop, String cell, boolean integer, String where, Map<String, Long> markers) {
        List<Node> got = objects(g, obs, p(prop));
        if (MARKERS.contains(cell)) {
            markers.merge(cell, 1L, Long::sum);
            assertEquals(List.of(), got, where + " is the marker " + cell + ": no statement");
            return 0;
        }
        assertEquals(1, got.size(), where + " = " + cell + ": one statement, got " + got);
        Node n = got.get(0);
        if (integer) {
            assertEquals(XSDDatatype.XSDinteger.getURI(), n.getLiteralDatatypeURI(), where);
            assertEquals(new BigInteger(cell), new BigInteger(n.getLiteralLexicalForm()), where);
        } else {
            assertEquals(XSDDatatype.XSDdecimal.getURI(), n.getLiteralDatatypeURI(), where);
            assertEquals(0, new BigDecimal(cell.replace(',', '.')).compareTo(decimal(n)), where + " = " + cell + ", got " + n);
        }
        return 1;
    }

    private static BigDecimal decimal(Node n) {
        return new BigDecimal(n.getLiteralLexicalForm());
    }

    /** The partner shapes find no violation (an observation's missing commune link is only a warning before linking). */
    @Test
    void shapesFindNoViolation() throws IOException, SQLException {
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("ontology/shapes/partners.ttl"));
        ValidationReport report = ShaclValidator.get().validate(shapes, run(h2).getDefaultGraph());
        List<String> violations = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            if (e.severity().level() == Severity.Violation.level()) {
                violations.add(e.focusNode() + " " + e.resultPath() + " " + e.message());
            }
        }
        assertEquals(List.of(), violations.stream().limit(10).toList());
        assertFalse(report.getEntries().isEmpty(), "the shapes did check the observations (unlinked: warnings)");
    }

    /** A text the mapping does not know in a measure column stops the mapping; nothing is published as a number. */
    @Test
    void anUnknownMarkerFailsTheMappingLoudly(@TempDir Path tmp) throws IOException, SQLException {
        Path folder = tmp.resolve("filosofi");
        Files.createDirectories(folder.resolve("data"));
        Files.copy(FOLDER.resolve("schema.sql"), folder.resolve("schema.sql"));
        Files.copy(FOLDER.resolve("data/filosofi_commune.csv"), folder.resolve("data/filosofi_commune.csv"));
        List<String> lines = new ArrayList<>(Files.readAllLines(FOLDER.resolve("data/filosofi_iris.csv"), StandardCharsets.UTF_8));
        String[] second = lines.get(1).split(";", -1);
        second[5] = "xx"; // DEC_MED21
        lines.set(1, String.join(";", second));
        Files.write(folder.resolve("data/filosofi_iris.csv"), lines, StandardCharsets.UTF_8);
        TestDb db = TestDb.create(TestDb.Kind.H2);
        try (db; Database database = Database.connect(db.url(), null, null)) {
            new PartnerSource(folder).load(database);
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> R2rml.create().mapping(MappingReader.read(MAPPING)).database(database).baseIri(BASE).build().toDataset());
            String message = Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause).map(String::valueOf)
                    .reduce("", (a, b) -> a + " / " + b);
            assertTrue(message.contains("xx"), "the error names the value: " + message);
        }
    }
}
