package fr.regie.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;

/**
 * What the SHACL gate found in a dataset: counts by severity and by shape, and the first results
 * with shape, focus node and message, for the operator and the partner.
 */
public record Quality(boolean conforms, long violations, long warnings, long infos, Map<String, Long> byShape,
                      List<String> samples) {
    private static final int SAMPLES = 20;

    /**
     * Summarises the results of a report about the focus nodes {@code ours} accepts; the shapes
     * graph names property shapes written as blank nodes.
     */
    public static Quality of(ValidationReport report, Graph shapes, Predicate<Node> ours) {
        long v = 0;
        long w = 0;
        long i = 0;
        Map<String, Long> byShape = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            if (!ours.test(e.focusNode())) {
                continue;
            }
            Severity s = e.severity();
            if (Severity.Violation.equals(s)) {
                v++;
            } else if (Severity.Warning.equals(s)) {
                w++;
            } else {
                i++;
            }
            String shape = shapeName(e.source(), shapes) + (e.resultPath() == null ? "" : " " + e.resultPath());
            byShape.merge(severityName(s) + " " + shape, 1L, Long::sum);
            if (samples.size() < SAMPLES) {
                samples.add(severityName(s) + ": shape " + shape + ", focus node " + name(e.focusNode())
                        + (e.value() == null ? "" : ", value " + e.value()) + ": " + e.message());
            }
        }
        return new Quality(v == 0, v, w, i, byShape, samples);
    }

    /** A property shape written inline is named after the node shape that holds it. */
    private static String shapeName(Node shape, Graph shapes) {
        if (shape != null && shape.isBlank()) {
            Node owner = shapes.find(Node.ANY, SH_PROPERTY, shape).nextOptional().map(Triple::getSubject).orElse(null);
            if (owner != null && owner.isURI()) {
                return name(owner);
            }
        }
        return name(shape);
    }

    private static final Node SH_PROPERTY = NodeFactory.createURI("http://www.w3.org/ns/shacl#property");

    private static String severityName(Severity s) {
        return Severity.Violation.equals(s) ? "violation" : Severity.Warning.equals(s) ? "warning" : "info";
    }

    private static String name(Node n) {
        if (n == null) {
            return "?";
        }
        return n.isURI() ? "<" + n.getURI() + ">" : n.toString();
    }

    /** "conforms", "conforms, 3 warnings" or "2 violations, 1 warning". */
    public String summary() {
        StringBuilder sb = new StringBuilder(violations == 0 ? "conforms" : plural(violations, "violation"));
        if (warnings > 0) {
            sb.append(", ").append(plural(warnings, "warning"));
        }
        return sb.toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
