package fr.regie.server;

import java.time.Duration;
import java.util.function.Supplier;

import fr.regie.replication.Follower;

/**
 * What a server that is a read replica knows of its role: its follower's state, the primary
 * (where writes go), and the lags within which it says it is ready ({@code --ready-lag-versions},
 * {@code --ready-lag-seconds}).
 */
public record ReplicaRole(Supplier<Follower.Status> status, String primary, long readyLagVersions, Duration readyLagSeconds) {}
