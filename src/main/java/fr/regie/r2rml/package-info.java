/**
 * The R2RML mapping language (W3C Recommendation, 27 September 2012): an immutable model of
 * mapping documents, a reader that checks a Turtle mapping against the specification and says
 * where it is wrong, and an engine that streams the rows of a JDBC source through a mapping into
 * a Jena {@link org.apache.jena.riot.system.StreamRDF}. It knows nothing of stores or servers.
 */
package fr.regie.r2rml;
