/**
 * The server's self-description for harvesters and tools: {@code /catalog}, the DCAT-AP 3 catalog
 * of the datasets the caller may see (built from the registry and the refresh records, with VoID
 * statistics per dataset), and the SPARQL service description returned by {@code GET /sparql}
 * without a query.
 */
package fr.regie.server.catalog;
