package fr.regie.server.catalog;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** Terms the catalog and the service description use that Jena's vocabulary classes lack. */
final class Terms {
    private Terms() {}

    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    static final String FORMATS = "http://www.w3.org/ns/formats/";
    /**
     * Media types are named under IANA's registry. data.gouv.fr's harvester shortens only the
     * https form to a bare media type; DCAT-AP's shapes accept both.
     */
    static final String IANA = "https://www.iana.org/assignments/media-types/";
    static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";

    static Resource r(String iri) {
        return ResourceFactory.createResource(iri);
    }

    static Property p(String iri) {
        return ResourceFactory.createProperty(iri);
    }

    // SPARQL 1.1 Service Description.
    static final Resource Service = r(SD + "Service");
    static final Resource Dataset = r(SD + "Dataset");
    static final Resource Graph = r(SD + "Graph");
    static final Resource NamedGraph = r(SD + "NamedGraph");
    static final Resource SPARQL11Query = r(SD + "SPARQL11Query");
    static final Resource UnionDefaultGraph = r(SD + "UnionDefaultGraph");
    static final Resource BasicFederatedQuery = r(SD + "BasicFederatedQuery");
    static final Property endpoint = p(SD + "endpoint");
    static final Property supportedLanguage = p(SD + "supportedLanguage");
    static final Property resultFormat = p(SD + "resultFormat");
    static final Property feature = p(SD + "feature");
    static final Property defaultDataset = p(SD + "defaultDataset");
    static final Property defaultGraph = p(SD + "defaultGraph");
    static final Property namedGraph = p(SD + "namedGraph");
    static final Property name = p(SD + "name");
    static final Property graph = p(SD + "graph");

    // Standards the distributions and the service conform to.
    static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    static final Resource VcardOrganization = r(VCARD + "Organization");
    static final Resource VcardKind = r(VCARD + "Kind");
    static final Property vcardFn = p(VCARD + "fn");
    static final Property vcardHasURL = p(VCARD + "hasURL");
    static final Resource SPARQL11_PROTOCOL = r("https://www.w3.org/TR/sparql11-protocol/");
    static final Resource RDF_PATCH = r("https://afs.github.io/rdf-patch/");
}
