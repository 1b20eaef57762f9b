package fr.regie.r2rml;

import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The terms of the R2RML vocabulary ({@code http://www.w3.org/ns/r2rml#}). */
public final class RR {
    public static final String NS = "http://www.w3.org/ns/r2rml#";

    private RR() {}

    private static Node term(String local) {
        return NodeFactory.createURI(NS + local);
    }

    // Classes
    public static final Node TriplesMap = term("TriplesMap");
    public static final Node LogicalTable = term("LogicalTable");
    public static final Node BaseTableOrView = term("BaseTableOrView");
    public static final Node R2RMLView = term("R2RMLView");
    public static final Node TermMap = term("TermMap");
    public static final Node SubjectMap = term("SubjectMap");
    public static final Node PredicateMap = term("PredicateMap");
    public static final Node ObjectMap = term("ObjectMap");
    public static final Node GraphMap = term("GraphMap");
    public static final Node PredicateObjectMap = term("PredicateObjectMap");
    public static final Node RefObjectMap = term("RefObjectMap");
    public static final Node Join = term("Join");

    // Properties
    public static final Node logicalTable = term("logicalTable");
    public static final Node tableName = term("tableName");
    public static final Node sqlQuery = term("sqlQuery");
    public static final Node sqlVersion = term("sqlVersion");
    public static final Node subjectMap = term("subjectMap");
    public static final Node subject = term("subject");
    public static final Node predicateObjectMap = term("predicateObjectMap");
    public static final Node predicateMap = term("predicateMap");
    public static final Node predicate = term("predicate");
    public static final Node objectMap = term("objectMap");
    public static final Node object = term("object");
    public static final Node graphMap = term("graphMap");
    public static final Node graph = term("graph");
    public static final Node constant = term("constant");
    public static final Node column = term("column");
    public static final Node template = term("template");
    public static final Node termType = term("termType");
    public static final Node language = term("language");
    public static final Node datatype = term("datatype");
    public static final Node inverseExpression = term("inverseExpression");
    public static final Node clazz = term("class");
    public static final Node parentTriplesMap = term("parentTriplesMap");
    public static final Node joinCondition = term("joinCondition");
    public static final Node child = term("child");
    public static final Node parent = term("parent");

    // Individuals
    public static final Node IRI = term("IRI");
    public static final Node BlankNode = term("BlankNode");
    public static final Node Literal = term("Literal");
    public static final Node defaultGraph = term("defaultGraph");
    public static final Node SQL2008 = term("SQL2008");

    /** Every property the Recommendation defines; any other {@code rr:} property is a mistake. */
    public static final Set<Node> PROPERTIES = Set.of(logicalTable, tableName, sqlQuery, sqlVersion,
            subjectMap, subject, predicateObjectMap, predicateMap, predicate, objectMap, object,
            graphMap, graph, constant, column, template, termType, language, datatype,
            inverseExpression, clazz, parentTriplesMap, joinCondition, child, parent);

    /** Every class the Recommendation defines. */
    public static final Set<Node> CLASSES = Set.of(TriplesMap, LogicalTable, BaseTableOrView,
            R2RMLView, TermMap, SubjectMap, PredicateMap, ObjectMap, GraphMap, PredicateObjectMap,
            RefObjectMap, Join);

    /**
     * SQL version identifiers: {@code rr:SQL2008} and those of the R2RML SQL version registry
     * (http://www.w3.org/2001/sw/wiki/RDB2RDF/SQL_Version_IRIs).
     */
    public static final Set<Node> SQL_VERSIONS = Set.of(SQL2008, term("Oracle"), term("MySQL"),
            term("MSSQLServer"), term("HSQLDB"), term("PostgreSQL"), term("DB2"), term("Informix"),
            term("Ingres"), term("Progress"), term("SybaseASE"), term("SybaseSQLAnywhere"),
            term("Virtuoso"), term("Firebird"));

    /** A short form for messages: {@code rr:column} rather than the full IRI. */
    public static String shortName(Node n) {
        if (n.isURI() && n.getURI().startsWith(NS)) {
            return "rr:" + n.getURI().substring(NS.length());
        }
        return n.isURI() ? "<" + n.getURI() + ">" : n.toString();
    }
}
