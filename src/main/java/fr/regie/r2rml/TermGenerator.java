package fr.regie.r2rml;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * A term map compiled against the columns of one query: it turns the current row into an RDF
 * term, or null when a column it needs is NULL (R2RML §11.2). Not thread-safe: each run
 * compiles its own.
 */
abstract sealed class TermGenerator {
    /** Names the triples map and position in data errors. */
    record Where(String triplesMap, Position position) {}

    final Where where;

    TermGenerator(Where where) {
        this.where = where;
    }

    abstract Node generate(Row row);

    DataException dataError(Row row, String message) {
        return new DataException(where.position(), where.triplesMap(), row.number(), message);
    }

    /** {@code rr:constant}. */
    static final class Constant extends TermGenerator {
        private final Node value;

        Constant(Where where, Node value) {
            super(where);
            this.value = value;
        }

        Node value() {
            return value;
        }

        @Override
        Node generate(Row row) {
            return value;
        }
    }

    /** How a string made from the row becomes a term of the term map's type. */
    static final class Finisher {
        private final TermType type;
        private final String baseIri;
        private final String language;
        private final RDFDatatype datatype;
        private final IriCheck iriCheck;

        /** What an IRI made from the row needs before it can be used. */
        enum IriCheck {
            /** Anything: check it, and resolve it against the base IRI if it is relative. */
            FULL,
            /** Known to be a valid absolute IRI (IRI-safe values after a valid prefix). */
            NONE,
            /** Known to be valid once the base IRI is put in front (a relative template). */
            PREPEND_BASE
        }

        Finisher(TermType type, String baseIri, String language, Node datatype, IriCheck iriCheck) {
            this.type = type;
            this.baseIri = baseIri;
            this.language = language;
            this.datatype = datatype == null ? null : TypeMapper.getInstance().getSafeTypeByName(datatype.getURI());
            this.iriCheck = iriCheck;
        }

        boolean natural() {
            return type == TermType.LITERAL && language == null && datatype == null;
        }

        Node finish(TermGenerator gen, Row row, String value) {
            return switch (type) {
                case IRI -> iri(gen, row, value);
                case BLANK_NODE -> NodeFactory.createBlankNode(value);
                case LITERAL -> literal(gen, row, value);
            };
        }

        private Node iri(TermGenerator gen, Row row, String value) {
            switch (iriCheck) {
                case NONE:
                    return NodeFactory.createURI(value);
                case PREPEND_BASE:
                    return NodeFactory.createURI(baseIri + value);
                default:
                    break;
            }
            if (isAbsoluteIri(value)) {
                return NodeFactory.createURI(value);
            }
            String resolved = baseIri + value;
            if (isAbsoluteIri(resolved)) {
                return NodeFactory.createURI(resolved);
            }
            throw gen.dataError(row, "'" + value + "' does not make a valid IRI (R2RML §11: data error)");
        }

        private Node literal(TermGenerator gen, Row row, String value) {
            if (language != null) {
                return NodeFactory.createLiteralLang(value, language);
            }
            if (datatype != null) {
                if (!datatype.isValid(value)) {
                    throw gen.dataError(row, "'" + value + "' is not a valid " + datatype.getURI()
                            + " (R2RML §11: ill-typed literal)");
                }
                return NodeFactory.createLiteralDT(value, datatype);
            }
            return NodeFactory.createLiteralString(value);
        }
    }

    /** Whether a string is an IRI with a scheme (RFC 3987 syntax; a fragment is allowed). */
    static boolean isAbsoluteIri(String s) {
        try {
            return !IRIx.create(s).isRelative();
        } catch (IRIException e) {
            return false;
        }
    }

    /** {@code rr:column}. */
    static final class Column extends TermGenerator {
        private final int index;
        private final Finisher finisher;

        Column(Where where, int index, Finisher finisher) {
            super(where);
            this.index = index;
            this.finisher = finisher;
        }

        @Override
        Node generate(Row row) {
            String v = row.lexical(index);
            if (v == null) {
                return null;
            }
            if (finisher.natural()) {
                RDFDatatype dt = row.datatype(index);
                return dt == null ? NodeFactory.createLiteralString(v) : NodeFactory.createLiteralDT(v, dt);
            }
            return finisher.finish(this, row, v);
        }
    }

    /** {@code rr:template}: text and column values; values are IRI-safe when the result is an IRI. */
    static final class Templated extends TermGenerator {
        private final String[] texts;
        private final int[] columns;
        private final boolean iriSafe;
        private final Finisher finisher;
        private final StringBuilder buf = new StringBuilder(128);

        /** {@code columns[i] < 0} marks a text segment, taken from {@code texts[i]}. */
        Templated(Where where, String[] texts, int[] columns, boolean iriSafe, Finisher finisher) {
            super(where);
            this.texts = texts;
            this.columns = columns;
            this.iriSafe = iriSafe;
            this.finisher = finisher;
        }

        @Override
        Node generate(Row row) {
            buf.setLength(0);
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                if (c < 0) {
                    buf.append(texts[i]);
                    continue;
                }
                String v = row.lexical(c);
                if (v == null) {
                    return null;
                }
                if (iriSafe) {
                    IriSafe.append(buf, v);
                } else {
                    buf.append(v);
                }
            }
            return finisher.finish(this, row, buf.toString());
        }
    }
}
