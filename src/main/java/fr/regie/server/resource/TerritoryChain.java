package fr.regie.server.resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;

import fr.regie.territory.Vocab;

/**
 * The territories a resource lies in, from the smallest to the région: for a partner's facility,
 * its commune ({@code regie:inCommune}) first; for a territory, itself. Then every territory that
 * contains it ({@code igeo:subdivisionDe}, which Régie materialises for communes, and
 * {@code igeo:subdivisionDirecteDe} followed up), ordered by scale: commune, arrondissement,
 * EPT, EPCI, département, région.
 */
final class TerritoryChain {
    private static final String IGEO = "http://rdf.insee.fr/def/geo#";
    private static final String REGIE = "https://w3id.org/regie#";
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry(IGEO + "ArrondissementMunicipal", 0), Map.entry(IGEO + "CommuneDeleguee", 0),
            Map.entry(IGEO + "CommuneAssociee", 0), Map.entry(IGEO + "Commune", 1), Map.entry(IGEO + "Arrondissement", 2),
            Map.entry(REGIE + "EtablissementPublicTerritorial", 3), Map.entry(REGIE + "EPCI", 4),
            Map.entry(IGEO + "Intercommunalite", 4), Map.entry(IGEO + "Departement", 5), Map.entry(IGEO + "Region", 6));
    private static final int MAX_DEPTH = 8;

    private TerritoryChain() {}

    /** The chain for {@code resource}, empty when it is neither a territory nor placed in a commune. */
    static List<Node> of(Node resource, VisibleLookup lookup) {
        List<Node> communes = lookup.values(resource, Vocab.inCommune);
        Node start = communes.isEmpty() ? resource : communes.get(0);
        if (rank(start, lookup) == Integer.MAX_VALUE) {
            return List.of();
        }
        Set<Node> chain = new LinkedHashSet<>();
        chain.add(start);
        chain.addAll(lookup.values(start, Vocab.subdivisionDe));
        Node at = start;
        for (int i = 0; i < MAX_DEPTH; i++) {
            List<Node> parents = lookup.values(at, Vocab.subdivisionDirecteDe);
            if (parents.isEmpty()) {
                break;
            }
            at = parents.get(0);
            chain.add(at);
        }
        List<Node> out = new ArrayList<>(chain);
        out.sort(Comparator.comparingInt(n -> rank(n, lookup)));
        return out;
    }

    /** The type a territory is named by in the chain: its most specific known type (an EPT's, not Intercommunalité), else its smallest type IRI. */
    static java.util.Optional<String> typeOf(Node n, VisibleLookup lookup) {
        return lookup.types(n).stream().filter(Node::isURI).map(Node::getURI)
                .min(Comparator.comparingInt((String t) -> RANK.getOrDefault(t, Integer.MAX_VALUE)).thenComparing(Comparator.naturalOrder()));
    }

    private static int rank(Node n, VisibleLookup lookup) {
        int best = Integer.MAX_VALUE;
        for (Node t : lookup.types(n)) {
            if (t.isURI()) {
                best = Math.min(best, RANK.getOrDefault(t.getURI(), Integer.MAX_VALUE));
            }
        }
        return best;
    }
}
