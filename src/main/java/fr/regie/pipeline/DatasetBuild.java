package fr.regie.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.Progress;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.TerritoryIndex;

/**
 * Builds one dataset into a staging graph: the partner's mapping runs over its database, the
 * records are linked to the territory as they stream, and the result is validated with the
 * dataset's shapes (together with the territory graph, so that links to communes can be checked).
 */
public final class DatasetBuild {
    private DatasetBuild() {}

    /** What the build produced and found. */
    public record Result(DatasetSpec spec, Graph staged, RunStats run, Quality quality, long linked,
                         long unmatched, List<CommuneLinker.Unmatched> unmatchedSamples, Map<String, Long> linkPaths,
                         Duration elapsed) {}

    /**
     * Maps, links and validates. {@code territory} is null when the dataset is the territory
     * itself. {@code context} is what the dataset's links may point to (the territory and the
     * other datasets, without this dataset's current graph), or null.
     */
    public static Result build(DatasetSpec spec, Database db, String baseIri, TerritoryIndex territory,
                               Graph context, Progress progress) {
        long t0 = System.nanoTime();
        Graph staged = GraphFactory.createGraphMem();
        StreamRDF sink = StreamRDFLib.graph(staged);
        CommuneLinker linker = null;
        if (territory != null && spec.linkBy() != LinkMethod.NONE) {
            linker = new CommuneLinker(sink, territory, spec.linkBy());
            sink = linker;
        }
        RunStats run = R2rml.create().mapping(MappingReader.read(spec.mappings())).database(db).baseIri(baseIri)
                .progress(progress).build().run(sink);
        Quality quality = validate(spec, staged, context);
        return new Result(spec, staged, run, quality, linker == null ? 0 : linker.linked(),
                linker == null ? 0 : linker.unmatchedCount(), linker == null ? List.of() : linker.unmatched(),
                linker == null ? Map.of() : linker.paths(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Validates a staged graph with the dataset's shapes, the context graph beside it so that
     * links to communes and to other datasets' records can be checked. A dataset without shapes
     * conforms.
     */
    public static Quality validate(DatasetSpec spec, Graph staged, Graph context) {
        if (spec.shapes().isEmpty()) {
            return new Quality(true, 0, 0, 0, Map.of(), List.of());
        }
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        for (Path p : spec.shapes()) {
            RDFDataMgr.read(shapesGraph, p.toString());
        }
        Shapes shapes = Shapes.parse(shapesGraph);
        Graph data = context == null ? staged : new TargetsFrom(staged, new Union(staged, context));
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        // Targets are found in the union too; only this dataset's own records are its results.
        return Quality.of(report, shapesGraph, focus -> staged.contains(focus, Node.ANY, Node.ANY));
    }
}
