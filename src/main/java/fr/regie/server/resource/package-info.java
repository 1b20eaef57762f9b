/**
 * Dereferenceable resources: every IRI Régie mints under {@code {base}id/} answers GET and HEAD
 * with its concise bounded description, from the graphs the caller may see, in JSON-LD (compacted
 * with Régie's context), Turtle, N-Triples, RDF/XML or HTML, chosen by content negotiation or a
 * file suffix; plus the JSON-LD context ({@code /context.jsonld}) and the ontology
 * ({@code /ontology}).
 */
package fr.regie.server.resource;
