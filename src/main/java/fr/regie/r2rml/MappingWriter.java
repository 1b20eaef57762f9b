package fr.regie.r2rml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.XSD;

/**
 * Writes a mapping model as readable Turtle: one block per triples map, nested blank nodes for
 * term maps, shortcuts ({@code rr:predicate}, {@code rr:object}) for constants. What it writes,
 * {@link MappingReader} reads back to the same model.
 */
public final class MappingWriter {
    private final StringBuilder out = new StringBuilder();
    private final String mapNamespace;

    private MappingWriter(String mapNamespace) {
        this.mapNamespace = mapNamespace;
    }

    /**
     * The Turtle text of a mapping. {@code header} opens the file as comment lines; each triples
     * map may have a note, written as comment lines above it. Triples map IRIs in
     * {@code mapNamespace} are written with the prefix {@code map:}.
     */
    public static String write(MappingDocument doc, String mapNamespace, String header, Map<Node, String> notes) {
        MappingWriter w = new MappingWriter(mapNamespace);
        w.comment(header, "");
        w.out.append("@prefix rr: <").append(RR.NS).append("> .\n")
                .append("@prefix rdf: <").append(RDF.getURI()).append("> .\n")
                .append("@prefix xsd: <").append(XSD.NS).append("> .\n")
                .append("@prefix map: <").append(mapNamespace).append("> .\n");
        for (TriplesMap tm : doc.triplesMaps()) {
            w.out.append('\n');
            w.comment(notes.get(tm.id()), "");
            w.triplesMap(tm);
        }
        return w.out.toString();
    }

    private void comment(String text, String indent) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String line : text.split("\\R")) {
            out.append(indent).append("# ").append(line).append('\n');
        }
    }

    private void triplesMap(TriplesMap tm) {
        out.append(node(tm.id())).append(" a rr:TriplesMap ;\n");
        out.append("    rr:logicalTable [ ");
        switch (tm.logicalTable()) {
            case LogicalTable.BaseTable t -> out.append("rr:tableName ").append(string(t.tableName()));
            case LogicalTable.SqlQuery q -> {
                out.append("rr:sqlQuery ").append(string(q.sql()));
                for (Node v : q.sqlVersions()) {
                    out.append(" ; rr:sqlVersion ").append(node(v));
                }
            }
        }
        out.append(" ] ;\n");
        SubjectMap sm = tm.subjectMap();
        out.append("    rr:subjectMap [ ");
        termMapBody(out, sm.term(), false);
        for (Node c : sm.classes()) {
            out.append(" ;\n        rr:class ").append(node(c));
        }
        for (TermMap g : sm.graphMaps()) {
            out.append(" ;\n        rr:graphMap [ ");
            termMapBody(out, g, false);
            out.append(" ]");
        }
        out.append(" ]");
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            out.append(" ;\n    rr:predicateObjectMap [\n");
            List<String> parts = new ArrayList<>();
            for (TermMap p : pom.predicateMaps()) {
                parts.add(shortcutOrMap("rr:predicate", "rr:predicateMap", p, false));
            }
            for (TermMap o : pom.objectMaps()) {
                parts.add(shortcutOrMap("rr:object", "rr:objectMap", o, true));
            }
            for (RefObjectMap r : pom.refObjectMaps()) {
                parts.add(refObjectMap(r));
            }
            for (TermMap g : pom.graphMaps()) {
                parts.add(shortcutOrMap("rr:graph", "rr:graphMap", g, false));
            }
            out.append("        ").append(String.join(" ;\n        ", parts)).append("\n    ]");
        }
        out.append(" .\n");
    }

    private String shortcutOrMap(String shortcut, String property, TermMap tm, boolean object) {
        if (tm instanceof TermMap.ConstantMap c) {
            return shortcut + " " + node(c.value());
        }
        StringBuilder sb = new StringBuilder(property).append(" [ ");
        termMapBody(sb, tm, object);
        return sb.append(" ]").toString();
    }

    private String refObjectMap(RefObjectMap r) {
        StringBuilder sb = new StringBuilder("rr:objectMap [\n            rr:parentTriplesMap ").append(node(r.parentTriplesMap()));
        for (JoinCondition jc : r.joinConditions()) {
            sb.append(" ;\n            rr:joinCondition [ rr:child ").append(string(jc.child().sql()))
                    .append(" ; rr:parent ").append(string(jc.parent().sql())).append(" ]");
        }
        return sb.append("\n        ]").toString();
    }

    private void termMapBody(StringBuilder sb, TermMap tm, boolean object) {
        switch (tm) {
            case TermMap.ConstantMap c -> sb.append("rr:constant ").append(node(c.value()));
            case TermMap.ColumnMap c -> {
                sb.append("rr:column ").append(string(c.column().sql()));
                termTypeAndLiteral(sb, c.termType(), object, true, c.language().orElse(null), c.datatype().orElse(null));
            }
            case TermMap.TemplateMap t -> {
                sb.append("rr:template ").append(string(t.template().text()));
                termTypeAndLiteral(sb, t.termType(), object, false, t.language().orElse(null), t.datatype().orElse(null));
            }
        }
    }

    private void termTypeAndLiteral(StringBuilder sb, TermType type, boolean object, boolean column, String lang, Node datatype) {
        TermType dflt = object && (column || lang != null || datatype != null) ? TermType.LITERAL : TermType.IRI;
        if (type != dflt) {
            sb.append(" ; rr:termType ").append(RR.shortName(type.iri()));
        }
        if (lang != null) {
            sb.append(" ; rr:language ").append(string(lang));
        }
        if (datatype != null) {
            sb.append(" ; rr:datatype ").append(node(datatype));
        }
    }

    private String node(Node n) {
        if (n.isURI()) {
            String uri = n.getURI();
            if (uri.startsWith(RR.NS)) {
                return RR.shortName(n);
            }
            if (uri.startsWith(XSD.NS) && uri.substring(XSD.NS.length()).matches("[A-Za-z]+")) {
                return "xsd:" + uri.substring(XSD.NS.length());
            }
            if (uri.startsWith(mapNamespace) && uri.substring(mapNamespace.length()).matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                return "map:" + uri.substring(mapNamespace.length());
            }
            return "<" + uri + ">";
        }
        if (n.isLiteral()) {
            String lex = string(n.getLiteralLexicalForm());
            if (!n.getLiteralLanguage().isEmpty()) {
                return lex + "@" + n.getLiteralLanguage();
            }
            String dt = n.getLiteralDatatypeURI();
            return dt == null || dt.equals(XSD.xstring.getURI()) ? lex : lex + "^^" + node(NodeFactory.createURI(dt));
        }
        return "_:" + n.getBlankNodeLabel().replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** A Turtle string literal with the characters Turtle requires escaped. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
