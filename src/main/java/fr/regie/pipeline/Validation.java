package fr.regie.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Vocabularies;

/** The SHACL gate's check: a dataset's graph validated with its shapes and its vocabularies' datatype shapes, in the context of the store. */
public final class Validation {
    private Validation() {}

    /**
     * Validates a dataset's graph (as a refresh would leave it) with the dataset's shapes, the
     * context graph (the territory and the other datasets) beside it so that links to communes
     * and to other datasets' records can be checked. Only the dataset's own records are targets
     * and results. A dataset without shapes conforms.
     */
    public static Quality validate(DatasetSpec spec, Graph staged, Graph context) {
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        for (Path p : spec.shapes()) {
            RDFDataMgr.read(shapesGraph, p.toString());
        }
        // The datatype shapes of the terms the dataset's own vocabularies declare.
        if (!spec.vocabularies().isEmpty()) {
            Vocabularies.read(spec.vocabularies()).shapesFor(spec).find().forEach(shapesGraph::add);
        }
        if (shapesGraph.isEmpty()) {
            return new Quality(true, 0, 0, 0, Map.of(), List.of());
        }
        Shapes shapes = Shapes.parse(shapesGraph);
        Graph data = context == null ? staged : new TargetsFrom(staged, new Union(staged, context));
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        // Targets are found in the union too; only this dataset's own records are its results.
        return Quality.of(report, shapesGraph, focus -> staged.contains(focus, Node.ANY, Node.ANY));
    }
}
