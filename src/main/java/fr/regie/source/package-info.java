/**
 * Partner source files loaded into a relational database: CSV files (with their quirks: byte
 * order marks, separators, empty cells) streamed into tables whose schema the partner's SQL
 * script defines, on H2, PostgreSQL or MariaDB alike. The R2RML engine then reads those tables
 * like any partner database.
 */
package fr.regie.source;
