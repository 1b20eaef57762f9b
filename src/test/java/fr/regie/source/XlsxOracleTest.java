package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Records;
import fr.regie.r2rml.SourceException;

/**
 * Oracle for the sheet reader: seeded random tables of typed cells (text with line breaks,
 * whole numbers, decimals, booleans, dates, date-times, blanks) written with POI under a
 * display format that hides what they are ({@code 0.0}, {@code #,##0}), with title rows and
 * blank rows, read back and compared with the text each value means.
 */
class XlsxOracleTest {
    static final long SEED = Long.getLong("regie.oracle.seed", 20261205L);
    static final int CASES = 25 * Integer.getInteger("regie.oracle.scale", 1);

    @TempDir
    Path dir;

    /** A cell to write and the text it must read as. */
    private record Typed(Object value, String text) {}

    private static Typed cell(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> new Typed(null, "");
            case 1 -> {
                long n = r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
                yield new Typed((double) n, Long.toString(n));
            }
            case 2 -> {
                BigDecimal d = BigDecimal.valueOf(r.nextInt(-99_999, 100_000), 1 + r.nextInt(3));
                yield new Typed(d.doubleValue(), d.stripTrailingZeros().toPlainString());
            }
            case 3 -> {
                boolean b = r.nextBoolean();
                yield new Typed(b, b ? "true" : "false");
            }
            case 4 -> {
                LocalDate d = LocalDate.of(1990 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28));
                yield new Typed(d, d.toString());
            }
            case 5 -> {
                LocalDateTime t = LocalDateTime.of(2000 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                        r.nextInt(60), 1 + r.nextInt(59));
                yield new Typed(t, t.toString());
            }
            default -> {
                String s = List.of("Saint-Denis", "ligne 1\nligne 2", "L'Île", " espacé ", "93066", "12,5", "漢字").get(r.nextInt(7));
                yield new Typed(s, s);
            }
        };
    }

    @Test
    void readBackEqualsTheTable() throws IOException {
        Random r = new Random(SEED);
        for (int k = 0; k < CASES; k++) {
            int cols = 1 + r.nextInt(5);
            int titleRows = r.nextInt(3);
            List<String> header = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                header.add("colonne " + c);
            }
            List<List<Typed>> rows = new ArrayList<>();
            for (int i = r.nextInt(20); i > 0; i--) {
                List<Typed> row = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    row.add(cell(r));
                }
                if (row.stream().anyMatch(t -> !t.text().isBlank())) {
                    rows.add(row);
                }
            }
            List<Integer> sheetRows = new ArrayList<>();
            Path f = write(r, header, rows, titleRows, sheetRows);
            DeclaredDialect d = new DeclaredDialect(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    titleRows == 0 ? Optional.empty() : Optional.of(titleRows + 1), Optional.empty(), Optional.of("Données"), Optional.empty());
            try (XlsxRecords rec = XlsxRecords.open(f, "t.xlsx", d)) {
                assertEquals(header, rec.columns(), "case " + k);
                for (int i = 0; i < rows.size(); i++) {
                    assertTrue(rec.next(), "case " + k + " (seed " + SEED + "): only " + i + " rows");
                    assertEquals("t.xlsx, sheet Données row " + sheetRows.get(i), rec.where(), "case " + k);
                    for (int c = 0; c < cols; c++) {
                        String want = rows.get(i).get(c).text();
                        List<Records.Value> expected = want.isEmpty() ? List.of() : List.of(Records.Value.string(want));
                        if (!expected.equals(rec.values(header.get(c)))) {
                            fail("case " + k + " (seed " + SEED + "), " + rec.where() + ", " + header.get(c) + ": " + rec.values(header.get(c))
                                    + ", expected " + expected + " from " + rows.get(i).get(c).value());
                        }
                    }
                }
                assertTrue(!rec.next(), "case " + k + ": an extra row");
            }
        }
    }

    /** Writes the table on sheet "Données" (after a sheet "Notes"); {@code sheetRows} gets each row's number as Excel shows it. */
    private Path write(Random r, List<String> header, List<List<Typed>> rows, int titleRows, List<Integer> sheetRows) throws IOException {
        Path f = dir.resolve("t.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("not this one");
            Sheet s = wb.createSheet("Données");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy hh:mm:ss"));
            CellStyle hiding = wb.createCellStyle();
            hiding.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(r.nextBoolean() ? "0.0" : "#,##0"));
            int n = 0;
            for (int i = 0; i < titleRows; i++) {
                s.createRow(n++).createCell(0).setCellValue("Titre " + i);
            }
            Row h = s.createRow(n++);
            for (int c = 0; c < header.size(); c++) {
                h.createCell(c).setCellValue(header.get(c));
            }
            for (List<Typed> row : rows) {
                if (r.nextInt(4) == 0) {
                    n++;
                }
                sheetRows.add(n + 1);
                Row x = s.createRow(n++);
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c).value();
                    if (v == null) {
                        continue;
                    }
                    Cell cell = x.createCell(c);
                    switch (v) {
                        case Double d -> {
                            cell.setCellValue(d);
                            if (r.nextBoolean()) {
                                cell.setCellStyle(hiding);
                            }
                        }
                        case Boolean b -> cell.setCellValue(b);
                        case LocalDate d -> {
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        }
                        case LocalDateTime t -> {
                            cell.setCellValue(t);
                            cell.setCellStyle(dateTime);
                        }
                        default -> cell.setCellValue((String) v);
                    }
                }
            }
            wb.write(out);
        }
        return f;
    }

    @Test
    void errorsNameTheSheetAndCell() throws IOException {
        Path f = dir.resolve("e.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            Sheet s = wb.createSheet("Feuil1");
            s.createRow(0).createCell(0).setCellValue("a");
            Cell c = s.createRow(1).createCell(0);
            c.setCellFormula("1/0");
            wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(c);
            wb.write(out);
        }
        DeclaredDialect other = new DeclaredDialect(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("Feuil2"), Optional.empty());
        assertEquals("e.xlsx: no sheet named 'Feuil2' (sheets: Feuil1)",
                assertThrows(SourceException.class, () -> XlsxRecords.open(f, "e.xlsx", other)).getMessage());
        try (XlsxRecords rec = XlsxRecords.open(f, "e.xlsx", DeclaredDialect.NONE)) {
            assertEquals("Feuil1", rec.sheet());
            IOException e = assertThrows(IOException.class, rec::next);
            assertEquals(f + ", sheet Feuil1 row 2, column 1: the cell holds the spreadsheet error #DIV/0!, not a value", e.getMessage());
            assertEquals("e.xlsx: column 'b' is not in the header (columns: a)",
                    assertThrows(SourceException.class, () -> rec.values("b")).getMessage());
        }
        Path notXlsx = Files.writeString(dir.resolve("n.xlsx"), "a;b\n");
        assertTrue(assertThrows(IOException.class, () -> XlsxRecords.open(notXlsx, "n.xlsx", DeclaredDialect.NONE))
                .getMessage().startsWith(notXlsx + ", workbook: cannot be read as a spreadsheet"));
    }
}
