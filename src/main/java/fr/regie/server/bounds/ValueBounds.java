package fr.regie.server.bounds;

import java.math.BigInteger;

import org.apache.jena.sparql.expr.NodeValue;

/**
 * How large a value a query may build: a string of {@link #MAX_STRING} characters, a number of
 * {@link #MAX_BITS} bits. A few operators can grow values geometrically (CONCAT of a value with
 * itself, BIND after BIND; a product squared again and again; REPLACE in REPLACE; a power):
 * a 600-character query filled a 1 GB heap in a second, and {@code math:pow(10, 100000000)}
 * computed for five minutes past a 5 s timeout, inside one call no cancel signal reaches. The
 * checks run before the work, on the sizes of the operands.
 */
final class ValueBounds {
    /** 16,777,216 characters: far beyond any sane value (a département's outline is a few MB). */
    static final int MAX_STRING = 1 << 24;
    /** 1,048,576 bits: integers and decimals of up to 315,652 digits. */
    static final int MAX_BITS = 1 << 20;

    private ValueBounds() {}

    static void checkString(String function, long length) {
        if (length > MAX_STRING) {
            throw new QueryTooComplexException(function + " would build a string of more than " + MAX_STRING + " characters");
        }
    }

    static void checkBits(String function, long bits) {
        if (bits > MAX_BITS) {
            throw new QueryTooComplexException(function + " would build a number of more than " + MAX_BITS + " bits");
        }
    }

    /** The characters of a literal's lexical form; 0 for anything else. */
    static long length(NodeValue v) {
        return v.isLiteral() ? v.asNode().getLiteralLexicalForm().length() : 0;
    }

    /** The bits of an integer's or decimal's digits; 0 for anything else (doubles have 64). */
    static long bits(NodeValue v) {
        if (v.isInteger()) {
            return v.getInteger().bitLength();
        }
        if (v.isDecimal()) {
            return v.getDecimal().unscaledValue().bitLength();
        }
        return 0;
    }

    /** Whether an integer is 0, 1 or -1 (its powers stay small). */
    static boolean isUnit(BigInteger i) {
        return i.abs().compareTo(BigInteger.ONE) <= 0;
    }
}
