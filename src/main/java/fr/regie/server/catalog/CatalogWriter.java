package fr.regie.server.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VOID;
import org.apache.jena.vocabulary.XSD;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.pipeline.MetaRecords;
import fr.regie.store.GraphNames;

/**
 * One catalog being written: the catalog node, its SPARQL data service and publisher, and the
 * helpers {@link DatasetEntry} uses to describe each dataset.
 */
final class CatalogWriter {
    private final Registry registry;
    private final Model reg;
    private final GraphNames graphs;
    private final DatasetGraph dsg;
    private final String base;
    private final String publicBase;
    private final BiFunction<String, Long, VoidStats> voids;
    private final Function<Node, Coverage> coverages;
    private final Function<DatasetSpec, Optional<Long>> dumpSizes;
    private final Model m = ModelFactory.createDefaultModel();
    private final Resource territory;
    private final Optional<Resource> declared;
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<Node, Resource> agents = new HashMap<>();
    private final Map<Node, Resource> locations = new HashMap<>();

    CatalogWriter(Registry registry, Model reg, GraphNames graphs, DatasetGraph dsg, String publicBase,
                  BiFunction<String, Long, VoidStats> voids, Function<Node, Coverage> coverages,
                  Function<DatasetSpec, Optional<Long>> dumpSizes) {
        this.registry = registry;
        this.reg = reg;
        this.graphs = graphs;
        this.dsg = dsg;
        this.base = graphs.base();
        this.publicBase = publicBase;
        this.voids = voids;
        this.coverages = coverages;
        this.dumpSizes = dumpSizes;
        this.territory = reg.wrapAsResource(registry.territory().iri());
        this.declared = reg.listSubjectsWithProperty(RDF.type, DCAT.Catalog).nextOptional();
        m.setNsPrefixes(Map.of("dcat", DCAT.NS, "dct", DCTerms.NS, "foaf", FOAF.NS, "void", VOID.NS, "xsd", XSD.NS,
                "skos", SKOS.uri, "rdf", RDF.uri));
    }

