package fr.regie.r2rml;

/** A join condition of a referencing object map (R2RML §8): child column = parent column. */
public record JoinCondition(SqlIdentifier child, SqlIdentifier parent, Position position) {}
