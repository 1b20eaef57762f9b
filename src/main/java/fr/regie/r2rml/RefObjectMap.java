package fr.regie.r2rml;

import java.util.List;

import org.apache.jena.graph.Node;

/**
 * A referencing object map (R2RML §8): the object is the subject of another triples map, joined
 * on the given conditions.
 */
public record RefObjectMap(Node parentTriplesMap, List<JoinCondition> joinConditions, Position position) {
    public RefObjectMap {
        joinConditions = List.copyOf(joinConditions);
    }
}
