package fr.regie.r2rml;

import org.apache.jena.graph.Node;

/**
 * Sees every row of every pass before its triples are written, and decides whether they are.
 * With a gate the engine also computes a hash of the row (all its columns' lexical forms), so that
 * a caller can tell unchanged rows from changed ones between two runs. Passes are named as in
 * {@link RunStats#rowsByPass()}; a name is stable while the mapping does not change.
 */
@FunctionalInterface
public interface RowGate {

    /**
     * @param pass    the pass (triples map, or triples map and join) the row belongs to
     * @param rowHash a 64-bit hash of the row's values
     * @param subject the row's subject, or null when the subject map gave none (the row makes no triples)
     * @return whether to write the row's triples
     */
    boolean admit(String pass, long rowHash, Node subject);
}
