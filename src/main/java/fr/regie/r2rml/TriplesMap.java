package fr.regie.r2rml;

import java.util.List;

import org.apache.jena.graph.Node;

/**
 * A triples map (R2RML §6): a logical table, a subject map and predicate-object maps. The name is
 * the short form used in messages (the IRI's local part, or a blank node's position).
 */
public record TriplesMap(Node id, String name, LogicalTable logicalTable, SubjectMap subjectMap,
                         List<PredicateObjectMap> predicateObjectMaps, Position position) {
    public TriplesMap {
        predicateObjectMaps = List.copyOf(predicateObjectMaps);
    }
}
