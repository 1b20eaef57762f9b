package fr.regie.server.catalog;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.graph.GraphFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.http.Problem;

/**
 * The IRIs the catalog mints that the store does not hold, {@code {base}id/organization/{id}}
 * (publishers) and {@code {base}id/service/sparql}: each answers with its description in the
 * catalog the caller may see (with the blank nodes it points to), in the RDF syntax negotiated.
 * An organisation that publishes nothing the caller may see is not found, as in the catalog.
 * {@code /catalog/datasets/{id}} is the entry of a dataset in that catalog, with its
 * distributions (a dataset the caller may not see is not found either).
 */
final class CatalogResourceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The path of a dataset's catalog entry, before its id. */
    static final String ENTRY = "/catalog/datasets/";

    private final transient ServerContext context;
    private final transient CatalogBuilder builder;

    CatalogResourceServlet(ServerContext context, CatalogBuilder builder) {
        this.context = context;
        this.builder = builder;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RdfResponse.varyByCaller(resp);
        Optional<Lang> lang = RdfResponse.negotiate(req, resp, RdfResponse.OFFERED);
        if (lang.isEmpty()) {
            return;
        }
        Caller caller = ApiKeyFilter.caller(req);
        List<DatasetSpec> visible = context.access().visibleDatasets(caller);
        String path = req.getRequestURI().substring(req.getContextPath().length());
        // /catalog/datasets/{id}: a dataset's entry (where /datasets/{id} sends RDF clients).
        String iri = path.startsWith(ENTRY) ? context.iriOf("id/dataset/" + path.substring(ENTRY.length())) : context.iriOf(path);
        Graph catalog = builder.snapshot(visible, context.publicBase(req)).graph();
        Graph description = describe(catalog, NodeFactory.createURI(iri));
        if (description.isEmpty()) {
            Problem.send(resp, HttpServletResponse.SC_NOT_FOUND, "no resource " + iri + " here");
            return;
        }
        description.getPrefixMapping().setNsPrefixes(catalog.getPrefixMapping());
        RdfResponse.send(req, resp, description, lang.get());
    }

    /** The triples of a subject, and of the blank nodes and distributions reached from it. */
    static Graph describe(Graph g, Node subject) {
        Graph out = GraphFactory.createDefaultGraph();
        Deque<Node> todo = new ArrayDeque<>(List.of(subject));
        Set<Node> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Node s = todo.pop();
            if (!seen.add(s)) {
                continue;
            }
            for (Triple t : g.find(s, Node.ANY, Node.ANY).toList()) {
                out.add(t);
                if (t.getObject().isBlank() || t.getPredicate().equals(DCAT.distribution.asNode())) {
                    todo.push(t.getObject());
                }
            }
        }
        return out;
    }
}
