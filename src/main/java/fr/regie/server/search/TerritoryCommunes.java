package fr.regie.server.search;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

import fr.regie.registry.Registry;
import fr.regie.territory.Vocab;

/**
 * The communes the territory is made of: the places its registry entry covers
 * ({@code dct:spatial}, e.g. the EPT Plaine Commune), and the communes that are a subdivision of
 * one of them ({@code igeo:subdivisionDe}, typed {@code igeo:Commune}) in the store given (the
 * whole store, or a caller's view).
 */
public final class TerritoryCommunes {
    private TerritoryCommunes() {}

    /** The places the territory covers, as the registry declares them. */
    public static Set<Node> places(Registry registry) {
        Set<Node> out = new LinkedHashSet<>();
        registry.graph().find(registry.territory().iri(), DCTerms.spatial.asNode(), Node.ANY).forEachRemaining(t -> {
            if (t.getObject().isURI()) {
                out.add(t.getObject());
            }
        });
        return out;
    }

    /** The communes of the territory in {@code dsg}, at most {@code max}. Needs a read transaction. */
    public static Set<Node> of(DatasetGraph dsg, Registry registry, int max) {
        Set<Node> out = new LinkedHashSet<>();
        for (Node place : places(registry)) {
            if (dsg.contains(Node.ANY, place, RDF.type.asNode(), Vocab.Commune)) {
                out.add(place);
            }
            Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, Vocab.subdivisionDe, place);
            while (it.hasNext() && out.size() < max) {
                Node c = it.next().getSubject();
                if (c.isURI() && dsg.contains(Node.ANY, c, RDF.type.asNode(), Vocab.Commune)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

}
