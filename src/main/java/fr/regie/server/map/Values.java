package fr.regie.server.map;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.exec.QueryExec;

import fr.regie.pipeline.MetaRecords;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;
import fr.regie.server.map.Declarations.Indicator;
import fr.regie.server.map.Declarations.Measure;

/**
 * The values of measures per commune, IRIS or unit, as the caller may see them: a measure that reads a
 * dataset the caller may not see has no values at all ({@link Optional#empty()}), never zeros.
 * Results are cached (bounded) by measure, the datasets the caller sees and their live versions,
 * so two callers who see the same data share them and a refresh starts afresh. Call inside a read
 * transaction of the store.
 */
final class Values {
    private static final int CACHED = 64;
    private final ServerContext context;
    private final Map<String, Map<String, Double>> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Double>> eldest) {
            return size() > CACHED;
        }
    });

    Values(ServerContext context) {
        this.context = context;
    }

    /** Whether the caller may see every dataset the indicator reads. */
    boolean available(Caller caller, Indicator indicator) {
        return indicator.datasets().stream().allMatch(d -> context.access().canSee(caller, d));
    }

    /** The measure per commune (summed over its rows), or empty when the caller may not see what it reads. */
    Optional<Map<String, Double>> perCommune(Caller caller, Measure m) {
        return rows(caller, m, true);
    }

    /**
     * The measure's rows keyed by their commune, IRIS or unit: summed when {@code additive}, else
     * each key's value as published (a key given two different values has none); empty when the
     * caller may not see what it reads.
     */
    Optional<Map<String, Double>> rows(Caller caller, Measure m, boolean additive) {
        if (!m.datasets().stream().allMatch(d -> context.access().canSee(caller, d))) {
            return Optional.empty();
        }
        String key = m.key() + "|" + additive + "|" + context.access().visibleDatasets(caller).stream()
                .map(d -> d.id() + "@" + MetaRecords.version(context.store().dataset(), context.graphs(), d.id()) + "@"
                        + MetaRecords.modified(context.store().dataset(), context.graphs(), d.id()).map(Node::getLiteralLexicalForm).orElse(""))
                .collect(Collectors.joining(","));
        Map<String, Double> cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Map<String, Double> sums = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        String var = m.grain().var();
        try (QueryExec qe = context.query(caller, m.query(), Map.of())) {
            qe.select().forEachRemaining(b -> {
                Node c = b.get(var);
                Node v = b.get("value");
                if (c != null && c.isURI() && v != null && v.isLiteral() && v.getLiteralDatatype() instanceof XSDDatatype
                        && v.getLiteralValue() instanceof Number n) {
                    if (additive) {
                        sums.merge(c.getURI(), n.doubleValue(), Double::sum);
                    } else {
                        Double before = sums.putIfAbsent(c.getURI(), n.doubleValue());
                        if (before != null && before != n.doubleValue()) {
                            ambiguous.add(c.getURI());
                        }
                    }
                }
            });
        }
        ambiguous.forEach(sums::remove);
        Map<String, Double> result = Map.copyOf(sums);
        cache.put(key, result);
        return Optional.of(result);
    }

    /** An indicator's inputs for one caller ({@link Rules.Inputs}); {@code irisCommune} gives each IRIS's commune. */
    Rules.Inputs inputs(Caller caller, Indicator i, Map<String, String> irisCommune) {
        Map<Measure, Boolean> ms = i.measures();
        return Rules.Inputs.of(i, rows(caller, i.numerator(), ms.get(i.numerator())),
                i.denominator().flatMap(d -> rows(caller, d, true)), i.weight().flatMap(w -> rows(caller, w, true)), irisCommune);
    }
}
