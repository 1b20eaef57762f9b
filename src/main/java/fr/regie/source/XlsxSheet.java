package fr.regie.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The rows of one sheet of an XLSX workbook, numbers written plainly (a SIREN stored as a number
 * reads {@code 200057867}, not {@code 2.00057867E8} or {@code 200,057,867}). Title rows above the
 * header are skipped.
 */
public final class XlsxSheet implements RecordSource {
    private final Workbook workbook;
    private final Sheet sheet;
    private final int width;
    private final DataFormatter format = new DataFormatter(java.util.Locale.ROOT);
    private int next;

    /**
     * Opens {@code sheetName} of {@code file}; {@code headerRow} (from 1) is the row that names the
     * columns, data start on the row after it.
     */
    public static XlsxSheet open(Path file, String sheetName, int headerRow) throws IOException {
        Workbook wb;
        try {
            wb = WorkbookFactory.create(file.toFile(), null, true);
        } catch (RuntimeException e) {
            throw new SourceFileException(file, "workbook", "cannot be read as a spreadsheet (" + e.getMessage() + ")");
        }
        Sheet sheet = wb.getSheet(sheetName);
        if (sheet == null) {
            wb.close();
            throw new IOException(file + ": no sheet named " + sheetName);
        }
        Row header = sheet.getRow(headerRow - 1);
        if (header == null) {
            wb.close();
            throw new IOException(file + ": sheet " + sheetName + " has no row " + headerRow);
        }
        return new XlsxSheet(wb, sheet, header.getLastCellNum(), headerRow);
    }

    private XlsxSheet(Workbook workbook, Sheet sheet, int width, int headerRow) {
        this.workbook = workbook;
        this.sheet = sheet;
        this.width = width;
        this.next = headerRow;
    }

    @Override
    public List<String> next() {
        while (next <= sheet.getLastRowNum()) {
            Row row = sheet.getRow(next++);
            if (row == null) {
                continue;
            }
            List<String> cells = new ArrayList<>(width);
            boolean blank = true;
            for (int i = 0; i < width; i++) {
                Cell c = row.getCell(i, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL);
                String v = c == null ? "" : text(c);
                blank &= v.isBlank();
                cells.add(v);
            }
            if (!blank) {
                return cells;
            }
        }
        return null;
    }

    /**
     * A numeric cell as a plain number (200057867, 15156, 2.5), whatever display format the
     * workbook gives it; dates as ISO dates; anything else as displayed.
     */
    private String text(Cell c) {
        CellType type = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(c)) {
                return c.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            return BigDecimal.valueOf(c.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return format.formatCellValue(c);
    }

    @Override
    public String where() {
        return "sheet " + sheet.getSheetName() + " row " + next;
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