    Model catalog(List<DatasetSpec> datasets) {
        Resource cat = m.createResource(base + "catalog", DCAT.Catalog);
        String name = registry.territory().name();
        if (!copy(firstOf(DCTerms.title), DCTerms.title, cat)) {
            cat.addProperty(DCTerms.title, "Catalogue de la régie de données " + name, "fr");
        }
        if (!copy(firstOf(DCTerms.description), DCTerms.description, cat)) {
            cat.addProperty(DCTerms.description, "Les jeux de données de la régie de données " + name
                    + " : leurs points d'accès SPARQL, leurs exports N-Quads et leurs flux de changements.", "fr");
        }
        Resource publisher = catalogPublisher();
        cat.addProperty(DCTerms.publisher, publisher);
        declared.ifPresent(d -> {
            copyTyped(d, FOAF.homepage, cat, FOAF.Document);
            copyTyped(d, DCAT.landingPage, cat, FOAF.Document);
            copyTyped(d, DCTerms.language, cat, DCTerms.LinguisticSystem);
            d.listProperties(DCTerms.license).filterKeep(s -> s.getObject().isURIResource()).forEach(s -> {
                Resource l = m.createResource(s.getObject().asResource().getURI(), DCTerms.LicenseDocument);
                concepts(s.getObject().asResource(), DCTerms.type, l);
                cat.addProperty(DCTerms.license, l);
            });
        });
        if (!cat.hasProperty(FOAF.homepage)) {
            cat.addProperty(FOAF.homepage, m.createResource(publicBase, FOAF.Document));
        }
        if (datasets.stream().anyMatch(d -> !d.catalog().themes().isEmpty())) {
            cat.addProperty(DCAT.themeTaxonomy, m.createResource(fr.regie.registry.CatalogFacts.DATA_THEME.replaceAll("/$", ""), SKOS.ConceptScheme)
                    .addProperty(SKOS.prefLabel, "Data theme", "en"));
        }
        spatial(cat);
        Resource service = m.createResource(base + "id/service/sparql", DCAT.DataService)
                .addProperty(DCTerms.title, "Point d'accès SPARQL de la régie " + name, "fr")
                .addProperty(DCTerms.title, "SPARQL endpoint of the régie " + name, "en")
                .addProperty(DCAT.endpointURL, m.createResource(publicBase + "sparql"))
                .addProperty(DCAT.endpointDescription, m.createResource(publicBase + "sparql"))
                .addProperty(DCTerms.conformsTo, m.createResource(Terms.SPARQL11_PROTOCOL.getURI(), DCTerms.Standard))
                .addProperty(DCTerms.publisher, publisher);
        cat.addProperty(DCAT.service, service);
        String latest = null;
        String earliest = null;
        for (DatasetSpec d : datasets) {
            RefreshRecords records = RefreshRecords.of(dsg, graphs, d.id());
            versions.put(d.id(), records.version());
            Resource ds = new DatasetEntry(this, d, records, service).write();
            cat.addProperty(DCAT.dataset, ds);
            service.addProperty(DCAT.servesDataset, ds);
            String modified = records.modified().map(Node::getLiteralLexicalForm).orElse(null);
            if (modified != null && (latest == null || modified.compareTo(latest) > 0)) {
                latest = modified;
            }
            String issued = records.issued().map(Node::getLiteralLexicalForm).orElse(null);
            if (issued != null && (earliest == null || issued.compareTo(earliest) < 0)) {
                earliest = issued;
            }
        }
        // The SPARQL service answers over every dataset: their themes, a few words, whom to ask (the catalog's publisher).
        Resource card = m.createResource(Terms.VcardOrganization).addProperty(RDF.type, Terms.VcardKind)
                .addProperty(Terms.vcardFn, publisher.hasProperty(FOAF.name) ? publisher.getProperty(FOAF.name).getString() : name);
        publisher.listProperties(FOAF.homepage).forEach(s -> card.addProperty(Terms.vcardHasURL, s.getObject()));
        service.addProperty(DCAT.contactPoint, card)
                .addProperty(DCAT.keyword, "SPARQL").addProperty(DCAT.keyword, "données liées", "fr").addProperty(DCAT.keyword, "linked data", "en");
        cat.listProperties(DCAT.dataset).toList().forEach(ds -> ds.getResource().listProperties(DCAT.theme).toList()
                .forEach(t -> service.addProperty(DCAT.theme, t.getObject())));
        // Instants are all written in UTC with a Z, so that their lexical order is their order in time.
        if (earliest != null) {
            cat.addProperty(DCTerms.issued, m.createTypedLiteral(earliest, XSDDatatype.XSDdateTime));
        }
        if (latest != null) {
            cat.addProperty(DCTerms.modified, m.createTypedLiteral(latest, XSDDatatype.XSDdateTime));
        }
        return m;
    }

    /** A property of the registry's dcat:Catalog, else of its territory. */
    private List<RDFNode> firstOf(Property p) {
        List<RDFNode> values = declared.map(d -> d.listProperties(p).mapWith(s -> s.getObject()).toList()).orElse(List.of());
        return values.isEmpty() ? territory.listProperties(p).mapWith(s -> s.getObject()).toList() : values;
    }

    private Resource catalogPublisher() {
        List<RDFNode> p = firstOf(DCTerms.publisher);
        if (!p.isEmpty() && p.get(0).isResource()) {
            return agent(p.get(0).asNode());
        }
        return m.createResource(base + "id/organization/regie", FOAF.Organization).addProperty(RDF.type, FOAF.Agent)
                .addProperty(FOAF.name, registry.territory().name());
    }

    /** The registry organisation as a catalog agent, with a stable IRI (described once). */
    Resource agent(Node org) {
        return agents.computeIfAbsent(org, this::newAgent);
    }

    private Resource newAgent(Node org) {
        String id = registry.partners().stream().filter(p -> p.iri().equals(org)).map(p -> p.id()).findFirst()
                .orElse(null);
        Resource in = reg.wrapAsResource(org);
        Resource a = id != null ? m.createResource(base + "id/organization/" + id)
                : org.isURI() && !org.getURI().startsWith("file:") ? m.createResource(org.getURI()) : m.createResource();
        a.addProperty(RDF.type, FOAF.Agent).addProperty(RDF.type, FOAF.Organization);
        in.listProperties(FOAF.name).forEach(s -> a.addProperty(FOAF.name, s.getObject()));
        copyTyped(in, FOAF.homepage, a, FOAF.Document);
        concepts(in, DCTerms.type, a);
        if (!a.hasProperty(FOAF.name)) {
            a.addProperty(FOAF.name, id != null ? id : org.toString());
        }
        return a;
    }

