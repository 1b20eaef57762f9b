/**
 * The one server process: an embedded Fuseki over the TDB2 store with Régie's endpoints added
 * through Fuseki's extension points. Read-only from the public side.
 */
package fr.regie.server;
