package fr.regie.cli.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.Vocabularies;
import fr.regie.testing.Cli;

/**
 * {@code regie draft FILE} on real files: the France services subset (CSV, line breaks in
 * quoted fields), the demo's Vélib' CSV (semicolons, BOM, one "lat, lon" column), a JSON feed
 * shaped like GBFS and an XLSX sheet. The mapping parses as Turtle and maps each column, by the
 * reference spelt as in the file, to the term expected here from the column's meaning; the
 * vocabulary draft passes Régie's vocabulary checks.
 */
class DraftFromFileTest {
    static final String RML = "http://w3id.org/rml/";

    @TempDir
    Path dir;

    /** Parses the mapping and gives, per rml:reference, the predicate it is mapped with. */
    static Map<String, String> predicatesByReference(String mapping, Path base) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(mapping, Lang.TURTLE).base(base.toUri().toString()).parse(g);
        Map<String, String> out = new TreeMap<>();
        for (Triple pom : g.find(Node.ANY, NodeFactory.createURI(RML + "predicateObjectMap"), Node.ANY).toList()) {
            Node p = g.find(pom.getObject(), NodeFactory.createURI(RML + "predicate"), Node.ANY).next().getObject();
            Node om = g.find(pom.getObject(), NodeFactory.createURI(RML + "objectMap"), Node.ANY).next().getObject();
            g.find(om, NodeFactory.createURI(RML + "reference"), Node.ANY)
                    .forEach(t -> out.put(t.getObject().getLiteralLexicalForm(), p.getURI()));
        }
        return out;
    }

    private Cli draft(Path file, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("draft", file.toString(), "--out", dir.resolve("mapping.ttl").toString(),
                "--partner", "test"));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    @Test
    void franceServicesCsv() throws Exception {
        Path csv = Path.of("src/test/resources/draft/anct/liste-fs-93.csv");
        Cli r = draft(csv);
        String mapping = Files.readString(dir.resolve("mapping.ttl"));
        Map<String, String> p = predicatesByReference(mapping, dir);
        assertEquals("https://w3id.org/regie#communeCode", p.get("insee_com"));
        assertEquals("https://schema.org/telephone", p.get("telephone"));
        assertEquals("https://schema.org/streetAddress", p.get("adresse"));
        assertEquals("https://schema.org/postalCode", p.get("code_postal"));
        assertEquals("http://www.w3.org/2003/01/geo/wgs84_pos#lat", p.get("latitude"));
        assertEquals("https://w3id.org/regie/partner/test#hLundi", p.get("h_lundi"));
        assertEquals(24, p.size(), "every column is mapped: " + p.keySet());
        assertTrue(mapping.contains("rml:referenceFormulation rml:CSV"), mapping);
        assertTrue(mapping.contains("POINT({longitude} {latitude})"), mapping);
        // The file is outside the mapping's folder, where a mapping may not read: named by its file name, as the registry declares it.
        assertTrue(mapping.contains("rml:path \"liste-fs-93.csv\""), mapping);
        assertTrue(r.err().contains("declare it in the registry with regie:file"), r.err());
        assertTrue(mapping.contains("TODO"), mapping);
        // The draft vocabulary is declared the way Régie checks it.
        Vocabularies v = Vocabularies.read(List.of(dir.resolve("vocabulary.ttl")));
        assertTrue(v.term(NodeFactory.createURI("https://w3id.org/regie/partner/test#idFs")).orElseThrow()
                .range().orElseThrow().getURI().endsWith("#integer"));
    }

    @Test
    void aFileInsideTheMappingsFolderKeepsItsRelativePath() throws Exception {
        Path csv = Files.createDirectories(dir.resolve("data")).resolve("sites.csv");
        Files.copy(Path.of("src/test/resources/draft/anct/liste-fs-93.csv"), csv);
        Cli r = draft(csv);
        assertTrue(Files.readString(dir.resolve("mapping.ttl")).contains("rml:path \"data/sites.csv\""));
        assertFalse(r.err().contains("regie:file"), r.err());
    }

    @Test
    void velibCsvWithSemicolonsAndOneCoordinatesColumn() throws Exception {
        draft(Path.of("examples/plaine-commune/velib/data/velib_station.csv"));
        String mapping = Files.readString(dir.resolve("mapping.ttl"));
        Map<String, String> p = predicatesByReference(mapping, dir);
        assertEquals("https://w3id.org/regie#communeCode", p.get("Code INSEE communes équipées"));
        assertTrue(p.containsKey("Identifiant station"), p.toString());
        assertTrue(mapping.contains("RML cannot split it"), mapping);
        Vocabularies.read(List.of(dir.resolve("vocabulary.ttl")));
    }

    @Test
    void jsonFindsTheFirstArrayOfObjects() throws Exception {
        Path json = dir.resolve("feed.json");
        Files.writeString(json, """
                {"last_updated": 1, "ttl": 60, "data": {"stations": [
                  {"station_id": "s1", "num_bikes_available": 3, "is_renting": true, "code_insee": "93066"},
                  {"station_id": "s2", "num_bikes_available": 0, "is_renting": false, "code_insee": "93059", "extra": "x"}]}}
                """);
        draft(json);
        String mapping = Files.readString(dir.resolve("mapping.ttl"));
        assertTrue(mapping.contains("rml:iterator \"$.data.stations[*]\""), mapping);
        assertTrue(mapping.contains("rml:referenceFormulation rml:JSONPath"), mapping);
        Map<String, String> p = predicatesByReference(mapping, dir);
        assertEquals("https://w3id.org/regie#communeCode", p.get("code_insee"));
        assertEquals(List.of("code_insee", "extra", "is_renting", "num_bikes_available", "station_id"), List.copyOf(p.keySet()),
                "keys of the first objects, as spelt");
        Vocabularies v = Vocabularies.read(List.of(dir.resolve("vocabulary.ttl")));
        assertTrue(v.term(NodeFactory.createURI("https://w3id.org/regie/partner/test#isRenting")).orElseThrow()
                .range().orElseThrow().getURI().endsWith("#boolean"));
        assertTrue(v.term(NodeFactory.createURI("https://w3id.org/regie/partner/test#numBikesAvailable")).orElseThrow().numeric());

        Cli given = Cli.run("draft", json.toString(), "--iterator", "$.nope[*]");
        assertEquals(1, given.exitCode(), given.err());
        assertTrue(given.err().contains("finds no array"), given.err());
    }

    @Test
    void xlsxSheet() throws Exception {
        Path xlsx = dir.resolve("cinemas.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = wb.createSheet("Feuil1");
            Object[][] rows = {{"Nom", "Code INSEE", "Fauteuils", "Latitude", "Longitude"},
                    {"L'Écran", "93066", 412, 48.9362, 2.3574}, {"Studio", "93001", 120, 48.9146, 2.3821}};
            for (int i = 0; i < rows.length; i++) {
                var row = sheet.createRow(i);
                for (int j = 0; j < rows[i].length; j++) {
                    Object v = rows[i][j];
                    if (v instanceof String s) {
                        row.createCell(j).setCellValue(s);
                    } else {
                        row.createCell(j).setCellValue(((Number) v).doubleValue());
                    }
                }
            }
            wb.write(out);
        }
        draft(xlsx);
        String mapping = Files.readString(dir.resolve("mapping.ttl"));
        Map<String, String> p = predicatesByReference(mapping, dir);
        assertEquals("https://schema.org/name", p.get("Nom"));
        assertEquals("https://w3id.org/regie#communeCode", p.get("Code INSEE"));
        assertTrue(mapping.contains("POINT({Longitude} {Latitude})"), mapping);
        Vocabularies v = Vocabularies.read(List.of(dir.resolve("vocabulary.ttl")));
        assertTrue(v.term(NodeFactory.createURI("https://w3id.org/regie/partner/test#fauteuils")).orElseThrow().numeric(),
                "a numeric cell 412 reads 412, an integer");
    }
}
