/**
 * The SPARQL endpoint: Fuseki's query operation, run over the graphs the caller may see, within
 * the server's time and size limits, with SERVICE off unless configured.
 */
package fr.regie.server.sparql;
