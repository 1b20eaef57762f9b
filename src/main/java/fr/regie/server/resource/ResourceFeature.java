package fr.regie.server.resource;

import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.http.JsonLdContext;
import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.http.MediaFormat;

/**
 * Installs the dereferenceable resources: {@code /id/*} (every IRI Régie mints, by content
 * negotiation or suffix), {@code /context.jsonld} (the JSON-LD context the resources reference)
 * and {@code /ontology} (Régie's ontology in JSON-LD, Turtle, N-Triples or RDF/XML). The context
 * and the ontology are read once, from the class path.
 */
public final class ResourceFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        JsonLdContext jsonLd = JsonLdContext.load();
        Ontology ontology = Ontology.load();
        Renderer renderer = new Renderer(jsonLd);
        builder.addServlet("/id/*", new ResourceServlet(context, renderer, new HtmlPage(jsonLd, ontology)));
        builder.addServlet("/context.jsonld", new StaticRdfServlet(List.of(MediaFormat.JSONLD), (f, base) -> jsonLd.document(),
                context::publicBase));
        builder.addServlet("/ontology", new StaticRdfServlet(List.of(MediaFormat.JSONLD, MediaFormat.TURTLE, MediaFormat.NTRIPLES, MediaFormat.RDFXML),
                (f, base) -> renderer.render(f, ontology.triples(), base + "context.jsonld"), context::publicBase));
    }
}
