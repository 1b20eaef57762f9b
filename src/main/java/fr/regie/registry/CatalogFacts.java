package fr.regie.registry;

import java.util.List;
import java.util.Optional;
import java.util.Map;

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
    /** Its concepts (DCAT-AP 3's controlled vocabulary for dcat:theme), with their French and English labels. */
    public static final Map<String, List<String>> THEMES = Map.ofEntries(
            Map.entry("AGRI", List.of("Agriculture, pêche, sylviculture et alimentation", "Agriculture, fisheries, forestry and food")),
            Map.entry("ECON", List.of("Économie et finances", "Economy and finance")),
            Map.entry("EDUC", List.of("Éducation, culture et sport", "Education, culture and sport")),
            Map.entry("ENER", List.of("Énergie", "Energy")),
            Map.entry("ENVI", List.of("Environnement", "Environment")),
            Map.entry("GOVE", List.of("Gouvernement et secteur public", "Government and public sector")),
            Map.entry("HEAL", List.of("Santé", "Health")),
            Map.entry("INTR", List.of("Questions internationales", "International issues")),
            Map.entry("JUST", List.of("Justice, système juridique et sécurité publique", "Justice, legal system and public safety")),
            Map.entry("OP_DATPRO", List.of("Données provisoires", "Provisional data")),
            Map.entry("REGI", List.of("Régions et villes", "Regions and cities")),
            Map.entry("SOCI", List.of("Population et société", "Population and society")),
            Map.entry("TECH", List.of("Science et technologie", "Science and technology")),
            Map.entry("TRAN", List.of("Transports", "Transport")));

    /** The label of a theme of the EU table in French ({@code "fr"}) or English, if it is one. */
    public static Optional<String> themeLabel(Node theme, String lang) {
        if (!theme.isURI() || !theme.getURI().startsWith(DATA_THEME)) {
            return Optional.empty();
        }
        return Optional.ofNullable(THEMES.get(theme.getURI().substring(DATA_THEME.length()))).map(l -> l.get(lang.equals("en") ? 1 : 0));
    }

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
