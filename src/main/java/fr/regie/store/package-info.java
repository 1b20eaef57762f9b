/**
 * The TDB2 store: its lifecycle, the naming of its graphs (one per dataset, the territory, the
 * metadata), and writing a graph's content in one transaction. The same directory can be served
 * by a stock Fuseki with the assembler files in {@code fuseki-config/}.
 */
package fr.regie.store;
