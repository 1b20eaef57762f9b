/**
 * The durable log that carries a primary's accepted versions to its read replicas: a small
 * engine-neutral interface ({@link fr.regie.stream.LogEngine}: publish with an id the log
 * deduplicates, read in order from a position, the last message of a subject) and its NATS
 * JetStream implementation. It knows nothing of RDF, stores or registries: messages are subjects,
 * headers and bytes. Kafka would be a second implementation (README, "Running several nodes").
 */
package fr.regie.stream;
