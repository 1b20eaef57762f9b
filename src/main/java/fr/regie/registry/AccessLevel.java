package fr.regie.registry;

import java.util.Arrays;
import java.util.Optional;

import org.apache.jena.graph.Node;

import fr.regie.territory.Vocab;

/**
 * Who may read a dataset, as its registry entry says ({@code regie:accessLevel}): everyone,
 * every partner with a key, or only the partners it names ({@code regie:accessPartner}). The
 * operator reads everything, and the territory's reference is public whatever it says
 * ({@link Registry#accessOf}).
 */
public enum AccessLevel {
    PUBLIC("Public"),
    PARTNERS("Partners"),
    RESTRICTED("Restricted");

    private final String term;

    AccessLevel(String term) {
        this.term = term;
    }

    /** The level's IRI in the Régie vocabulary ({@code regie:Public}, …). */
    public String iri() {
        return Vocab.REGIE + term;
    }

    /** The level an IRI names, if it names one. */
    public static Optional<AccessLevel> of(Node iri) {
        return Arrays.stream(values()).filter(l -> iri.isURI() && iri.getURI().equals(l.iri())).findFirst();
    }
}
