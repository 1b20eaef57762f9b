package fr.regie.r2rml;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * An RML triples map (RML-Core §4): a logical source, a subject map, predicate-object maps, and
 * the base IRI relative IRIs resolve against when the map declares its own ({@code rml:baseIRI}).
 */
public record RmlTriplesMap(Node id, String name, LogicalSource logicalSource, SubjectMap subjectMap,
                            List<PredicateObjectMap> predicateObjectMaps, Optional<String> baseIri, Position position) {
    public RmlTriplesMap {
        predicateObjectMaps = List.copyOf(predicateObjectMaps);
    }

    /** The subject map, its classes and graph maps. */
    public record SubjectMap(RmlTermMap term, List<Node> classes, List<RmlTermMap> graphMaps) {
        public SubjectMap {
            classes = List.copyOf(classes);
            graphMaps = List.copyOf(graphMaps);
        }
    }

    /** Predicate maps, object maps (plain or referencing) and graph maps. */
    public record PredicateObjectMap(List<RmlTermMap> predicateMaps, List<RmlTermMap> objectMaps,
                                     List<RefObjectMap> refObjectMaps, List<RmlTermMap> graphMaps, Position position) {
        public PredicateObjectMap {
            predicateMaps = List.copyOf(predicateMaps);
            objectMaps = List.copyOf(objectMaps);
            refObjectMaps = List.copyOf(refObjectMaps);
            graphMaps = List.copyOf(graphMaps);
        }
    }

    /** A referencing object map: the parent's subjects, joined on the conditions (RML-Core §8). */
    public record RefObjectMap(Node parentTriplesMap, List<JoinCondition> joinConditions, Position position) {
        public RefObjectMap {
            joinConditions = List.copyOf(joinConditions);
        }
    }

    /** Child expression (on the child's record) equals parent expression (on the parent's record). */
    public record JoinCondition(RmlExpression child, RmlExpression parent, Position position) {}
}
