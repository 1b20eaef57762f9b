package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Records;
import fr.regie.r2rml.SourceException;
import fr.regie.source.Dialect.Origin;
import fr.regie.source.Dialect.Setting;

/** The CSV reader on the partners' real files, and every error it gives, with where. */
class CsvRecordsTest {
    static final Path VELIB = Path.of("/work/shared/data/velib-disponibilite-2026-04-06/velib-disponibilite-en-temps-reel.csv");
    static final Path FRANCE_SERVICES = Path.of("/work/shared/data/anct-france-services-2024/liste-fs-20240801.csv");

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String one(Records r, String ref) {
        List<Records.Value> v = r.values(ref);
        assertEquals(1, v.size(), ref + " at " + r.where());
        return v.get(0).lexical();
    }

    /** SOURCE.md: UTF-8 with a BOM, CRLF, ';', 1,509 stations, 48,507 docks in all. */
    @Test
    void velibSnapshot() throws IOException {
        Path f = VELIB.toFile().exists() ? VELIB : Path.of("examples/plaine-commune/velib/data/velib_station.csv");
        try (CsvRecords r = CsvRecords.open(f, "velib.csv", DeclaredDialect.NONE)) {
            Dialect d = r.dialect();
            assertEquals(new Bom(Bom.Kind.UTF_8, 1), d.bom());
            assertEquals(';', d.delimiter());
            assertEquals(Origin.SNIFFED, d.origin(Setting.DELIMITER));
            assertEquals(Origin.SNIFFED, d.origin(Setting.ENCODING));
            assertEquals("UTF-8 (sniffed), UTF-8 byte order mark, delimiter ';' (sniffed), header on row 1", d.describe());
            assertEquals("Identifiant station", r.columns().get(0));
            long n = 0;
            long docks = 0;
            while (r.next()) {
                n++;
                docks += Long.parseLong(one(r, "Capacité de la station"));
                assertTrue(one(r, "Coordonnées géographiques").matches("4\\d\\.\\d+, [0-9.]+"), r.where());
            }
            assertEquals(1509, n);
            assertEquals(48_507, docks);
        }
    }

    /**
     * SOURCE.md: 2,845 records, six with line breaks inside quoted fields, 32 in Seine-Saint-Denis.
     * Each record's line is the physical line it starts on: that line of the file starts with its id.
     */
    @Test
    void franceServicesKeepsPhysicalLines() throws IOException {
        List<String> physical = Files.readAllLines(FRANCE_SERVICES, StandardCharsets.UTF_8);
        int n = 0;
        int seineSaintDenis = 0;
        int multiline = 0;
        try (CsvRecords r = CsvRecords.open(FRANCE_SERVICES, "liste-fs.csv", DeclaredDialect.NONE)) {
            assertEquals(',', r.dialect().delimiter());
            assertEquals(24, r.columns().size());
            while (r.next()) {
                n++;
                long line = Long.parseLong(r.where().substring("liste-fs.csv, line ".length()));
                assertTrue(physical.get((int) line - 1).startsWith("\"" + one(r, "id_fs") + "\","), r.where());
                seineSaintDenis += one(r, "insee_dep").equals("93") ? 1 : 0;
                multiline += r.cells().stream().anyMatch(c -> c.contains("\n")) ? 1 : 0;
                assertTrue(r.values("complement_adresse").stream().noneMatch(v -> v.lexical().isEmpty()));
            }
        }
        assertEquals(2845, n);
        assertEquals(32, seineSaintDenis);
        assertTrue(multiline >= 1, "records with line breaks: " + multiline);
    }

    @Test
    void aMissingColumnNamesTheHeader() throws IOException {
        Path f = file("a.csv", "a;b;c\n1;2;3\n");
        try (CsvRecords r = CsvRecords.open(f, "a.csv", DeclaredDialect.NONE)) {
            assertTrue(r.next());
            SourceException e = assertThrows(SourceException.class, () -> r.values("x"));
            assertEquals("a.csv: column 'x' is not in the header (columns: a, b, c)", e.getMessage());
            assertThrows(SourceException.class, () -> r.values("A"), "names match exactly");
        }
    }

