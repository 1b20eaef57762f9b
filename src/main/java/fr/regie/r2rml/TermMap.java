package fr.regie.r2rml;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * A term map (R2RML §7): constant-valued, column-valued or template-valued. Subject, predicate,
 * object and graph maps are all term maps; their position decides which term types are allowed.
 */
public sealed interface TermMap {

    TermType termType();

    /** Where the term map was written. */
    Position position();

    /** The columns whose values the term map reads. */
    List<SqlIdentifier> columns();

    /** {@code rr:constant}: always the same RDF term. */
    record ConstantMap(Node value, Position position) implements TermMap {
        @Override
        public TermType termType() {
            if (value.isURI()) {
                return TermType.IRI;
            }
            return value.isBlank() ? TermType.BLANK_NODE : TermType.LITERAL;
        }

        @Override
        public List<SqlIdentifier> columns() {
            return List.of();
        }
    }

    /** {@code rr:column}: the value of one column. */
    record ColumnMap(SqlIdentifier column, TermType termType, Optional<String> language,
                     Optional<Node> datatype, Position position) implements TermMap {
        @Override
        public List<SqlIdentifier> columns() {
            return List.of(column);
        }
    }

    /** {@code rr:template}: a string template filled from the row. */
    record TemplateMap(Template template, TermType termType, Optional<String> language,
                       Optional<Node> datatype, Position position) implements TermMap {
        @Override
        public List<SqlIdentifier> columns() {
            return template.columns();
        }
    }
}
