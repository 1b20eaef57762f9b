package fr.regie.r2rml;

import java.util.List;

/**
 * A predicate-object map (R2RML §6.3): one or more predicate maps, one or more object maps
 * (plain or referencing) and graph maps.
 */
public record PredicateObjectMap(List<TermMap> predicateMaps, List<TermMap> objectMaps,
                                 List<RefObjectMap> refObjectMaps, List<TermMap> graphMaps,
                                 Position position) {
    public PredicateObjectMap {
        predicateMaps = List.copyOf(predicateMaps);
        objectMaps = List.copyOf(objectMaps);
        refObjectMaps = List.copyOf(refObjectMaps);
        graphMaps = List.copyOf(graphMaps);
    }
}
