package fr.regie.server.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.regie.server.map.Declarations.Aggregation;
import fr.regie.server.map.Declarations.Grain;
import fr.regie.server.map.Declarations.Indicator;
import fr.regie.server.map.Declarations.Measure;

/**
 * The aggregation rules: which scales an indicator can be shown at, what its declaration may
 * combine, and a unit's figures from its measures' rows. Always from the base units (communes,
 * or IRIS for measures per IRIS), never from intermediate levels:
 * <ul>
 * <li>{@code regie:Sum}: Σ measure;</li>
 * <li>{@code regie:RatioOfSums}: Σ numerator / Σ denominator × factor (null for a zero denominator);</li>
 * <li>{@code regie:WeightedMean}: Σ value × weight / Σ weight over the base units that have both
 * (a base unit shows its own value);</li>
 * <li>{@code regie:NotAggregatable}: the value published for the unit, at its published scales only.</li>
 * </ul>
 * Rows of additive measures add up per key and an absent key counts 0; values of the other
 * measures are as published (a key given two different values has none).
 */
final class Rules {
    private Rules() {}

    /** A unit's figures; {@code aggregatable} is false where the rule gives no value at this scale. */
    record Figures(Double value, Double numerator, Double denominator, boolean aggregatable) {
        static final Figures UNAVAILABLE = new Figures(null, null, null, true);
        static final Figures NOT_AT_THIS_SCALE = new Figures(null, null, null, false);
    }

    /**
     * The rows of an indicator's measures as one caller sees them (empty: a dataset it may not
     * see), with each additive measure also per commune (IRIS rows rolled up to their commune),
     * and the IRIS of each commune.
     */
    record Inputs(Optional<Map<String, Double>> num, Optional<Map<String, Double>> den, Optional<Map<String, Double>> weight,
                  Map<String, Double> numByCommune, Map<String, Double> denByCommune, Map<String, Double> weightByCommune,
                  Map<String, List<String>> irisOf) {
        boolean visible(Indicator i) {
            return num.isPresent() && (i.denominator().isEmpty() || den.isPresent()) && (i.weight().isEmpty() || weight.isPresent());
        }

        /** Arranges the rows; {@code irisCommune} gives each IRIS's commune. */
        static Inputs of(Indicator i, Optional<Map<String, Double>> num, Optional<Map<String, Double>> den,
                         Optional<Map<String, Double>> weight, Map<String, String> irisCommune) {
            Map<String, List<String>> irisOf = new HashMap<>();
            if (i.aggregation() == Aggregation.WEIGHTED_MEAN && i.numerator().grain() == Grain.IRIS) {
                irisCommune.forEach((iris, c) -> irisOf.computeIfAbsent(c, k -> new ArrayList<>()).add(iris));
            }
            return new Inputs(num, den, weight, byCommune(i.numerator(), num, irisCommune),
                    i.denominator().map(m -> byCommune(m, den, irisCommune)).orElse(Map.of()),
                    i.weight().map(m -> byCommune(m, weight, irisCommune)).orElse(Map.of()), irisOf);
        }

        private static Map<String, Double> byCommune(Measure m, Optional<Map<String, Double>> rows, Map<String, String> irisCommune) {
            if (rows.isEmpty() || m.grain() != Grain.IRIS) {
                return rows.orElse(Map.of());
            }
            Map<String, Double> out = new HashMap<>();
            rows.get().forEach((iris, v) -> {
                String c = irisCommune.get(iris);
                if (c != null) {
                    out.merge(c, v, Double::sum);
                }
            });
            return out;
        }
    }

    /** Why these measures cannot make this rule, if they cannot. */
    static Optional<String> check(Aggregation agg, Measure num, Optional<Measure> den, Optional<Measure> weight, boolean factor) {
        if (agg != Aggregation.RATIO_OF_SUMS && den.isPresent()) {
            return Optional.of("has a regie:denominator, which only regie:RatioOfSums takes");
        }
        if (agg != Aggregation.WEIGHTED_MEAN && weight.isPresent()) {
            return Optional.of("has regie:weightedBy, which only regie:WeightedMean takes");
        }
        if (agg != Aggregation.RATIO_OF_SUMS && factor) {
            return Optional.of("has a regie:factor, which only regie:RatioOfSums takes");
        }
        if (agg == Aggregation.WEIGHTED_MEAN && weight.isEmpty()) {
            return Optional.of("is a regie:WeightedMean and needs regie:weightedBy, the measure that weights it");
        }
        if (agg.aggregatable()) {
            List<Measure> ms = new ArrayList<>(List.of(num));
            den.ifPresent(ms::add);
            weight.ifPresent(ms::add);
            for (Measure m : ms) {
                if (m.grain() == Grain.UNIT) {
                    return Optional.of("aggregates " + m.key() + ", whose query gives ?unit: values published per unit are only for regie:NotAggregatable");
                }
            }
        }
        if (agg == Aggregation.WEIGHTED_MEAN && num.grain() == Grain.IRIS && weight.get().grain() != Grain.IRIS) {
            return Optional.of("weights values per IRIS by " + weight.get().key() + ", which gives values per commune");
        }
        return Optional.empty();
    }

