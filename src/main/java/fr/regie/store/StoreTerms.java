package fr.regie.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdInline;

/**
 * The store's term identity, in one place. TDB2 keeps small numbers, booleans, dates and
 * date-times inside its node ids, as values: a literal written as {@code "75"^^xsd:decimal} is
 * read back as {@code "75.0"}, {@code "3.0E1"^^xsd:double} as {@code "30.0e0"}, {@code "0075"^^xsd:integer}
 * as {@code "75"}. Every other term is kept as written. Data meets the store through
 * {@link #canonical(Node)}, so that the staging graph, the difference with the live graph, the
 * patches, dumps and query answers all hold the same terms: two terms are one in the store
 * exactly when their canonical forms are equal.
 */
public final class StoreTerms {
    private StoreTerms() {}

    /** The term the store gives back for {@code n}: TDB2's own inlining, then reading the value out again. */
    public static Node canonical(Node n) {
        if (!n.isLiteral()) {
            return n;
        }
        NodeId id = NodeIdInline.inline(n);
        return id == null ? n : NodeIdInline.extract(id);
    }

    /** The triple with each term as the store gives it back. */
    public static Triple canonical(Triple t) {
        Node s = canonical(t.getSubject());
        Node p = canonical(t.getPredicate());
        Node o = canonical(t.getObject());
        return s == t.getSubject() && p == t.getPredicate() && o == t.getObject() ? t : Triple.create(s, p, o);
    }

    /** The quad with each term as the store gives it back. */
    public static Quad canonical(Quad q) {
        Triple t = q.asTriple();
        Triple c = canonical(t);
        return c == t ? q : Quad.create(q.getGraph(), c);
    }

    /** A stream that passes on every triple and quad in the store's terms. */
    public static StreamRDF canonical(StreamRDF dest) {
        return new StreamRDFWrapper(dest) {
            @Override
            public void triple(Triple t) {
                super.triple(canonical(t));
            }

            @Override
            public void quad(Quad q) {
                super.quad(canonical(q));
            }
        };
    }
}
