package fr.regie.server.catalog;

import java.util.List;
import java.util.Optional;

import org.apache.jena.riot.Lang;

import fr.regie.server.http.Accept;

/**
 * Content negotiation between an {@code Accept} header and the RDF syntaxes offered, with
 * q-values (RFC 9110 §12.5.1): each offer takes the q of the most specific range that matches
 * it, the highest q wins, and ties go to the earlier offer. No header means the first offer.
 */
final class Conneg {
    /** The RDF syntaxes of the catalog and the service description, Turtle first. */
    static final List<Lang> RDF = List.of(Lang.TURTLE, Lang.JSONLD, Lang.RDFXML, Lang.NTRIPLES);

    private Conneg() {}

    /** The best offer for this header, or empty when the caller accepts none of them (406). */
    static Optional<Lang> choose(String accept, List<Lang> offers) {
        List<String> types = offers.stream().map(l -> l.getContentType().getContentTypeStr()).toList();
        return Accept.parse(accept).choose(types).map(t -> offers.get(types.indexOf(t)));
    }

    /** The media types offered, for a 406's detail. */
    static String offered(List<Lang> offers) {
        return String.join(", ", offers.stream().map(l -> l.getContentType().getContentTypeStr()).toList());
    }
}
