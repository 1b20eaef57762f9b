/**
 * REST taps: named SPARQL queries ({@code taps/*.rq} beside the registry) served as
 * {@code /api/{name}?param=…}, with parameters declared in the query's header comment, validated,
 * and bound as RDF terms; results as JSON(-LD), CSV or Turtle by {@code Accept}, paginated with
 * {@code Link} headers; {@code /api} lists the taps and {@code /api/openapi.json} describes them.
 */
package fr.regie.server.tap;
