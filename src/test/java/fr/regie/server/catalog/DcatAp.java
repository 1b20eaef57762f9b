package fr.regie.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The DCAT-AP 3.0.1 SHACL shapes of src/test/resources/dcat-ap (see SOURCE.md there): the
 * mandatory shapes with their ranges and the controlled-vocabulary checks, and the recommended
 * ones (warnings only). The EU vocabularies the checks look values up in are added to the data.
 */
final class DcatAp {
    private static final String DIR = "src/test/resources/dcat-ap/";
    private static final Shapes MANDATORY = shapes("shapes.ttl", "range.ttl", "mdr-vocabularies.shape.ttl");
    private static final Shapes RECOMMENDED = shapes("shapes_recommended.ttl");

    private DcatAp() {}

    /** What the shapes say of a catalog, restricted to the catalog's own nodes (not the vocabularies'). */
    record Result(List<ReportEntry> violations, List<ReportEntry> warnings) {
        String describe() {
            List<String> lines = new ArrayList<>();
            violations.forEach(e -> lines.add("VIOLATION " + line(e)));
            warnings.forEach(e -> lines.add("warning " + line(e)));
            return String.join("\n", lines);
        }

        private static String line(ReportEntry e) {
            return e.focusNode() + " " + e.resultPath() + " " + e.value() + ": " + e.message() + " [" + e.source() + "]";
        }
    }

    static Result validate(Graph catalog) {
        Graph data = GraphFactory.createDefaultGraph();
        catalog.find().forEach(data::add);
        for (String v : new String[] {"eu-file-type.rdf", "eu-frequency.ttl", "eu-access-right.ttl", "eu-data-theme.rdf",
                "eu-planned-availability.ttl", "eu-country.rdf", "ADMS_SKOS_v1.00.rdf", "eu-language.rdf"}) {
            RDFParser.source(DIR + v).parse(data);
        }
        Set<Node> own = catalog.find().mapWith(t -> t.getSubject()).toSet();
        List<ReportEntry> all = new ArrayList<>();
        for (Shapes s : List.of(MANDATORY, RECOMMENDED)) {
            ValidationReport r = ShaclValidator.get().validate(s, data);
            all.addAll(r.getEntries().stream().filter(e -> own.contains(e.focusNode())).toList());
        }
        return new Result(all.stream().filter(e -> e.severity() == Severity.Violation).collect(Collectors.toList()),
                all.stream().filter(e -> e.severity() != Severity.Violation).collect(Collectors.toList()));
    }

    private static Shapes shapes(String... files) {
        Graph g = GraphFactory.createDefaultGraph();
        for (String f : files) {
            RDFParser.source(DIR + f).parse(g);
        }
        return Shapes.parse(g);
    }
}
