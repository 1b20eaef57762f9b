/**
 * Reading partners' files and feeds. For RML mappings: CSV and TSV ({@link fr.regie.source.CsvRecords},
 * dialect declared or sniffed), XLSX sheets ({@link fr.regie.source.XlsxRecords}), found by
 * {@link fr.regie.source.FileSources} among the registry's files, the last copies of its web feeds
 * ({@link fr.regie.source.HttpFetcher}, conditional and bounded) or beside the mapping. For the
 * R2RML path: CSV, XLSX and GeoJSON files streamed into the tables a partner's {@code schema.sql}
 * defines, on H2, PostgreSQL or MariaDB alike. The parsing rules and their errors are in
 * {@code docs/sources.md}.
 */
package fr.regie.source;
