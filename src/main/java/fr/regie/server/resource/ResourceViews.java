package fr.regie.server.resource;

/**
 * The writers of resources (RDF formats and HTML) for the ontology now served: made again when a
 * registry reload changes the ontology, since both keep what they learnt of its context and labels.
 */
final class ResourceViews {
    private record Made(Object generation, Renderer renderer, HtmlPage html) {}

    private final Ontology ontology;
    private volatile Made made;

    ResourceViews(Ontology ontology) {
        this.ontology = ontology;
        this.made = make();
    }

    private Made make() {
        Object generation = ontology.generation();
        return new Made(generation, new Renderer(ontology.context()), new HtmlPage(ontology.context(), ontology));
    }

    private Made current() {
        Made m = made;
        if (m.generation() != ontology.generation()) {
            m = make();
            made = m;
        }
        return m;
    }

    Renderer renderer() {
        return current().renderer();
    }

    HtmlPage html() {
        return current().html();
    }

    /** Changes (by identity) when what is served changes. */
    Object generation() {
        return ontology.generation();
    }
}
