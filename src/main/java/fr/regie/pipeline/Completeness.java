package fr.regie.pipeline;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import fr.regie.registry.DatasetSpec;

/**
 * Completeness of a dataset's key properties: for each class its shapes target, the share of
 * records that have each property the shapes require (sh:minCount 1 or more, any severity). A
 * DQV measurement per class and property ("BikeShareStation inCommune" = 1.0).
 */
final class Completeness {
    private static final String SH = "http://www.w3.org/ns/shacl#";
    private static final Node TARGET_CLASS = NodeFactory.createURI(SH + "targetClass");
    private static final Node PROPERTY = NodeFactory.createURI(SH + "property");
    private static final Node PATH = NodeFactory.createURI(SH + "path");
    private static final Node MIN_COUNT = NodeFactory.createURI(SH + "minCount");

    private Completeness() {}

    static Map<String, Double> of(DatasetSpec spec, Graph data) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (spec.shapes().isEmpty()) {
            return out;
        }
        Graph shapes = GraphFactory.createDefaultGraph();
        for (Path p : spec.shapes()) {
            RDFDataMgr.read(shapes, p.toString());
        }
        for (Triple t : shapes.find(Node.ANY, TARGET_CLASS, Node.ANY).toList()) {
            Node cls = t.getObject();
            List<Node> records = data.find(Node.ANY, RDF.Nodes.type, cls).mapWith(Triple::getSubject).toList();
            if (records.isEmpty()) {
                continue;
            }
            Set<Node> required = new HashSet<>();
            for (Triple ps : shapes.find(t.getSubject(), PROPERTY, Node.ANY).toList()) {
                Node path = shapes.find(ps.getObject(), PATH, Node.ANY).nextOptional().map(Triple::getObject).orElse(null);
                boolean min = shapes.find(ps.getObject(), MIN_COUNT, Node.ANY).toList().stream()
                        .anyMatch(m -> m.getObject().isLiteral() && ((Number) m.getObject().getLiteralValue()).intValue() >= 1);
                if (path != null && path.isURI() && min) {
                    required.add(path);
                }
            }
            for (Node p : required) {
                long have = records.stream().filter(r -> data.contains(r, p, Node.ANY)).count();
                out.put(local(cls) + " " + local(p), (double) have / records.size());
            }
        }
        return out;
    }

    private static String local(Node n) {
        String u = n.getURI();
        return u.substring(Math.max(u.lastIndexOf('#'), u.lastIndexOf('/')) + 1);
    }
}
