package fr.regie.r2rml;

import org.apache.jena.graph.Node;

/**
 * One scan of one query: the logical table of a triples map, or the joint query of a
 * referencing object map with join conditions (R2RML §8). Both produce triples the same way:
 * a subject, its classes, and predicate-object groups, each with graph maps.
 */
record Pass(String triplesMap, String sql, Position position, NaturalMapping.ColumnReader[] readers,
            TermGenerator subject, TermGenerator[] subjectGraphs, Node[] classes, Group[] groups) {

    /** The predicates, objects and graph maps of one predicate-object map, compiled for this pass. */
    record Group(TermGenerator[] predicates, TermGenerator[] objects, TermGenerator[] graphs) {}
}
