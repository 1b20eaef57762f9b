package fr.regie.r2rml;

/**
 * A data error in the sense of R2RML §11: a conforming mapping that, for a given row, would
 * produce an invalid IRI or an ill-typed literal. Carries the triples map and the row number
 * (counted from 1 within the logical table or joint query).
 */
public final class DataException extends R2rmlException {
    private final String triplesMap;
    private final long row;

    public DataException(Position position, String triplesMap, long row, String message) {
        super(position + ": triples map " + triplesMap + ", row " + row + ": " + message, null);
        this.triplesMap = triplesMap;
        this.row = row;
    }

    public String triplesMap() {
        return triplesMap;
    }

    public long row() {
        return row;
    }
}