    /**
     * The territory's coverage (dct:spatial of the registry's territory), typed dct:Location,
     * with its name and bounding box from the reference graph.
     */
    void spatial(Resource r) {
        territory.listProperties(DCTerms.spatial).filterKeep(s -> s.getObject().isURIResource()).forEach(s ->
                r.addProperty(DCTerms.spatial, location(s.getObject().asNode())));
    }

    /** A dataset's coverage: the place its registry entry declares, else the territory's. */
    void spatial(Resource r, Optional<Node> declared) {
        if (declared.isPresent()) {
            r.addProperty(DCTerms.spatial, location(declared.get()));
        } else {
            spatial(r);
        }
    }

    private Resource location(Node place) {
        return locations.computeIfAbsent(place, p -> {
            Resource l = m.createResource(p.getURI(), DCTerms.Location);
            Coverage c = coverages.apply(p);
            c.name().ifPresent(n -> l.addProperty(SKOS.prefLabel, n, "fr"));
            if (c.name().isEmpty()) {
                // A place outside the reference (an EU authority's country): its labels as the registry gives them.
                reg.wrapAsResource(p).listProperties(SKOS.prefLabel).forEach(s -> l.addProperty(SKOS.prefLabel, s.getObject()));
            }
            c.centroidGeoJson().ifPresent(b -> l.addProperty(DCAT.centroid, m.createTypedLiteral(b, TypeMapper.getInstance().getSafeTypeByName(Coverage.GEOJSON))));
            c.bboxGeoJson().ifPresent(b -> l.addProperty(DCAT.bbox, m.createTypedLiteral(b, TypeMapper.getInstance().getSafeTypeByName(Coverage.GEOJSON))));
            return l;
        });
    }

    /** Copies the values of {@code p} from a registry node, typing each as {@code type}. */
    void copyTyped(Resource from, Property p, Resource to, Resource type) {
        from.listProperties(p).forEach(s -> {
            RDFNode o = s.getObject();
            if (o.isURIResource() && !o.asResource().getURI().startsWith("file:")) {
                to.addProperty(p, m.createResource(o.asResource().getURI(), type));
            }
        });
    }

    /**
     * Copies the IRI values of {@code p} from a registry node as SKOS concepts, with the
     * {@code skos:prefLabel}s the registry gives them (DCAT-AP wants one on every concept): the
     * ADMS publisher and licence types.
     */
    void concepts(Resource from, Property p, Resource to) {
        from.listProperties(p).filterKeep(s -> s.getObject().isURIResource()).forEach(s -> {
            Resource c = m.createResource(s.getObject().asResource().getURI(), SKOS.Concept);
            s.getObject().asResource().listProperties(SKOS.prefLabel).forEach(l -> c.addProperty(SKOS.prefLabel, l.getObject()));
            to.addProperty(p, c);
        });
    }

    /** Adds literal values to {@code to}; false when there were none. */
    boolean copy(List<RDFNode> values, Property p, Resource to) {
        values.stream().filter(RDFNode::isLiteral).forEach(v -> to.addProperty(p, v));
        return to.hasProperty(p);
    }

    /** The version of each dataset written so far. */
    Map<String, Long> versions() {
        return versions;
    }

    Model model() {
        return m;
    }

    Model registryModel() {
        return reg;
    }

    String base() {
        return base;
    }

    /** The IRI naming a dataset in the catalog and in its metadata graph. */
    String datasetIri(String id) {
        return MetaRecords.datasetNode(graphs, id).getURI();
    }

    String publicBase() {
        return publicBase;
    }

    String territoryName() {
        return registry.territory().name();
    }

    fr.regie.registry.AccessLevel accessOf(DatasetSpec d) {
        return registry.accessOf(d);
    }

    /** The size of the dataset's dump at its live version, when the builder was told how to know it. */
    Optional<Long> dumpSize(DatasetSpec d) {
        return dumpSizes.apply(d);
    }

    VoidStats voidOf(DatasetSpec d, long version) {
        return voids.apply(d.id(), version);
    }

    Literal integer(long n) {
        return m.createTypedLiteral(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
