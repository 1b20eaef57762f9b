package fr.regie.server.catalog;

import java.util.Collection;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The SPARQL 1.1 service description of the endpoint ({@code sd:Service}): SPARQL 1.1 Query, the
 * result formats it speaks, its default graph being the union of the named graphs, and the named
 * graphs the caller may see.
 */
final class ServiceDescription {
    private static final String[] RESULT_FORMATS = {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
            "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"};

    private ServiceDescription() {}

    /**
     * The description of the endpoint at {@code endpoint}, listing {@code graphs};
     * {@code federated} says whether SERVICE may call other endpoints.
     */
    static Graph of(String endpoint, Collection<Node> graphs, boolean federated) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefixes(Map.of("sd", Terms.SD, "rdf", RDF.uri, "dct", DCTerms.NS));
        Resource s = m.createResource(endpoint + "#service", Terms.Service)
                .addProperty(Terms.endpoint, m.createResource(endpoint))
                .addProperty(Terms.supportedLanguage, Terms.SPARQL11Query)
                .addProperty(Terms.feature, Terms.UnionDefaultGraph)
                .addProperty(DCTerms.conformsTo, Terms.SPARQL11_PROTOCOL);
        if (federated) {
            s.addProperty(Terms.feature, Terms.BasicFederatedQuery);
        }
        for (String f : RESULT_FORMATS) {
            s.addProperty(Terms.resultFormat, m.createResource(Terms.FORMATS + f));
        }
        Resource ds = m.createResource(Terms.Dataset).addProperty(Terms.defaultGraph, m.createResource(Terms.Graph));
        for (Node g : graphs.stream().sorted(java.util.Comparator.comparing(Node::getURI)).toList()) {
            ds.addProperty(Terms.namedGraph, m.createResource(Terms.NamedGraph)
                    .addProperty(Terms.name, m.wrapAsResource(g))
                    .addProperty(Terms.graph, m.createResource(Terms.Graph)));
        }
        s.addProperty(Terms.defaultDataset, ds);
        return m.getGraph();
    }
}
