package fr.regie.territory;

import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

/**
 * The IRIs of the national territorial reference under a territory's base:
 * {@code {base}id/{commune|commune-deleguee|commune-associee|arrondissement-municipal|arrondissement|departement|region|ept|epci|iris}/…}.
 * Every Régie loads the same reference under its own base, so a record copied from another
 * Régie (a mirror) has its links to the reference moved to the local base: it then points to the
 * local commune, département or IRIS. Other IRIs (the records themselves) are left as they are.
 */
public final class ReferenceIris {
    /** The kinds of units of the reference, as path segments after {@code id/}. */
    public static final List<String> KINDS = List.of("commune", "commune-deleguee", "commune-associee", "arrondissement-municipal",
            "arrondissement", "departement", "region", "ept", "epci", "iris");

    private final String from;
    private final String to;

    /** Rewrites reference IRIs under {@code fromBase} to {@code toBase} (both end with '/'). */
    public ReferenceIris(String fromBase, String toBase) {
        this.from = fromBase + "id/";
        this.to = toBase + "id/";
    }

    /** Whether nothing is rewritten (the two bases are the same). */
    public boolean identity() {
        return from.equals(to);
    }

    /** The IRI under the local base when {@code n} is a reference IRI under the other base; else {@code n}. */
    public Node rewrite(Node n) {
        if (identity() || !n.isURI() || !n.getURI().startsWith(from)) {
            return n;
        }
        String rest = n.getURI().substring(from.length());
        for (String kind : KINDS) {
            if (rest.startsWith(kind + "/")) {
                return NodeFactory.createURI(to + rest);
            }
        }
        return n;
    }

    /** The triple with its subject and object rewritten (a predicate is never a reference unit). */
    public Triple rewrite(Triple t) {
        Node s = rewrite(t.getSubject());
        Node o = rewrite(t.getObject());
        return s == t.getSubject() && o == t.getObject() ? t : Triple.create(s, t.getPredicate(), o);
    }
}
