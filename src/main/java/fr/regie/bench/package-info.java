/**
 * Benchmarks of Régie ({@code regie bench}). The R2RML benchmark generates a million-row table
 * and a small table it references in H2 (a file database) and in PostgreSQL, maps them to
 * N-Quads with the engine, then writes the same lines with a plain JDBC scan as a baseline, and
 * reports throughput, elapsed time and heap for both, with the targets of BENCHMARKS.md. Tables
 * live in a dedicated schema that is dropped afterwards; nothing here is used by the engine.
 */
package fr.regie.bench;
