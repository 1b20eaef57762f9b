package fr.regie.server.map;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The values of measures per commune, as the caller may see them: a measure that reads a
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

    /** A unit's figures: the ratio (or the measure), its numerator and denominator; null where unknown. */
    record Figures(Double value, Double numerator, Double denominator) {}

    Values(ServerContext context) {
        this.context = context;
    }

    /** Whether the caller may see every dataset the indicator reads. */
    boolean available(Caller caller, Indicator indicator) {
        return indicator.datasets().stream().allMatch(d -> context.access().canSee(caller, d));
    }

    /** The measure per commune (summed over its rows), or empty when the caller may not see what it reads. */
    Optional<Map<String, Double>> perCommune(Caller caller, Measure m) {
        if (!m.datasets().stream().allMatch(d -> context.access().canSee(caller, d))) {
            return Optional.empty();
        }
        String key = m.key() + "|" + context.access().visibleDatasets(caller).stream()
                .map(d -> d.id() + "@" + MetaRecords.version(context.store().dataset(), context.graphs(), d.id()) + "@"
                        + MetaRecords.modified(context.store().dataset(), context.graphs(), d.id()).map(Node::getLiteralLexicalForm).orElse(""))
                .collect(Collectors.joining(","));
        Map<String, Double> cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Map<String, Double> sums = new HashMap<>();
        try (QueryExec qe = context.query(caller, m.query(), Map.of())) {
            qe.select().forEachRemaining(b -> {
                Node c = b.get("commune");
                Node v = b.get("value");
                if (c != null && c.isURI() && v != null && v.isLiteral() && v.getLiteralDatatype() instanceof XSDDatatype
                        && v.getLiteralValue() instanceof Number n) {
                    sums.merge(c.getURI(), n.doubleValue(), Double::sum);
                }
            });
        }
        Map<String, Double> result = Map.copyOf(sums);
        cache.put(key, result);
        return Optional.of(result);
    }

    /**
     * The figures of a unit made of {@code communes}: sums of the numerator and denominator over
     * them (a commune without a row counts 0), and their ratio × factor (null for a zero
     * denominator); for a plain measure, the value is the sum.
     */
    static Figures figures(Indicator indicator, Optional<Map<String, Double>> num, Optional<Map<String, Double>> den, List<String> communes) {
        if (num.isEmpty() || (indicator.denominator().isPresent() && den.isEmpty())) {
            return new Figures(null, null, null);
        }
        double n = 0;
        for (String c : communes) {
            n += num.get().getOrDefault(c, 0.0);
        }
        if (indicator.denominator().isEmpty()) {
            return new Figures(n, n, null);
        }
        double d = 0;
        for (String c : communes) {
            d += den.get().getOrDefault(c, 0.0);
        }
        return new Figures(d == 0 ? null : n / d * indicator.factor(), n, d);
    }
}
