package fr.regie.registry;

import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * An organisation of the registry (a foaf:Organization): publisher of datasets, and, when it
 * has {@code regie:apiKeyEnv}, a partner who can call the server with an API key. The id is the
 * node's fragment ({@code <#velib>} is {@code velib}).
 */
public record Partner(Node iri, String id, String name, Optional<String> apiKeyEnv) {

    /** The API key, read from the environment variable the registry names. */
    public Optional<String> apiKey() {
        return apiKeyEnv.map(System::getenv).filter(k -> !k.isBlank());
    }

    static String idOf(Node n) {
        String u = n.isURI() ? n.getURI() : n.toString();
        return u.substring(Math.max(u.lastIndexOf('#'), u.lastIndexOf('/')) + 1);
    }
}
