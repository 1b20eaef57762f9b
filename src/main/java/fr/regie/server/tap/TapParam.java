package fr.regie.server.tap;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;

/**
 * One parameter of a tap, as its header declares it: a name (the query variable it binds), a
 * type, whether it is required, an optional default, pattern (a Java regular expression the whole
 * value must match) and enumeration of allowed values, and a description.
 */
public record TapParam(String name, ParamType type, boolean required, Optional<String> defaultValue,
                       Optional<Pattern> pattern, List<String> allowed, String description) {

    /**
     * The RDF term for a value of this parameter.
     *
     * @throws IllegalArgumentException naming what is wrong with the value (without the parameter's name)
     */
    public Node bind(String value, String base) {
        Node node = type.parse(value, base);
        String canonical = type.canonical(value, base);
        if (pattern.isPresent() && !pattern.get().matcher(canonical).matches()) {
            throw new IllegalArgumentException("does not match the pattern " + pattern.get().pattern());
        }
        if (!allowed.isEmpty() && !allowed.contains(canonical)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
        }
        return node;
    }
}
