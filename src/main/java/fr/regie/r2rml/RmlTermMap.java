package fr.regie.r2rml;

import java.util.Optional;

/**
 * An RML term map (RML-Core §6): an expression, the term type, and for literals a language or a
 * datatype, each either fixed ({@code rml:language}, {@code rml:datatype}, held as constant
 * expressions) or read from the record ({@code rml:languageMap}, {@code rml:datatypeMap}).
 */
public record RmlTermMap(RmlExpression expression, RmlTermType termType, Optional<RmlExpression> language,
                         Optional<RmlExpression> datatype, Position position) {

    /** A constant term map, as the shortcuts {@code rml:predicate}, {@code rml:object}, … write it. */
    public static RmlTermMap constant(org.apache.jena.graph.Node value, Position position) {
        RmlTermType type = value.isURI() ? RmlTermType.IRI : value.isBlank() ? RmlTermType.BLANK_NODE : RmlTermType.LITERAL;
        return new RmlTermMap(new RmlExpression.Constant(value), type, Optional.empty(), Optional.empty(), position);
    }
}
