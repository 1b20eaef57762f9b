package fr.regie.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;

/**
 * What a portal shows of a dataset beyond its title and description, as the registry declares
 * it: keywords ({@code dcat:keyword}, with their language), EU data themes ({@code dcat:theme},
 * from the EU data-theme authority table only), the place it covers ({@code dct:spatial}: a
 * territory IRI of the reference, or any declared place) and the period it covers
 * ({@code dct:temporal} with {@code dcat:startDate} and/or {@code dcat:endDate}).
 */
public record CatalogFacts(List<Node> keywords, List<Node> themes, Optional<Node> spatial, Optional<Period> temporal) {
    public static final CatalogFacts NONE = new CatalogFacts(List.of(), List.of(), Optional.empty(), Optional.empty());

    /** The EU data-theme authority table's namespace. */
    public static final String DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/";
    /** Its concepts (DCAT-AP 3's controlled vocabulary for dcat:theme). */
    public static final Set<String> THEMES = Set.of("AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST",
            "OP_DATPRO", "REGI", "SOCI", "TECH", "TRAN");

    public CatalogFacts {
        keywords = List.copyOf(keywords);
        themes = List.copyOf(themes);
    }

    /** A period: its start and end dates (literals as declared: xsd:date, xsd:gYear…), either may be open. */
    public record Period(Optional<Node> start, Optional<Node> end) {
        /** {@code 2015-01-01 – 2024-12-31}, {@code 2015 –}, {@code – 2024}. */
        public String text() {
            return start.map(Node::getLiteralLexicalForm).orElse("") + " – " + end.map(Node::getLiteralLexicalForm).orElse("");
        }
    }
}
