package fr.regie.server.ops;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The terms of the event stream: LDES, TREE, and the properties of its version objects. */
final class LdesTerms {
    static final String LDES = "https://w3id.org/ldes#";
    static final String TREE = "https://w3id.org/tree#";

    static final Node EventStream = u(LDES + "EventStream");
    static final Node timestampPath = u(LDES + "timestampPath");
    static final Node versionOfPath = u(LDES + "versionOfPath");
    static final Node versionDeletePath = u(LDES + "versionDeletePath");
    static final Node versionDeleteObject = u(LDES + "versionDeleteObject");
    static final Node immutable = u(LDES + "immutable");

    static final Node Node = u(TREE + "Node");
    static final Node view = u(TREE + "view");
    static final Node member = u(TREE + "member");
    static final Node relation = u(TREE + "relation");
    static final Node node = u(TREE + "node");
    static final Node path = u(TREE + "path");
    static final Node value = u(TREE + "value");
    static final Node GreaterThanOrEqualToRelation = u(TREE + "GreaterThanOrEqualToRelation");

    /** The version object's link to what it is a version of. */
    static final Node isVersionOf = u("http://purl.org/dc/terms/isVersionOf");
    /** The version object's time: when the version was made (the stream's order). */
    static final Node generatedAtTime = u("http://www.w3.org/ns/prov#generatedAtTime");
    /** The type of a version object that says its subject was removed. */
    static final Node Delete = u("https://www.w3.org/ns/activitystreams#Delete");
    static final Node title = u("http://purl.org/dc/terms/title");

    private LdesTerms() {}

    private static Node u(String iri) {
        return NodeFactory.createURI(iri);
    }
}
