/**
 * What bounds every query Régie runs, whoever asks (the SPARQL endpoint, a tap, {@code regie
 * query}): regular expressions that stop with their query, values that cannot grow past a size,
 * a limit on how deeply a query may nest, and the execution context that carries them with the
 * query's cancel signal.
 */
package fr.regie.server.bounds;
