package fr.regie.source;

import java.util.List;
import java.util.regex.Pattern;

import fr.regie.r2rml.Records;

/**
 * What a table cell gives a reference: nothing when it is empty, else its text. When the file's
 * dialect declares a decimal comma, a cell that is exactly a number written with one
 * ({@code -12,5}) is given with a point ({@code -12.5}), so that a numeric datatype reads it;
 * any other cell (a name holding a comma, {@code 1 234,5}) is given as written.
 */
final class Cells {
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+");

    private Cells() {}

    static List<Records.Value> values(String cell, char decimalSeparator) {
        if (cell.isEmpty()) {
            return List.of();
        }
        if (decimalSeparator == ',' && cell.indexOf(',') > 0 && DECIMAL_COMMA.matcher(cell).matches()) {
            return List.of(Records.Value.string(cell.replace(',', '.')));
        }
        return List.of(Records.Value.string(cell));
    }
}
