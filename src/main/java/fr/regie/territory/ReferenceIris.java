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

    /**
     * Why a copied triple (before its rewrite) must be refused, or null: a mirror copies records
     * and their links to the reference, never statements about a unit of the reference (the
     * local reference is the national one, loaded here; an upstream may not add a name or a type
     * to the local Saint-Denis), and never a relative IRI (N-Quads and RDF Patch have none; one
     * stored here would travel on in this Régie's own dumps, patches and streams).
     */
    public String refusal(Triple t) {
        for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
            if (n.isURI() && !n.getURI().matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                return "it names the relative IRI <" + abbreviate(n.getURI()) + ">";
            }
        }
        if (isUnit(t.getSubject(), from) || isUnit(t.getSubject(), to)) {
            return "it describes <" + abbreviate(t.getSubject().getURI()) + ">, a unit of the territorial reference,"
                    + " which a mirror links to but never describes";
        }
        return null;
    }

    private static boolean isUnit(Node n, String idBase) {
        if (!n.isURI() || !n.getURI().startsWith(idBase)) {
            return false;
        }
        String rest = n.getURI().substring(idBase.length());
        return KINDS.stream().anyMatch(kind -> rest.startsWith(kind + "/"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** The triple with its subject and object rewritten (a predicate is never a reference unit). */
    public Triple rewrite(Triple t) {
        Node s = rewrite(t.getSubject());
        Node o = rewrite(t.getObject());
        return s == t.getSubject() && o == t.getObject() ? t : Triple.create(s, t.getPredicate(), o);
    }
}
