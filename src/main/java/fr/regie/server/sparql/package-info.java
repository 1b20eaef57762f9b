/**
 * The SPARQL endpoint: Fuseki's query operation, run over the graphs the caller may see, within
 * the query bounds ({@code server.bounds}) and the server's time and size limits, with SERVICE
 * off unless configured; answers cut at the result limit and the cut announced; the Graph Store
 * Protocol up to the same limit; the watch that cancels the query of a client that has gone.
 */
package fr.regie.server.sparql;