    /**
     * The scales these measures give values at: for a rule that aggregates, from its base up
     * (IRIS when every added measure, or a weighted mean's values, are per IRIS); for
     * regie:NotAggregatable, the scale of its rows ({@code ?unit}: any).
     */
    static List<Scale> computable(Aggregation agg, Measure num, Optional<Measure> den, Optional<Measure> weight) {
        boolean iris;
        if (agg == Aggregation.NOT_AGGREGATABLE) {
            return switch (num.grain()) {
                case COMMUNE -> List.of(Scale.COMMUNE);
                case IRIS -> List.of(Scale.IRIS);
                case UNIT -> List.of(Scale.values());
            };
        } else if (agg == Aggregation.WEIGHTED_MEAN) {
            iris = num.grain() == Grain.IRIS;
        } else {
            iris = num.grain() == Grain.IRIS && den.map(d -> d.grain() == Grain.IRIS).orElse(true);
        }
        return java.util.Arrays.stream(Scale.values()).filter(s -> iris || s.ofCommunes()).toList();
    }

    /** The figures of {@code unit} at {@code scale}, made of {@code communes} (for an IRIS: its commune). */
    static Figures figures(Indicator i, Inputs in, Scale scale, String unit, List<String> communes) {
        if (!i.scales().contains(scale)) {
            return Figures.NOT_AT_THIS_SCALE;
        }
        if (!in.visible(i)) {
            return Figures.UNAVAILABLE;
        }
        switch (i.aggregation()) {
            case NOT_AGGREGATABLE -> {
                return new Figures(in.num().get().get(unit), null, null, true);
            }
            case SUM -> {
                double n = total(in.num().get(), in.numByCommune(), scale, unit, communes);
                return new Figures(n, n, null, true);
            }
            case RATIO_OF_SUMS -> {
                double n = total(in.num().get(), in.numByCommune(), scale, unit, communes);
                double d = total(in.den().get(), in.denByCommune(), scale, unit, communes);
                return new Figures(d == 0 ? null : n / d * i.factor(), n, d, true);
            }
            default -> {
                return weightedMean(i, in, scale, unit, communes);
            }
        }
    }

    private static double total(Map<String, Double> rows, Map<String, Double> byCommune, Scale scale, String unit, List<String> communes) {
        if (scale == Scale.IRIS) {
            return rows.getOrDefault(unit, 0.0);
        }
        double s = 0;
        for (String c : communes) {
            s += byCommune.getOrDefault(c, 0.0);
        }
        return s;
    }

    private static Figures weightedMean(Indicator i, Inputs in, Scale scale, String unit, List<String> communes) {
        boolean perIris = i.numerator().grain() == Grain.IRIS;
        Map<String, Double> values = in.num().get();
        Map<String, Double> weights = perIris ? in.weight().get() : in.weightByCommune();
        if ((scale == Scale.IRIS) == perIris && (perIris || scale == Scale.COMMUNE)) {
            // A base unit: its own value, as published.
            Double v = values.get(unit);
            Double w = weights.get(unit);
            return new Figures(v, v != null && w != null ? v * w : null, v != null ? w : null, true);
        }
        List<String> base = new ArrayList<>();
        for (String c : communes) {
            if (perIris) {
                base.addAll(in.irisOf().getOrDefault(c, List.of()));
            } else {
                base.add(c);
            }
        }
        double sv = 0;
        double sw = 0;
        for (String b : base) {
            Double v = values.get(b);
            Double w = weights.get(b);
            if (v != null && w != null) {
                sv += v * w;
                sw += w;
            }
        }
        return new Figures(sw == 0 ? null : sv / sw, sv, sw, true);
    }
}
