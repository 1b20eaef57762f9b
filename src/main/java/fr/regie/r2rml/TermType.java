package fr.regie.r2rml;

import org.apache.jena.graph.Node;

/** The term type of a term map (R2RML §7.4). */
public enum TermType {
    IRI(RR.IRI), BLANK_NODE(RR.BlankNode), LITERAL(RR.Literal);

    private final Node iri;

    TermType(Node iri) {
        this.iri = iri;
    }

    public Node iri() {
        return iri;
    }

    /** The term type named by an {@code rr:termType} value, or null for anything else. */
    public static TermType of(Node n) {
        for (TermType t : values()) {
            if (t.iri.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
