package fr.regie.server.tap;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The types a tap parameter may declare, each turning a query-string value into one RDF term (or
 * refusing it). A value is never pasted into query text: it becomes a literal of the type, or an
 * IRI under the territory's base, and is bound to the query's variable.
 */
public enum ParamType {
    /** Any text, as an {@code xsd:string} literal. */
    STRING("xsd:string"),
    /** Text without leading, trailing or repeated spaces and without line breaks or tabs. */
    TOKEN("xsd:token"),
    /** A whole number ({@code -12}, {@code 500}). */
    INTEGER("xsd:integer"),
    /** A decimal number ({@code 2.5}). */
    DECIMAL("xsd:decimal"),
    /** {@code true} or {@code false} ({@code 1} and {@code 0} too). */
    BOOLEAN("xsd:boolean"),
    /** A date, {@code YYYY-MM-DD}. */
    DATE("xsd:date"),
    /**
     * An IRI under the territory's base: either the full IRI ({@code https://…/id/commune/93066})
     * or its short form, the path after {@code {base}id/} ({@code commune/93066}).
     */
    IRI("IRI");

    /** The longest value a parameter accepts, whatever its type. */
    public static final int MAX_LENGTH = 1000;

    private static final Pattern INTEGER_SYNTAX = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL_SYNTAX = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    static final Pattern SHORT_IRI = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    private final String label;

    ParamType(String label) {
        this.label = label;
    }

    /** The name used in tap headers ({@code xsd:integer}, {@code IRI}). */
    public String label() {
        return label;
    }

    /** The type a header names, if any. */
    public static Optional<ParamType> of(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    /**
     * The value a parameter's pattern and enumeration are checked against: the value itself, or for
     * an IRI its short form (the path after {@code {base}id/}).
     */
    String canonical(String value, String base) {
        if (this == IRI && value.startsWith(base + "id/")) {
            return value.substring(base.length() + 3);
        }
        return value;
    }

    /**
     * The RDF term for a value, for a territory whose base IRI is {@code base}.
     *
     * @throws IllegalArgumentException saying what a value of this type looks like
     */
    public Node parse(String value, String base) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        return switch (this) {
            case STRING -> NodeFactory.createLiteralString(value);
            case TOKEN -> {
                if (value.isEmpty() || !value.equals(value.strip()) || value.contains("  ") || value.chars().anyMatch(c -> c < 0x20)) {
                    throw new IllegalArgumentException("must be a token: no leading, trailing or repeated spaces, no line breaks or tabs");
                }
                yield NodeFactory.createLiteralDT(value, XSDDatatype.XSDtoken);
            }
            case INTEGER -> {
                require(INTEGER_SYNTAX.matcher(value).matches(), "must be a whole number");
                yield NodeFactory.createLiteralDT(new BigInteger(value).toString(), XSDDatatype.XSDinteger);
            }
            case DECIMAL -> {
                require(DECIMAL_SYNTAX.matcher(value).matches(), "must be a decimal number such as 2.5");
                yield NodeFactory.createLiteralDT(new BigDecimal(value).toPlainString(), XSDDatatype.XSDdecimal);
            }
            case BOOLEAN -> switch (value) {
                case "true", "1" -> NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean);
                case "false", "0" -> NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean);
                default -> throw new IllegalArgumentException("must be true or false");
            };
            case DATE -> {
                try {
                    yield NodeFactory.createLiteralDT(LocalDate.parse(value).toString(), XSDDatatype.XSDdate);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date YYYY-MM-DD");
                }
            }
            case IRI -> {
                String path = canonical(value, base);
                require(SHORT_IRI.matcher(path).matches(), "must be an IRI under " + base + "id/ or its short form such as commune/93066");
                yield NodeFactory.createURI(base + "id/" + path);
            }
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
