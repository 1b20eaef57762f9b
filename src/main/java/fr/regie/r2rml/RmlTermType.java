package fr.regie.r2rml;

/**
 * The term types of RML-Core (§6.3): an IRI whose template values are IRI-safe, a URI whose
 * values are percent-encoded down to ASCII, an "unsafe" IRI whose values are used as they are,
 * a blank node, a literal.
 */
public enum RmlTermType {
    IRI, URI, UNSAFE_IRI, BLANK_NODE, LITERAL;

    /** The term type named by {@code n} ({@code rml:IRI}, {@code rr:Literal}, …), or null. */
    static RmlTermType of(org.apache.jena.graph.Node n) {
        if (RML.is(n, "IRI")) {
            return IRI;
        }
        if (RML.is(n, "URI")) {
            return URI;
        }
        if (RML.is(n, "UnsafeIRI")) {
            return UNSAFE_IRI;
        }
        if (RML.is(n, "BlankNode")) {
            return BLANK_NODE;
        }
        return RML.is(n, "Literal") ? LITERAL : null;
    }

    /** Whether terms of this type are IRIs. */
    public boolean isIri() {
        return this == IRI || this == URI || this == UNSAFE_IRI;
    }
}
