/**
 * The TDB2 store: its lifecycle, the naming of its graphs (one per dataset, the territory, the
 * metadata), its term identity ({@link fr.regie.store.StoreTerms}: the terms it gives back, which
 * every difference and patch uses), writing a graph's content in one transaction, what the change log says of each subject at each
 * version (the members of the event stream), and the replication outbox ({@link fr.regie.store.Outbox}: each commit's
 * entry, in the file format the replication log carries, {@link fr.regie.store.OutboxEntry}). The same directory can be served
 * by a stock Fuseki with the assembler files in {@code fuseki-config/}.
 */
package fr.regie.store;
