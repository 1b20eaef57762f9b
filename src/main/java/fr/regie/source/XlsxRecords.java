package fr.regie.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import fr.regie.r2rml.Records;
import fr.regie.r2rml.SourceException;

/**
 * The rows of one sheet of a workbook (XLSX, or XLS) for an RML logical source with the CSV
 * reference formulation: the header row (1 unless declared) names the columns, rows above it
 * (titles) are skipped, blank rows are skipped, cells read as {@link XlsxCells} says, cells right
 * of the header's last column are ignored. The sheet is the declared one, else the first.
 */
public final class XlsxRecords implements Records {
    private final Workbook workbook;
    private final Sheet sheet;
    private final Path file;
    private final String name;
    private final Columns columns;
    private final char decimalSeparator;
    private final List<String> current = new ArrayList<>();
    private int next;
    private int rowNumber;

    private XlsxRecords(Workbook workbook, Sheet sheet, Path file, String name, Columns columns, int firstData, char decimalSeparator) {
        this.workbook = workbook;
        this.sheet = sheet;
        this.file = file;
        this.name = name;
        this.columns = columns;
        this.next = firstData;
        this.decimalSeparator = decimalSeparator;
    }

    /** Opens the declared sheet (or the first) of {@code file}, named {@code name} in messages. */
    public static XlsxRecords open(Path file, String name, DeclaredDialect declared) throws IOException {
        Workbook wb;
        try {
            wb = WorkbookFactory.create(file.toFile(), null, true);
        } catch (IOException | RuntimeException e) {
            throw new SourceFileException(file, "workbook", "cannot be read as a spreadsheet (" + e.getMessage() + ")");
        }
        try {
            Sheet sheet = declared.sheet().isPresent() ? wb.getSheet(declared.sheet().get())
                    : wb.getNumberOfSheets() > 0 ? wb.getSheetAt(0) : null;
            if (sheet == null) {
                List<String> names = new ArrayList<>();
                wb.forEach(s -> names.add(s.getSheetName()));
                throw new SourceException(name, "no sheet named '" + declared.sheet().orElse("") + "' (sheets: " + String.join(", ", names) + ")");
            }
            int headerRow = declared.headerRow().orElse(1);
            Columns columns;
            int firstData;
            if (declared.header().orElse(true)) {
                Row header = sheet.getRow(headerRow - 1);
                List<String> names = new ArrayList<>();
                if (header != null) {
                    for (int i = 0; i < header.getLastCellNum(); i++) {
                        names.add(cell(header.getCell(i, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL), file, name, sheet, headerRow, i).strip());
                    }
                }
                columns = new Columns(names, name, true);
                firstData = headerRow;
            } else {
                int width = 0;
                for (Row r : sheet) {
                    width = Math.max(width, r.getLastCellNum());
                }
                columns = Columns.numbered(width, name);
                firstData = headerRow - 1;
            }
            return new XlsxRecords(wb, sheet, file, name, columns, firstData, declared.decimalSeparator().orElse('.'));
        } catch (IOException | RuntimeException e) {
            wb.close();
            throw e;
        }
    }

    private static String cell(Cell c, Path file, String name, Sheet sheet, int row, int col) throws SourceFileException {
        if (c == null) {
            return "";
        }
        try {
            return XlsxCells.text(c);
        } catch (XlsxCells.ErrorCell e) {
            throw new SourceFileException(file, "sheet " + sheet.getSheetName() + " row " + row + ", column " + (col + 1),
                    "the cell holds the spreadsheet error " + e.getMessage() + ", not a value");
        }
    }

    /** The sheet read. */
    public String sheet() {
        return sheet.getSheetName();
    }

    /** The header's names. */
    public List<String> columns() {
        return columns.names();
    }

    @Override
    public boolean next() throws IOException {
        while (next <= sheet.getLastRowNum()) {
            Row row = sheet.getRow(next++);
            if (row == null) {
                continue;
            }
            current.clear();
            boolean blank = true;
            for (int i = 0; i < columns.size(); i++) {
                String v = cell(row.getCell(i, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL), file, name, sheet, next, i);
                blank &= v.isBlank();
                current.add(v);
            }
            if (!blank) {
                rowNumber = next;
                return true;
            }
        }
        current.clear();
        return false;
    }

    /** The current row's cells, in column order. */
    public List<String> cells() {
        return List.copyOf(current);
    }

    @Override
    public List<Value> values(String reference) {
        int i = columns.of(reference);
        return current.isEmpty() ? List.of() : Cells.values(current.get(i), decimalSeparator);
    }

    @Override
    public String where() {
        return name + ", sheet " + sheet.getSheetName() + " row " + rowNumber;
    }

    @Override
    public long hash() {
        return RecordHash.of(current);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
