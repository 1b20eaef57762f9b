/**
 * Read replicas: what a primary's commits become on the log ({@link fr.regie.replication.Entry},
 * {@link fr.regie.replication.RegistryBundle}), the publisher that carries them there from the
 * store's outbox, and the follower that applies them to a replica's own store, one transaction
 * each, falling back to the primary's snapshot on a gap. Below the server, above the store and
 * the log engine ({@link fr.regie.stream}).
 */
package fr.regie.replication;
