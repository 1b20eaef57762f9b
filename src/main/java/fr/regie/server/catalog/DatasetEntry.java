package fr.regie.server.catalog;

import java.util.Optional;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VOID;

import fr.regie.server.http.MediaFormat;
import fr.regie.registry.CatalogFacts;
import fr.regie.registry.DatasetSpec;

/**
 * One dataset of the catalog: the registry's DCAT description (keywords, EU themes, spatial and
 * temporal coverage, its publisher as contact point, its page on this server as landing page
 * unless the registry gives one), the dates its refreshes recorded, its three distributions (N-Quads dump, RDF Patch change feed, SPARQL endpoint) and its VoID
 * statistics (the dcat:Dataset is also the void:Dataset).
 */
final class DatasetEntry {
    private static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
    private static final String PLANNED_AVAILABILITY = "http://publications.europa.eu/resource/authority/planned-availability/";
    private static final org.apache.jena.rdf.model.Property AVAILABILITY =
            org.apache.jena.rdf.model.ResourceFactory.createProperty("http://data.europa.eu/r5r/availability");

    private final CatalogWriter w;
    private final Model m;
    private final DatasetSpec spec;
    private final RefreshRecords records;
    private final Resource service;
    private final Resource in;

    DatasetEntry(CatalogWriter writer, DatasetSpec spec, RefreshRecords records, Resource service) {
        this.w = writer;
        this.m = writer.model();
        this.spec = spec;
        this.records = records;
        this.service = service;
        this.in = writer.registryModel().wrapAsResource(spec.iri());
    }

    /** URL of something this server serves for the dataset. */
    private String url(String path) {
        return w.publicBase() + "datasets/" + spec.id() + "/" + path;
    }

    Resource write() {
        Resource ds = m.createResource(w.datasetIri(spec.id()),
                DCAT.Dataset);
        ds.addProperty(DCTerms.identifier, spec.id());
        if (!w.copy(in.listProperties(DCTerms.title).mapWith(s -> s.getObject()).toList(), DCTerms.title, ds)) {
            ds.addProperty(DCTerms.title, spec.title());
        }
        if (!w.copy(in.listProperties(DCTerms.description).mapWith(s -> s.getObject()).toList(), DCTerms.description, ds)) {
            ds.addProperty(DCTerms.description, spec.title() + ", publié par " + spec.publisherName()
                    + " dans la régie de données " + w.territoryName() + ".", "fr");
        }
        ds.addProperty(DCTerms.publisher, w.agent(spec.publisher()));
        Optional<Resource> licence = spec.license().filter(Node::isURI).map(l -> m.createResource(l.getURI(), DCTerms.LicenseDocument));
        licence.ifPresent(l -> w.concepts(w.registryModel().wrapAsResource(spec.license().get()), DCTerms.type, l));
        licence.ifPresent(l -> ds.addProperty(DCTerms.license, l));
        ds.addProperty(DCTerms.accessRights, accessRights());
        spec.accrualPeriodicity().filter(Node::isURI)
                .ifPresent(f -> ds.addProperty(DCTerms.accrualPeriodicity, m.createResource(f.getURI(), DCTerms.Frequency)));
        in.listProperties(DCAT.keyword).filterKeep(s -> s.getObject().isLiteral()).forEach(s -> ds.addProperty(DCAT.keyword, s.getObject()));
        in.listProperties(DCAT.theme).filterKeep(s -> s.getObject().isURIResource()).forEach(s -> ds.addProperty(DCAT.theme, concept(s.getResource())));
        w.copyTyped(in, DCAT.landingPage, ds, org.apache.jena.sparql.vocabulary.FOAF.Document);
        if (!ds.hasProperty(DCAT.landingPage)) {
            // Its page on this server, for people.
            ds.addProperty(DCAT.landingPage, m.createResource(w.publicBase() + "datasets/" + spec.id(), org.apache.jena.sparql.vocabulary.FOAF.Document));
        }
        ds.addProperty(DCAT.contactPoint, contact());
        w.copyTyped(in, DCTerms.language, ds, DCTerms.LinguisticSystem);
        w.spatial(ds, spec.catalog().spatial());
        spec.catalog().temporal().ifPresent(t -> {
            Resource period = m.createResource(DCTerms.PeriodOfTime);
            t.start().ifPresent(d -> period.addProperty(DCAT.startDate, m.asRDFNode(d)));
            t.end().ifPresent(d -> period.addProperty(DCAT.endDate, m.asRDFNode(d)));
            ds.addProperty(DCTerms.temporal, period);
        });
        records.issued().ifPresent(t -> ds.addProperty(DCTerms.issued, m.asRDFNode(t)));
        records.modified().ifPresent(t -> ds.addProperty(DCTerms.modified, m.asRDFNode(t)));
        ds.addProperty(DCAT.distribution, dump(licence));
        ds.addProperty(DCAT.distribution, changes(licence));
        ds.addProperty(DCAT.distribution, ldes(licence));
        ds.addProperty(DCAT.distribution, sparql(licence));
        voidStats(ds);
        return ds;
    }

