/**
 * Fixtures for the demonstration territory that stand in for partners' live services: a local
 * HTTP server serving the Vélib' availability snapshot as a GBFS-like feed that changes between
 * calls ({@link fr.regie.demo.VelibFeed}). Nothing here reads or writes a store; only the CLI
 * starts them.
 */
package fr.regie.demo;
