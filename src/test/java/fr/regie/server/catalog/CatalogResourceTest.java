package fr.regie.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.server.resource.ResourceFeature;

/**
 * The catalog's own IRIs answer: every publisher, distribution and service the catalog names (for the caller)
 * is described at its IRI, with what the catalog says of it; names the catalog does not give are
 * 404, and the store's resources are still served beside them.
 */
class CatalogResourceTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new CatalogFeature(), new ResourceFeature()));

    static Graph turtle(HttpResponse<String> r) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(r.body())).lang(Lang.TURTLE).parse(g);
        return g;
    }

    @Test
    void everyPublisherAndServiceTheCatalogNamesAnswersAtItsIri() throws Exception {
        for (String key : new String[] {null, "k-velib", "k-admin"}) {
            String[] h = key == null ? new String[] {"Accept", "text/turtle"} : new String[] {"Accept", "text/turtle", "X-API-Key", key};
            Graph catalog = turtle(server.get("/catalog", h));
            List<Node> named = new java.util.ArrayList<>();
            catalog.find(Node.ANY, DCTerms.publisher.asNode(), Node.ANY).forEach(t -> named.add(t.getObject()));
            catalog.find(Node.ANY, DCAT.service.asNode(), Node.ANY).forEach(t -> named.add(t.getObject()));
            int before = named.size();
            catalog.find(Node.ANY, DCAT.distribution.asNode(), Node.ANY).forEach(t -> named.add(t.getObject()));
            assertTrue(named.size() > before, "the catalog names distributions");
            assertTrue(named.size() >= 2, "the catalog names publishers and a service");
            for (Node n : named.stream().distinct().filter(Node::isURI).filter(x -> x.getURI().startsWith(AccessFixture.BASE)).toList()) {
                HttpResponse<String> r = server.get("/" + n.getURI().substring(AccessFixture.BASE.length()), h);
                assertEquals(200, r.statusCode(), n + " for " + key + ": " + r.body());
                Graph d = turtle(r);
                // A blank node (a contact point's vCard) is another blank node in another document: matched by its property.
                catalog.find(n, Node.ANY, Node.ANY).forEach(t -> assertTrue(t.getObject().isBlank()
                        ? d.find(n, t.getPredicate(), Node.ANY).filterKeep(x -> x.getObject().isBlank()).hasNext() : d.contains(t), n + " misses " + t));
            }
        }
    }

    @Test
    void namesTheCatalogDoesNotGiveAreNotFound() throws Exception {
        assertEquals(404, server.get("/id/organization/nope", "Accept", "text/turtle").statusCode());
        assertEquals(404, server.get("/id/organization/sncf", "Accept", "text/turtle").statusCode(), "publishes nothing");
        assertEquals(404, server.get("/id/service/other", "Accept", "text/turtle").statusCode());
        assertEquals(404, server.get("/id/dataset/nope/distribution/dump", "Accept", "text/turtle").statusCode());
        assertEquals(404, server.get("/id/dataset/secret/distribution/dump", "Accept", "text/turtle").statusCode(), "not visible");
        assertEquals(200, server.get("/id/dataset/secret/distribution/dump", "Accept", "text/turtle", "X-API-Key", "k-velib").statusCode());
        assertEquals(200, server.get("/id/stations/1", "Accept", "text/turtle").statusCode(), "the store's resources still answer");
        Node service = NodeFactory.createURI(AccessFixture.BASE + "id/service/sparql");
        assertTrue(turtle(server.get("/id/service/sparql", "Accept", "text/turtle")).contains(service, DCAT.endpointURL.asNode(), Node.ANY));
    }
}
