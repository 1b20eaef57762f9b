/**
 * Runs W3C-style R2RML and Direct Mapping test suites (the layout of the RDB2RDF test cases:
 * one folder per database with {@code manifest.ttl}, {@code create.sql}, mappings and expected
 * outputs) against H2, PostgreSQL or MariaDB, and RML-Core test suites (a {@code rmltest:}
 * manifest, one folder per case with its files) over the files, and says case by case what
 * passed, what did not and why, and what is not applicable to Régie.
 */
package fr.regie.r2rml.conformance;