    @Test
    void aColumnNamedTwiceIsAmbiguous() throws IOException {
        try (CsvRecords r = CsvRecords.open(file("d.csv", "a;b;a\n1;2;3\n"), "d.csv", DeclaredDialect.NONE)) {
            assertTrue(r.next());
            assertEquals("2", one(r, "b"));
            assertEquals("d.csv: column 'a' appears 2 times in the header (columns 1, 3)",
                    assertThrows(SourceException.class, () -> r.values("a")).getMessage());
        }
    }

    @Test
    void badRecordsNameTheirLine() throws IOException {
        Path f = file("b.csv", "a;b\n1;2\n\"x\ny\";3\n4;5;6\n");
        try (CsvRecords r = CsvRecords.open(f, "b.csv", DeclaredDialect.NONE)) {
            assertTrue(r.next());
            assertTrue(r.next());
            assertEquals("b.csv, line 3", r.where());
            assertEquals("x\ny", one(r, "a"));
            IOException e = assertThrows(IOException.class, r::next);
            assertEquals(f + ", line 5: 3 fields, but the header (line 1) has 2 (delimiter ';')", e.getMessage());
        }
        Path open = file("c.csv", "a;b\n1;2\n3;\"never closed\n5;6\n");
        try (CsvRecords r = CsvRecords.open(open, "c.csv", DeclaredDialect.NONE)) {
            assertTrue(r.next());
            IOException e = assertThrows(IOException.class, r::next);
            assertEquals(open + ", line 3, column 3: a quoted field is never closed (a quote inside a quoted field is written twice: \"\")",
                    e.getMessage());
        }
        Path after = file("e.csv", "a;b\n\"1\"x;2\n");
        try (CsvRecords r = CsvRecords.open(after, "e.csv", DeclaredDialect.NONE)) {
            IOException e = assertThrows(IOException.class, r::next);
            assertTrue(e.getMessage().startsWith(after + ", line 2, column 4: 'x' after the closing quote of a field opened at line 2, column 1"),
                    e.getMessage());
        }
    }

