package fr.regie.server.tap;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The range of whole numbers a digit-count pattern of an {@code xsd:integer} parameter allows,
 * for OpenAPI's {@code minimum} and {@code maximum}: {@code [0-9]{1,4}} is 0 to 9999,
 * {@code -?[0-9]{1,3}} is -999 to 999 (leading zeros are allowed, so the shortest length plays no
 * part). Other patterns have no bounds this can state exactly: none is given.
 */
record PatternBounds(BigInteger min, BigInteger max) {
    private static final Pattern DIGITS = Pattern.compile("(-\\?)?(?:\\[0-9\\]|\\\\d)(?:\\{(\\d+)(?:,(\\d+))?\\})");

    static Optional<PatternBounds> of(Pattern p) {
        Matcher m = DIGITS.matcher(p.pattern());
        if (!m.matches()) {
            return Optional.empty();
        }
        int most = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(2));
        if (most < 1 || most > 18 || m.group(3) != null && Integer.parseInt(m.group(2)) > most || Integer.parseInt(m.group(2)) < 1) {
            return Optional.empty();
        }
        BigInteger max = BigInteger.TEN.pow(most).subtract(BigInteger.ONE);
        return Optional.of(new PatternBounds(m.group(1) != null ? max.negate() : BigInteger.ZERO, max));
    }
}
