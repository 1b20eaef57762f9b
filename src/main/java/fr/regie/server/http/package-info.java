/**
 * HTTP matters shared by every endpoint: problem details (Régie's, Jetty's and Fuseki's errors
 * alike), content negotiation, CORS, the host names links may be built from, and the size of
 * response buffers; depends on no other Régie package.
 */
package fr.regie.server.http;
