package fr.regie.pipeline;

import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * What a mirror's live graph is a copy of: the upstream dataset (its URL), the upstream version,
 * and the {@code id} header of the last upstream patch applied (empty after a dump).
 */
record UpstreamVersion(Node dataset, long version, Optional<Node> patch) {}
