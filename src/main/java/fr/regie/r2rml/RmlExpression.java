package fr.regie.r2rml;

import java.util.List;

import org.apache.jena.graph.Node;

/**
 * What an RML expression map reads (RML-Core §6): a constant, a reference, a template, or
 * nothing at all (a blank-node term map without expression makes a fresh blank node per record).
 */
public sealed interface RmlExpression {

    /** The references the expression reads on each record. */
    List<String> references();

    /** {@code rml:constant}. */
    record Constant(Node value) implements RmlExpression {
        @Override
        public List<String> references() {
            return List.of();
        }
    }

    /** {@code rml:reference}: a column name (CSV) or a JSONPath expression (JSON). */
    record Reference(String reference) implements RmlExpression {
        @Override
        public List<String> references() {
            return List.of(reference);
        }
    }

    /** {@code rml:template}. */
    record Template(RmlTemplate template) implements RmlExpression {
        @Override
        public List<String> references() {
            return template.references();
        }
    }

    /** No expression: a fresh blank node for each record. */
    record Fresh() implements RmlExpression {
        @Override
        public List<String> references() {
            return List.of();
        }
    }
}
