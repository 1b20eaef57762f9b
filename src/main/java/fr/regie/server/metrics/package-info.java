/**
 * Metrics for Prometheus at {@code /$/metrics}: Fuseki's own, and Régie's (HTTP responses by route
 * family and status, refresh runs by dataset and outcome, each dataset's version and size, tap
 * requests), open on a server that listens on localhost only, admin key otherwise.
 */
package fr.regie.server.metrics;
