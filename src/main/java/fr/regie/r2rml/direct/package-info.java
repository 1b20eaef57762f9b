/**
 * The W3C Direct Mapping of relational data to RDF, expressed as an R2RML mapping: the schema of
 * a database (tables, primary and foreign keys) becomes one triples map per table. The same
 * mapping is the starter a partner edits ({@code regie draft}) and, run by the R2RML engine, the
 * Direct Mapping itself.
 */
package fr.regie.r2rml.direct;