    /** Who may read the dataset, as the EU access-right authority table says it. */
    private Resource accessRights() {
        String code = switch (w.accessOf(spec)) {
            case PUBLIC -> "PUBLIC";
            case PARTNERS -> "RESTRICTED";
            case RESTRICTED -> "NON_PUBLIC";
        };
        return m.createResource(ACCESS_RIGHT + code, DCTerms.RightsStatement);
    }

    /**
     * A theme, with the labels the registry gives it, else the EU table's (DCAT-AP wants a
     * skos:prefLabel on a concept), in the EU data-theme scheme when it is one of its concepts.
     */
    private Resource concept(Resource theme) {
        Resource c = m.createResource(theme.getURI(), SKOS.Concept);
        theme.listProperties(SKOS.prefLabel).forEach(s -> c.addProperty(SKOS.prefLabel, s.getObject()));
        theme.listProperties(SKOS.inScheme).forEach(s -> c.addProperty(SKOS.inScheme, s.getObject()));
        if (!c.hasProperty(SKOS.prefLabel)) {
            CatalogFacts.themeLabel(theme.asNode(), "fr").ifPresent(l -> c.addProperty(SKOS.prefLabel, l, "fr"));
            CatalogFacts.themeLabel(theme.asNode(), "en").ifPresent(l -> c.addProperty(SKOS.prefLabel, l, "en"));
        }
        if (CatalogFacts.themeLabel(theme.asNode(), "fr").isPresent()) {
            c.addProperty(SKOS.inScheme, m.createResource(CatalogFacts.DATA_THEME.replaceAll("/$", "")));
        }
        return c;
    }

    /** Whom to ask about the dataset: its publisher, as a vCard (name, and web site when the registry gives one). */
    private Resource contact() {
        Resource publisher = w.registryModel().wrapAsResource(spec.publisher());
        Resource card = m.createResource(Terms.VcardOrganization).addProperty(RDF.type, Terms.VcardKind)
                .addProperty(Terms.vcardFn, spec.publisherName());
        publisher.listProperties(org.apache.jena.sparql.vocabulary.FOAF.homepage).filterKeep(s -> s.getObject().isURIResource())
                .forEach(s -> card.addProperty(Terms.vcardHasURL, s.getObject()));
        return card;
    }

    private Resource distribution(String kind, String title, String description, Optional<Resource> licence) {
        Resource d = m.createResource(w.datasetIri(spec.id())
                + "/distribution/" + kind, DCAT.Distribution);
        d.addProperty(DCTerms.title, title, "fr");
        d.addProperty(DCTerms.description, description, "fr");
        licence.ifPresent(l -> d.addProperty(DCTerms.license, l));
        d.addProperty(AVAILABILITY, m.createResource(PLANNED_AVAILABILITY + "STABLE", SKOS.Concept));
        return d;
    }

