package fr.regie.server.map;

import java.util.Locale;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The scales of a map, finest first: each a class of territory of the reference and the
 * ontology's individual that names it in {@code regie:publishedAt}. IRIS lie in one commune
 * ({@code regie:inCommune}); communes are the base of every coarser scale.
 */
enum Scale {
    IRIS("http://rdf.insee.fr/def/geo#IRIS", "IrisScale"),
    COMMUNE("http://rdf.insee.fr/def/geo#Commune", "CommuneScale"),
    EPT("https://w3id.org/regie#EtablissementPublicTerritorial", "EptScale"),
    EPCI("https://w3id.org/regie#EPCI", "EpciScale"),
    DEPARTEMENT("http://rdf.insee.fr/def/geo#Departement", "DepartementScale"),
    REGION("http://rdf.insee.fr/def/geo#Region", "RegionScale");

    /** The class of its units in the reference. */
    final Node type;
    /** The individual of the ontology ({@code regie:CommuneScale}). */
    final String iri;

    Scale(String type, String local) {
        this.type = NodeFactory.createURI(type);
        this.iri = Declarations.REGIE + local;
    }

    /** Its name in URLs and JSON: {@code iris}, {@code commune}, … */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether its units are made of communes (every scale but IRIS). */
    boolean ofCommunes() {
        return this != IRIS;
    }

    static Optional<Scale> of(String id) {
        for (Scale s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static Optional<Scale> ofIri(String iri) {
        for (Scale s : values()) {
            if (s.iri.equals(iri)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static Optional<Scale> ofType(String type) {
        for (Scale s : values()) {
            if (s.type.getURI().equals(type)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
