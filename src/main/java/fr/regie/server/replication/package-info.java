/**
 * A node's part in replication as the server shows it: the primary's snapshot of a dataset for its
 * replicas ({@code /admin/replication/DATASET/snapshot}), readiness ({@code /$/ready}), the
 * {@code replication} block of {@code /status}, the replicas' lag gauges, and, on a read replica,
 * the 421 its write endpoints answer.
 */
package fr.regie.server.replication;
