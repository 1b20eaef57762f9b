package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.LogicalSource;
import fr.regie.r2rml.LogicalSource.Formulation;
import fr.regie.r2rml.Position;
import fr.regie.r2rml.Records;
import fr.regie.r2rml.SourceException;

/** Which bytes a logical source names, and which reader reads them. */
class FileSourcesTest {
    @TempDir
    Path dir;

    private static final JsonOpener NO_JSON = (in, it, where) -> {
        throw new IOException("no JSON here");
    };

    private LogicalSource source(String name, Formulation f, Map<String, String> csvw) {
        return new LogicalSource(name, dir.resolve("mappings"), f, Optional.empty(), csvw, new Position("mappings/m.ttl", 7, 3));
    }

    private static String first(Records r, String ref) throws IOException {
        assertTrue(r.next());
        return r.values(ref).get(0).lexical();
    }

    @Test
    void registryFilesByNameOrPathThenBesideTheMapping() throws IOException {
        Files.createDirectories(dir.resolve("partner/data"));
        Files.createDirectories(dir.resolve("mappings"));
        Path declared = Files.writeString(dir.resolve("partner/data/sites.csv"), "id;nom\n1;Registry\n");
        Files.writeString(dir.resolve("mappings/local.csv"), "id,nom\n1,Beside\n");
        DeclaredDialect semicolon = new DeclaredDialect(Optional.empty(), Optional.of(';'), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        FileSources fs = new FileSources(List.of(new FileSources.Declared("partner/data/sites.csv", declared)), semicolon, NO_JSON);
        for (String name : List.of("sites.csv", "data/sites.csv", "partner/data/sites.csv", "./data/sites.csv")) {
            try (Records r = fs.open(source(name, Formulation.CSV, Map.of()))) {
                assertEquals("Registry", first(r, "nom"), name);
                assertEquals(name + ", line 2", r.where());
            }
        }
        // The mapping's CSVW delimiter wins over the registry's.
        try (Records r = fs.open(source("local.csv", Formulation.CSV, Map.of("delimiter", ",")))) {
            assertEquals("Beside", first(r, "nom"));
        }
        SourceException e = assertThrows(SourceException.class, () -> fs.open(source("ites.csv", Formulation.CSV, Map.of())));
        assertEquals("mappings/m.ttl:7:3: source 'ites.csv' is neither a file the registry declares for the dataset"
                + " (partner/data/sites.csv) nor a file in the mapping's folder (" + dir.resolve("mappings/ites.csv").toAbsolutePath() + ")",
                e.getMessage());
        assertTrue(assertThrows(SourceException.class, () -> fs.open(source("../partner/data/sites.csv", Formulation.CSV, Map.of())))
                .getMessage().contains("is outside the mapping's folder"), "a mapping reads no file outside its folder");
        assertTrue(assertThrows(SourceException.class, () -> fs.open(source("/etc/passwd", Formulation.CSV, Map.of())))
                .getMessage().contains("is outside the mapping's folder"));
        assertTrue(assertThrows(SourceException.class, () -> fs.open(source("https://example.org/x.json", Formulation.JSONPATH, Map.of())))
                .getMessage().contains("is a URL the registry does not declare"));
        assertTrue(assertThrows(SourceException.class, () -> fs.open(source("local.csv", Formulation.CSV, Map.of("lineTerminators", "\n"))))
                .getMessage().contains("csvw:lineTerminators is not supported"));
        assertTrue(assertThrows(SourceException.class, () -> fs.open(source("local.csv", Formulation.XPATH, Map.of())))
                .getMessage().contains("XPath (XML sources) is not supported"));
    }

    @Test
    void feedCopiesAreFoundByTheirUrl() throws IOException {
        Files.createDirectories(dir.resolve("mappings"));
        Path copy = Files.writeString(dir.resolve("copy-1"), "{\"data\":1}");
        List<String> handed = new ArrayList<>();
        JsonOpener recording = (in, iterator, where) -> {
            handed.add(new String(in.readAllBytes(), StandardCharsets.UTF_8) + " " + iterator + " " + where);
            in.close();
            return CsvRecords.open(dir.resolve("copy-1"), where, DeclaredDialect.NONE);
        };
        FileSources fs = new FileSources(List.of(new FileSources.Declared("https://example.org/gbfs/station_status.json?key=1", copy)),
                DeclaredDialect.NONE, recording);
        for (String name : List.of("https://example.org/gbfs/station_status.json?key=1", "station_status.json")) {
            fs.open(new LogicalSource(name, dir.resolve("mappings"), Formulation.JSONPATH, Optional.of("$.data.stations[*]"), Map.of(),
                    Position.of("m.ttl"))).close();
        }
        assertEquals(List.of("{\"data\":1} $.data.stations[*] https://example.org/gbfs/station_status.json?key=1",
                "{\"data\":1} $.data.stations[*] station_status.json"), handed);
        assertTrue(assertThrows(SourceException.class, () -> fs.open(source("station_status.json", Formulation.CSV, Map.of())))
                .getMessage().contains("is JSON, but the logical source reads it as CSV"), "a copy is what its URL's extension says");
    }

    @Test
    void sheetsByExtension() throws IOException {
        Files.createDirectories(dir.resolve("mappings"));
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("mappings/s.xlsx"))) {
            var s = wb.createSheet("Feuil1");
            s.createRow(0).createCell(0).setCellValue("n");
            s.createRow(1).createCell(0).setCellValue(12.0);
            wb.write(out);
        }
        try (Records r = FileSources.besideMapping(NO_JSON).open(source("s.xlsx", Formulation.CSV, Map.of()))) {
            assertEquals("12", first(r, "n"));
            assertEquals("s.xlsx, sheet Feuil1 row 2", r.where());
        }
        Files.writeString(dir.resolve("mappings/j.json"), "{}");
        assertTrue(assertThrows(SourceException.class, () -> FileSources.besideMapping(NO_JSON).open(source("j.json", Formulation.CSV, Map.of())))
                .getMessage().contains("is JSON, but the logical source reads it as CSV"));
    }
}
