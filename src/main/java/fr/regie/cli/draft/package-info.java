/**
 * {@code regie draft FILE}: a starter RML mapping and a partner vocabulary drafted from a CSV, TSV,
 * XLSX or JSON file — references as the file spells them, ontology terms proposed by column
 * name and label (commune code, point, a property whose label matches), draft terms otherwise.
 */
package fr.regie.cli.draft;