    private Resource dump(Optional<Resource> licence) {
        Resource url = m.createResource(url("dump.nq.gz"));
        Resource d = distribution("dump", "Export complet (N-Quads, gzip)",
                "Le graphe du jeu de données à sa version en ligne, en N-Quads compressé par gzip.", licence)
                .addProperty(DCAT.downloadURL, url).addProperty(DCAT.accessURL, url)
                .addProperty(DCAT.mediaType, mediaType(MediaFormat.NQUADS.mediaType()))
                .addProperty(DCAT.compressFormat, mediaType("application/gzip"))
                .addProperty(DCTerms.format, m.createResource(Terms.FILE_TYPE + "RDF_N_QUADS", DCTerms.MediaTypeOrExtent));
        w.dumpSize(spec).ifPresent(n -> d.addProperty(DCAT.byteSize, m.createTypedLiteral(Long.toString(n), XSDDatatype.XSDnonNegativeInteger)));
        return d;
    }

    private Resource changes(Optional<Resource> licence) {
        return distribution("changes", "Flux des changements (RDF Patch)",
                "Les changements de chaque version, en RDF Patch : appliqués dans l'ordre à l'export, ils le tiennent à jour.", licence)
                .addProperty(DCAT.accessURL, m.createResource(url("changes")))
                .addProperty(DCAT.mediaType, mediaType(MediaFormat.RDF_PATCH.mediaType()))
                .addProperty(DCTerms.conformsTo, m.createResource(Terms.RDF_PATCH.getURI(), DCTerms.Standard));
    }

    private Resource ldes(Optional<Resource> licence) {
        return distribution("ldes", "Flux des versions (Linked Data Event Stream)",
                "Chaque version de chaque sujet changé, en pages liées (LDES, TREE) : un client LDES les rejoue pour tenir une copie à jour.",
                licence)
                .addProperty(DCAT.accessURL, m.createResource(url("ldes")))
                .addProperty(DCAT.mediaType, mediaType(MediaFormat.TURTLE.mediaType()))
                .addProperty(DCTerms.format, m.createResource(Terms.FILE_TYPE + "RDF_TURTLE", DCTerms.MediaTypeOrExtent))
                .addProperty(DCTerms.conformsTo, m.createResource("https://w3id.org/ldes/specification", DCTerms.Standard));
    }

    private Resource sparql(Optional<Resource> licence) {
        return distribution("sparql", "Point d'accès SPARQL",
                "Requêtes SPARQL 1.1 sur ce jeu de données et les autres (graphe " + w.base() + "graph/" + spec.id() + ").", licence)
                .addProperty(DCAT.accessURL, m.createResource(w.publicBase() + "sparql"))
                .addProperty(DCAT.accessService, service)
                .addProperty(DCTerms.format, m.createResource(Terms.FILE_TYPE + "SPARQLQRES", DCTerms.MediaTypeOrExtent));
    }

    private Resource mediaType(String type) {
        return m.createResource(Terms.IANA + type, DCTerms.MediaType);
    }

    private void voidStats(Resource ds) {
        VoidStats s = w.voidOf(spec, records.version());
        ds.addProperty(RDF.type, VOID.Dataset)
                .addProperty(VOID.triples, w.integer(s.triples()))
                .addProperty(VOID.distinctSubjects, w.integer(s.distinctSubjects()))
                .addProperty(VOID.distinctObjects, w.integer(s.distinctObjects()))
                .addProperty(VOID.properties, w.integer(s.properties()))
                .addProperty(VOID.classes, w.integer(s.classes()))
                .addProperty(VOID.sparqlEndpoint, m.createResource(w.publicBase() + "sparql"))
                .addProperty(VOID.dataDump, m.createResource(url("dump.nq.gz")))
                .addProperty(VOID.uriSpace, m.createTypedLiteral(w.base() + "id/", XSDDatatype.XSDstring));
        s.entitiesByClass().forEach((c, n) -> ds.addProperty(VOID.classPartition,
                m.createResource().addProperty(VOID._class, m.createResource(c)).addProperty(VOID.entities, w.integer(n))));
    }
}
