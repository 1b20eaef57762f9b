package fr.regie.registry;

import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;

import fr.regie.r2rml.Position;

/**
 * A class, property or named individual a vocabulary declares, as Régie reads it: where it was
 * written, its range (a datatype or a class), its unit, and for a numeric property how its value
 * aggregates across scales ({@code regie:Sum}, {@code regie:WeightedMean} by another property,
 * {@code regie:NotAggregatable}) and whether it may be negative.
 */
public record VocabularyTerm(Node iri, Kind kind, Optional<Node> range, Optional<Node> unit, Optional<Node> aggregation,
                             Optional<Node> weightedBy, boolean nonNegative, Position position) {
    /** What a term is. */
    public enum Kind { CLASS, PROPERTY, INDIVIDUAL }

    private static final Set<String> NUMERIC = Set.of(XSDDatatype.XSDinteger, XSDDatatype.XSDdecimal, XSDDatatype.XSDdouble,
            XSDDatatype.XSDfloat, XSDDatatype.XSDlong, XSDDatatype.XSDint, XSDDatatype.XSDshort, XSDDatatype.XSDbyte,
            XSDDatatype.XSDnonNegativeInteger, XSDDatatype.XSDpositiveInteger, XSDDatatype.XSDnonPositiveInteger,
            XSDDatatype.XSDnegativeInteger, XSDDatatype.XSDunsignedLong, XSDDatatype.XSDunsignedInt,
            XSDDatatype.XSDunsignedShort, XSDDatatype.XSDunsignedByte).stream().map(XSDDatatype::getURI)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether a datatype IRI is an XSD number type. */
    public static boolean isNumeric(Node datatype) {
        return datatype.isURI() && NUMERIC.contains(datatype.getURI());
    }

    /** Whether this is a property whose range is an XSD number type. */
    public boolean numeric() {
        return kind == Kind.PROPERTY && range.filter(VocabularyTerm::isNumeric).isPresent();
    }

    /** Whether this is a property whose range is an XSD datatype (what a datatype shape can check). */
    public boolean xsdRange() {
        return kind == Kind.PROPERTY && range.filter(r -> r.isURI() && r.getURI().startsWith(XSDDatatype.XSD + "#")).isPresent();
    }
}
