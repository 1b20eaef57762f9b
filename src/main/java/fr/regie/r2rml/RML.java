package fr.regie.r2rml;

import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The terms of RML-Core ({@code http://w3id.org/rml/}), with the legacy RML namespace
 * ({@code http://semweb.mmlab.be/ns/rml#}) and its {@code ql:} formulations, which many existing
 * mappings still use together with R2RML's {@code rr:} terms.
 */
public final class RML {
    public static final String NS = "http://w3id.org/rml/";
    public static final String LEGACY_NS = "http://semweb.mmlab.be/ns/rml#";
    public static final String QL_NS = "http://semweb.mmlab.be/ns/ql#";
    public static final String CSVW_NS = "http://www.w3.org/ns/csvw#";

    private RML() {}

    private static Node term(String local) {
        return NodeFactory.createURI(NS + local);
    }

    public static final Node TriplesMap = term("TriplesMap");
    public static final Node logicalSource = term("logicalSource");
    public static final Node source = term("source");
    public static final Node path = term("path");
    public static final Node root = term("root");
    public static final Node referenceFormulation = term("referenceFormulation");
    public static final Node iterator = term("iterator");
    public static final Node reference = term("reference");
    public static final Node baseIRI = term("baseIRI");

    public static final Node RelativePathSource = term("RelativePathSource");
    public static final Node MappingDirectory = term("MappingDirectory");
    public static final Node CurrentWorkingDirectory = term("CurrentWorkingDirectory");
    public static final Node defaultGraph = term("defaultGraph");

    public static final Node csvwTable = NodeFactory.createURI(CSVW_NS + "Table");
    public static final Node csvwUrl = NodeFactory.createURI(CSVW_NS + "url");
    public static final Node csvwDialect = NodeFactory.createURI(CSVW_NS + "dialect");

    /**
     * The same local name in the RML-Core namespace, then the legacy RML namespace, then R2RML's:
     * a legacy mapping writes {@code rr:subjectMap} where RML-Core writes {@code rml:subjectMap}.
     */
    public static List<Node> anyNs(String local) {
        return List.of(term(local), NodeFactory.createURI(LEGACY_NS + local), NodeFactory.createURI(RR.NS + local));
    }

    /** Whether {@code n} is {@code local} in one of the accepted namespaces (RML-Core, legacy RML, {@code ql:}, {@code rr:}). */
    public static boolean is(Node n, String local) {
        if (!n.isURI()) {
            return false;
        }
        String u = n.getURI();
        return u.equals(NS + local) || u.equals(LEGACY_NS + local) || u.equals(QL_NS + local) || u.equals(RR.NS + local);
    }

    /** Whether a property belongs to RML (either namespace), which makes a document an RML mapping. */
    public static boolean isRmlTerm(Node p) {
        return p.isURI() && (p.getURI().startsWith(NS) || p.getURI().startsWith(LEGACY_NS));
    }

    /** {@code rml:IRI} for messages, whatever namespace it came from. */
    public static String shortName(Node n) {
        if (!n.isURI()) {
            return n.toString();
        }
        String u = n.getURI();
        for (String[] p : new String[][] {{NS, "rml:"}, {LEGACY_NS, "rml:"}, {QL_NS, "ql:"}, {RR.NS, "rr:"}, {CSVW_NS, "csvw:"}}) {
            if (u.startsWith(p[0])) {
                return p[1] + u.substring(p[0].length());
            }
        }
        return "<" + u + ">";
    }
}
