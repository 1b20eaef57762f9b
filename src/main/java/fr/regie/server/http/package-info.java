/**
 * HTTP helpers shared by every endpoint (problem details, content negotiation); depends on no
 * other Régie package.
 */
package fr.regie.server.http;
