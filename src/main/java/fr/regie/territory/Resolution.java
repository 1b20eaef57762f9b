package fr.regie.territory;

import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * Where a declared commune code (or a point) lands today: the commune in force, and the former
 * commune or arrondissement municipal it designates, if any. {@code how} says which path was
 * taken, for the quality report ("COM", "COMD of 93066", "history 75059 → 93059 → …").
 */
public record Resolution(Node commune, Optional<Node> delegated, Optional<Node> arrondissement, String how) {}
