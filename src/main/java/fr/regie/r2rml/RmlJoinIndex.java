package fr.regie.r2rml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;

/**
 * The parent side of a join (RML-Core §8), read once: the parent's subjects by the values of its
 * join expressions. It is the only part of a run held in memory, so it is bounded: a parent with
 * more than {@code maxRecords} records is refused with an error that names it and the limit.
 */
final class RmlJoinIndex {
    private final Map<String, Set<Node>> subjects = new HashMap<>();

    private RmlJoinIndex() {}

    /** Reads the parent source and indexes its subjects by the join keys. */
    static RmlJoinIndex build(RmlTriplesMap parent, List<RmlExpression> keys, LogicalSources sources,
                              RmlTerms.Context cx, long maxRecords) {
        RmlJoinIndex index = new RmlJoinIndex();
        try (Records rec = sources.open(parent.logicalSource())) {
            long n = 0;
            while (rec.next()) {
                n++;
                if (n > maxRecords) {
                    throw new SourceException(parent.position() + ": triples map " + parent.name(),
                            "joining on it needs its records in memory, and it has more than " + maxRecords
                                    + " (the join limit; raise it with Rml.Builder.joinLimit, or join in SQL with R2RML)");
                }
                List<Node> subs = RmlTerms.terms(parent.subjectMap().term(), rec, cx, n);
                if (subs.isEmpty()) {
                    continue;
                }
                for (String key : keys(keys, rec, cx, parent.position(), n)) {
                    index.subjects.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(subs);
                }
            }
        } catch (IOException e) {
            throw new SourceException(parent.position() + ": triples map " + parent.name(), e.getMessage());
        }
        return index;
    }

    /** The parents whose keys meet one of the child's keys. */
    Set<Node> lookup(List<String> childKeys) {
        if (childKeys.size() == 1) {
            return subjects.getOrDefault(childKeys.get(0), Set.of());
        }
        Set<Node> out = new LinkedHashSet<>();
        childKeys.forEach(k -> out.addAll(subjects.getOrDefault(k, Set.of())));
        return out;
    }

    /**
     * The keys of the current record: one per combination of the expressions' values (a
     * multi-valued reference joins on any of its values); none when one expression gives nothing.
     */
    static List<String> keys(List<RmlExpression> exprs, Records rec, RmlTerms.Context cx, Position at, long record) {
        List<StringBuilder> acc = new ArrayList<>();
        acc.add(new StringBuilder());
        for (RmlExpression e : exprs) {
            List<Records.Value> vs = RmlTerms.strings(e, rec, RmlTermType.LITERAL, cx, at, record);
            if (vs.isEmpty()) {
                return List.of();
            }
            List<StringBuilder> next = new ArrayList<>(acc.size() * vs.size());
            for (StringBuilder b : acc) {
                for (Records.Value v : vs) {
                    // Length-prefixed, so that no value can run into the next one.
                    next.add(new StringBuilder(b).append(v.lexical().length()).append(':').append(v.lexical()));
                }
            }
            acc = next;
            if (acc.size() > RmlTerms.MAX_PRODUCT) {
                throw new DataException(at, cx.triplesMap(), record, rec.where() + ": the join condition gives more than "
                        + RmlTerms.MAX_PRODUCT + " keys on one record");
            }
        }
        return acc.stream().map(StringBuilder::toString).toList();
    }
}
