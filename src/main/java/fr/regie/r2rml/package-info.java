/**
 * The mapping languages: R2RML (W3C Recommendation, 27 September 2012) over SQL and RML-Core
 * ({@code http://w3id.org/rml/}, and the legacy RML namespace) over CSV and JSON files and
 * feeds. An immutable model of mapping documents ({@code TriplesMap} for R2RML, {@code Rml*} for
 * RML), a reader that checks a Turtle mapping and says where it is wrong, and two engines
 * ({@link fr.regie.r2rml.R2rml} over a JDBC source, {@link fr.regie.r2rml.Rml} over
 * {@link fr.regie.r2rml.LogicalSources}) that stream into a Jena
 * {@link org.apache.jena.riot.system.StreamRDF}. It knows nothing of stores or servers.
 */
package fr.regie.r2rml;
