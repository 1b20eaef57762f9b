package fr.regie.r2rml;

import java.util.Optional;

/**
 * A mapping document that cannot be used: Turtle that does not parse, or a mapping that does not
 * conform to the R2RML Recommendation (including references to tables or columns that the
 * database does not have). Carries the position in the mapping file, the triples map concerned
 * and the rule broken.
 */
public final class MappingException extends R2rmlException {
    private final Position position;
    private final String triplesMap;
    private final String rule;
    private final String detail;

    public MappingException(Position position, String triplesMap, String rule, String message) {
        this(position, triplesMap, rule, message, null);
    }

    public MappingException(Position position, String triplesMap, String rule, String message, Throwable cause) {
        super(format(position, triplesMap, rule, message), cause);
        this.position = position;
        this.triplesMap = triplesMap;
        this.rule = rule;
        this.detail = message;
    }

    /** The message without its position (for an error that says the position its own way). */
    public String withoutPosition() {
        return tail(triplesMap, rule, detail);
    }

    private static String format(Position position, String triplesMap, String rule, String message) {
        return position + ": " + tail(triplesMap, rule, message);
    }

    private static String tail(String triplesMap, String rule, String message) {
        StringBuilder sb = new StringBuilder();
        if (triplesMap != null) {
            sb.append("triples map ").append(triplesMap).append(": ");
        }
        sb.append(message);
        if (rule != null) {
            sb.append(" [").append(rule).append("]");
        }
        return sb.toString();
    }

    public Position position() {
        return position;
    }

    public Optional<String> triplesMap() {
        return Optional.ofNullable(triplesMap);
    }

    /** The part of the Recommendation broken, as a section name (for example "R2RML §6.1 rr:tableName"). */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }
}
