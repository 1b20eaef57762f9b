package fr.regie.server.datasetpage;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * A class of a dataset as CSV (RFC 4180: comma-separated, CRLF, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled): one row per subject of the class (by IRI),
 * the column {@code id} (the subject's IRI) then a column per property its subjects use, headed
 * by the property's IRI. A cell holds the values as text (an IRI, a literal's lexical form,
 * unchanged: {@code 2.50} stays {@code 2.50}); several values are separated by {@code |}, a
 * {@code |} or {@code \} inside a value being written {@code \|} or {@code \\}.
 */
final class Csv {
    static final String MEDIA_TYPE = "text/csv; charset=utf-8; header=present";

    private Csv() {}

    static void write(DatasetGraph view, Node graph, Node type, Writer out) throws IOException {
        List<Node> subjects = Subjects.ofClass(view, graph, type);
        List<Node> props = Subjects.properties(view, graph, subjects);
        out.write("id");
        for (Node p : props) {
            out.write(',');
            out.write(field(p.getURI()));
        }
        out.write("\r\n");
        for (Node s : subjects) {
            Map<Node, List<Node>> values = Subjects.values(view, graph, s);
            out.write(field(s.getURI()));
            for (Node p : props) {
                out.write(',');
                out.write(field(cell(values.getOrDefault(p, List.of()))));
            }
            out.write("\r\n");
        }
    }

    /** Values of a cell: their text, {@code |}-separated, {@code |} and {@code \} escaped. */
    static String cell(List<Node> values) {
        StringBuilder b = new StringBuilder();
        for (Node v : values) {
            if (!b.isEmpty()) {
                b.append('|');
            }
            b.append(Subjects.text(v).replace("\\", "\\\\").replace("|", "\\|"));
        }
        return b.toString();
    }

    /** A field, quoted when RFC 4180 says it must be. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