    /** Bytes of another encoding after the sniffed head: the error says where, and what to declare. */
    @Test
    void bytesThatDoNotDecodeAreLocated() throws IOException {
        StringBuilder sb = new StringBuilder("nom;ville\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("station ").append(i).append(";Paris\n");
        }
        byte[] ascii = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "Gare;Saint-Denis\nCrèche;Épinay\n".getBytes(CsvSniffer.WINDOWS_1252);
        byte[] all = new byte[ascii.length + tail.length];
        System.arraycopy(ascii, 0, all, 0, ascii.length);
        System.arraycopy(tail, 0, all, ascii.length, tail.length);
        Path f = file("w.csv", all);
        try (CsvRecords r = CsvRecords.open(f, "w.csv", DeclaredDialect.NONE)) {
            assertEquals(StandardCharsets.UTF_8, r.dialect().encoding());
            IOException e = assertThrows(IOException.class, () -> {
                while (r.next()) {
                    r.values("nom");
                }
            });
            assertEquals(f + ", line 5003, column 3: bytes that are not valid in the file's encoding (declare it, e.g. regie:encoding \"windows-1252\")",
                    e.getMessage());
        }
        DeclaredDialect cp1252 = DeclaredDialect.NONE.orElse(new DeclaredDialect(Optional.of("windows-1252"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        try (CsvRecords r = CsvRecords.open(f, "w.csv", cp1252)) {
            String last = "";
            while (r.next()) {
                last = one(r, "ville");
            }
            assertEquals("Épinay", last);
        }
        try (CsvRecords r = CsvRecords.open(file("x.csv", tail), "x.csv", DeclaredDialect.NONE)) {
            assertEquals("windows-1252 (sniffed), delimiter ';' (sniffed), header on row 1", r.dialect().describe());
        }
    }

    @Test
    void aDeclaredEncodingThatContradictsTheMarkIsRefused() throws IOException {
        Path f = file("m.csv", "\uFEFFa;b\n1;2\n");
        DeclaredDialect latin = new DeclaredDialect(Optional.of("windows-1252"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        IOException e = assertThrows(IOException.class, () -> CsvRecords.open(f, "m.csv", latin));
        assertEquals(f + ", line 1: the file starts with a UTF-8 byte order mark, but its declared encoding is windows-1252"
                + " (declare UTF-8, or leave the encoding out)", e.getMessage());
    }

    @Test
    void decimalCommaWhenDeclared() throws IOException {
        Path f = file("n.csv", "nom;surface;code\nParc, nord;12,5;-3,25\nB;1 234,5;07\n");
        DeclaredDialect comma = new DeclaredDialect(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(','), Optional.empty(), Optional.empty());
        try (CsvRecords r = CsvRecords.open(f, "n.csv", comma)) {
            assertTrue(r.next());
            assertEquals("Parc, nord", one(r, "nom"));
            assertEquals("12.5", one(r, "surface"));
            assertEquals("-3.25", one(r, "code"));
            assertTrue(r.next());
            assertEquals("1 234,5", one(r, "surface"), "not a number as written: left for the datatype check to report");
            assertEquals("07", one(r, "code"));
        }
        try (CsvRecords r = CsvRecords.open(f, "n.csv", DeclaredDialect.NONE)) {
            assertTrue(r.next());
            assertEquals("12,5", one(r, "surface"), "undeclared: as written");
        }
    }

    @Test
    void emptyCellsGiveNoValueAndNumbersStayAsWritten() throws IOException {
        try (CsvRecords r = CsvRecords.open(file("e.csv", "a,b,c\n,12.0,\"\"\n  x  ,\" y \",\n"), "e.csv", DeclaredDialect.NONE)) {
            assertTrue(r.next());
            assertEquals(List.of(), r.values("a"));
            assertEquals("12.0", one(r, "b"));
            assertEquals(List.of(), r.values("c"));
            assertTrue(r.next());
            assertEquals("x", one(r, "a"), "unquoted cells are trimmed");
            assertEquals(" y ", one(r, "b"), "quoted cells are kept as written");
            assertFalse(r.next());
        }
    }

    @Test
    void withoutHeaderColumnsAreNumbered() throws IOException {
        DeclaredDialect noHeader = new DeclaredDialect(Optional.empty(), Optional.of('|'), Optional.empty(), Optional.of(false),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        try (CsvRecords r = CsvRecords.open(file("h.txt", "1|un\n2|deux\n"), "h.txt", noHeader)) {
            assertTrue(r.next());
            assertEquals("un", one(r, "2"));
            assertTrue(assertThrows(SourceException.class, () -> r.values("nom")).getMessage().contains("referenced by number, 1 to 2"));
        }
    }

    @Test
    void tsvAndSingleColumnFiles() throws IOException {
        try (CsvRecords r = CsvRecords.open(file("t.tsv", "nom\nA\n"), "t.tsv", DeclaredDialect.NONE)) {
            assertEquals('\t', r.dialect().delimiter());
            assertEquals(Origin.DEFAULT, r.dialect().origin(Setting.DELIMITER));
            assertTrue(r.next());
            assertEquals("A", one(r, "nom"));
        }
        try (CsvRecords r = CsvRecords.open(file("t2.tsv", "a\tb;c\n1\t2;3\n"), "t2.tsv", DeclaredDialect.NONE)) {
            assertEquals('\t', r.dialect().delimiter(), "tab and ';' split alike: the extension decides");
        }
    }

    @Test
    void hashesDifferWithContentAndRepeatWithIt() throws IOException {
        Path f = file("h.csv", "a;b\nab;c\na;bc\nab;c\n");
        Set<Long> seen = new HashSet<>();
        try (CsvRecords r = CsvRecords.open(f, "h.csv", DeclaredDialect.NONE)) {
            r.next();
            long first = r.hash();
            r.next();
            assertNotEquals(first, r.hash());
            r.next();
            assertEquals(first, r.hash());
            seen.add(first);
        }
        assertEquals(1, seen.size());
    }
}
