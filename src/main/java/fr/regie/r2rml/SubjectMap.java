package fr.regie.r2rml;

import java.util.List;

import org.apache.jena.graph.Node;

/** A subject map (R2RML §6): the subject term map, its classes and its graph maps. */
public record SubjectMap(TermMap term, List<Node> classes, List<TermMap> graphMaps) {
    public SubjectMap {
        classes = List.copyOf(classes);
        graphMaps = List.copyOf(graphMaps);
    }
}
