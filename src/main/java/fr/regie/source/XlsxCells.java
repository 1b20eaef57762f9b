package fr.regie.source;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * A spreadsheet cell's text as the sheet means it, whatever its display format: a number plainly
 * ({@code 12}, not {@code 12.0} nor {@code 1.2E1}; {@code 2.5}), a date as an ISO date, a date
 * with a time as an ISO date-time, a boolean as {@code true}/{@code false}, a formula as its last
 * computed value, text as written; a blank cell is empty.
 */
final class XlsxCells {
    private XlsxCells() {}

    /** The cell's text; a cell holding a spreadsheet error ({@code #DIV/0!}) throws, naming it. */
    static String text(Cell c) throws ErrorCell {
        CellType type = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        return switch (type) {
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(c)) {
                    LocalDateTime t = c.getLocalDateTimeCellValue();
                    yield t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
                }
                yield BigDecimal.valueOf(c.getNumericCellValue()).stripTrailingZeros().toPlainString();
            }
            case STRING -> c.getStringCellValue();
            case BOOLEAN -> Boolean.toString(c.getBooleanCellValue());
            case ERROR -> throw new ErrorCell(FormulaError.forInt(c.getErrorCellValue()).getString());
            default -> "";
        };
    }

    /** A cell that holds a spreadsheet error rather than a value. */
    static final class ErrorCell extends Exception {
        private static final long serialVersionUID = 1L;

        ErrorCell(String error) {
            super(error);
        }
    }
}
