/**
 * Runs W3C-style R2RML and Direct Mapping test suites (the layout of the RDB2RDF test cases:
 * one folder per database with {@code manifest.ttl}, {@code create.sql}, mappings and expected
 * outputs) against H2, PostgreSQL or MariaDB, and says case by case what passed and why not.
 */
package fr.regie.r2rml.conformance;
