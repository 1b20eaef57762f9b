package fr.regie.server.resource;

import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.http.MediaFormat;

/**
 * Installs the dereferenceable resources: {@code /id/*} (every IRI Régie mints, by content
 * negotiation or suffix), {@code /context.jsonld} (the JSON-LD context the resources reference)
 * and {@code /ontology} (Régie's ontology in JSON-LD, Turtle, N-Triples or RDF/XML). The context
 * and the ontology are Régie's (from the class path) merged with the partners' vocabularies the
 * registry declares, made again when the registry is reloaded.
 */
public final class ResourceFeature implements Feature {
    @Override
    public void install(FusekiServer.Builder builder, ServerContext context) {
        Ontology ontology = Ontology.of(context);
        ResourceViews views = new ResourceViews(ontology);
        builder.addServlet("/id/*", new ResourceServlet(context, views));
        builder.addServlet("/context.jsonld", new StaticRdfServlet(List.of(MediaFormat.JSONLD), (f, base) -> ontology.context().document(),
                context::publicBase, views::generation));
        builder.addServlet("/ontology", new StaticRdfServlet(List.of(MediaFormat.JSONLD, MediaFormat.TURTLE, MediaFormat.NTRIPLES, MediaFormat.RDFXML),
                (f, base) -> views.renderer().render(f, ontology.triples(), base + "context.jsonld"), context::publicBase, views::generation));
    }
}
