package fr.regie.registry;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;

import fr.regie.territory.LinkMethod;

/**
 * A dataset as the registry declares it: identity and catalog metadata (DCAT), its source, the
 * partner's mapping files, the shapes that gate it, how its records are placed in communes, its
 * schedule and access level, the largest share of its live triples a refresh may delete
 * without being told to (the mass-deletion guard), and what a portal shows of it
 * ({@link CatalogFacts}: keywords, themes, spatial and temporal coverage), and the partner
 * vocabulary files that declare the terms its mapping uses ({@code regie:vocabulary}), and the
 * territories its records must lie in ({@code regie:within}: none means everywhere).
 */
public record DatasetSpec(String id, Node iri, String title, Optional<String> description, Node publisher,
                          String publisherName, Optional<Node> license, Source source, List<Path> mappings,
                          List<Path> shapes, LinkMethod linkBy, Optional<Node> accrualPeriodicity,
                          Optional<String> cron, AccessLevel accessLevel, List<String> accessPartners, BigDecimal maxRemovalShare,
                          CatalogFacts catalog, List<Path> vocabularies, List<Node> within) {
    /** The share a dataset gets when the registry gives none. */
    public static final BigDecimal DEFAULT_MAX_REMOVAL_SHARE = new BigDecimal("0.2");

    public DatasetSpec {
        mappings = List.copyOf(mappings);
        shapes = List.copyOf(shapes);
        accessPartners = List.copyOf(accessPartners);
        vocabularies = List.copyOf(vocabularies);
        within = List.copyOf(within);
    }

    /** A dataset kept whole, wherever its records lie. */
    public DatasetSpec(String id, Node iri, String title, Optional<String> description, Node publisher,
                       String publisherName, Optional<Node> license, Source source, List<Path> mappings,
                       List<Path> shapes, LinkMethod linkBy, Optional<Node> accrualPeriodicity,
                       Optional<String> cron, AccessLevel accessLevel, List<String> accessPartners, BigDecimal maxRemovalShare,
                       CatalogFacts catalog, List<Path> vocabularies) {
        this(id, iri, title, description, publisher, publisherName, license, source, mappings, shapes, linkBy, accrualPeriodicity,
                cron, accessLevel, accessPartners, maxRemovalShare, catalog, vocabularies, List.of());
    }

    /** A dataset that declares no vocabulary file. */
    public DatasetSpec(String id, Node iri, String title, Optional<String> description, Node publisher,
                       String publisherName, Optional<Node> license, Source source, List<Path> mappings,
                       List<Path> shapes, LinkMethod linkBy, Optional<Node> accrualPeriodicity,
                       Optional<String> cron, AccessLevel accessLevel, List<String> accessPartners, BigDecimal maxRemovalShare,
                       CatalogFacts catalog) {
        this(id, iri, title, description, publisher, publisherName, license, source, mappings, shapes, linkBy, accrualPeriodicity,
                cron, accessLevel, accessPartners, maxRemovalShare, catalog, List.of());
    }

    /** A dataset that declares no keywords, themes, coverage or period. */
    public DatasetSpec(String id, Node iri, String title, Optional<String> description, Node publisher,
                       String publisherName, Optional<Node> license, Source source, List<Path> mappings,
                       List<Path> shapes, LinkMethod linkBy, Optional<Node> accrualPeriodicity,
                       Optional<String> cron, AccessLevel accessLevel, List<String> accessPartners, BigDecimal maxRemovalShare) {
        this(id, iri, title, description, publisher, publisherName, license, source, mappings, shapes, linkBy, accrualPeriodicity,
                cron, accessLevel, accessPartners, maxRemovalShare, CatalogFacts.NONE);
    }
}
