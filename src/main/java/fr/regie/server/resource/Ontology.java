package fr.regie.server.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;

import fr.regie.registry.Registry;
import fr.regie.registry.Vocabularies;
import fr.regie.server.ServerContext;
import fr.regie.server.http.JsonLdContext;

/**
 * The ontology as served: Régie's ({@code ontology/regie.ttl}) merged with the partners'
 * vocabularies the registry declares ({@link Vocabularies}), and the JSON-LD context that goes
 * with it ({@code ontology/context.jsonld} plus a short key per partner term). Served at
 * {@code /ontology} and {@code /context.jsonld}, and the source of the labels of classes and
 * properties on HTML pages, in French and English. One made by {@link #of(ServerContext)} follows
 * the registry's reloads.
 */
public final class Ontology {
    /** What one registry gives; swapped whole on reload. */
    private record State(Vocabularies vocabularies, JsonLdContext context) {}

    private volatile State state;

    private Ontology(State state) {
        this.state = state;
    }

    /** Régie's ontology alone, with its own context. */
    public static Ontology load() {
        return new Ontology(state(Vocabularies.regie()));
    }

    /** Régie's ontology and these vocabularies. */
    public static Ontology of(Vocabularies vocabularies) {
        return new Ontology(state(vocabularies));
    }

    /** The ontology of the server's registry, made again at each reload. */
    public static Ontology of(ServerContext context) {
        Ontology o = new Ontology(state(context.registry()));
        // The reloaded registry was checked whole, its vocabularies included, before it was swapped in.
        context.onReload(r -> o.state = state(r));
        return o;
    }

    private static State state(Registry registry) {
        return state(Vocabularies.of(registry));
    }

    private static State state(Vocabularies v) {
        byte[] base;
        try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream("ontology/context.jsonld")) {
            if (in == null) {
                throw new IllegalStateException("ontology/context.jsonld is not on the class path");
            }
            base = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new State(v, JsonLdContext.of(PartnerContext.merge(base, v), "ontology/context.jsonld with the partners' vocabularies"));
    }

    /** The merged vocabularies now served. */
    public Vocabularies vocabularies() {
        return state.vocabularies();
    }

    /** The JSON-LD context now served, partner terms included. */
    public JsonLdContext context() {
        return state.context();
    }

    /** Changes (by identity) when a reload changes what is served, for caches. */
    Object generation() {
        return state;
    }

    Graph graph() {
        return state.vocabularies().graph();
    }

    List<Triple> triples() {
        return state.vocabularies().triples();
    }

    /** The label of a class or property in a language ({@code fr}, {@code en}), else in French, else any. */
    public Optional<String> label(String iri, String lang) {
        return state.vocabularies().label(iri, lang);
    }
}
