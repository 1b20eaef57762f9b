package fr.regie.server.map;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import fr.regie.error.RegieException;
import fr.regie.registry.Vocabularies;

/**
 * What {@code /map} can show, read from {@code indicators.ttl} beside the registry:
 * {@link Measure}s (a SELECT {@code ?commune}, {@code ?iris} or {@code ?unit} and {@code ?value}
 * each), {@link Indicator}s (a measure, a ratio of two × a factor, or a weighted mean, by a rule,
 * published at some scales) and {@link Layer}s of points. A file that says something wrong stops
 * the reading with the file, the term and what is wrong; no file means no indicator.
 */
record Declarations(Map<String, Indicator> indicators, Map<String, Layer> layers) {
    static final String REGIE = "https://w3id.org/regie#";
    static final String PREFIXES = """
            PREFIX igeo: <http://rdf.insee.fr/def/geo#>
            PREFIX regie: <https://w3id.org/regie#>
            PREFIX schema: <https://schema.org/>
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;
    static final Declarations NONE = new Declarations(Map.of(), Map.of());
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** How a unit's value follows from its parts' (regie:aggregation on an indicator). */
    enum Aggregation {
        /** A measure alone, summed. */
        SUM("Sum"),
        /** Σ numerator / Σ denominator × factor. */
        RATIO_OF_SUMS("RatioOfSums"),
        /** Σ value × weight / Σ weight, the weight a measure (regie:weightedBy). */
        WEIGHTED_MEAN("WeightedMean"),
        /** Only at the scales it is published at (regie:publishedAt). */
        NOT_AGGREGATABLE("NotAggregatable");

        final String iri;

        Aggregation(String local) {
            this.iri = REGIE + local;
        }

        /** Its name in JSON: {@code sum}, {@code ratio-of-sums}, … */
        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean aggregatable() {
            return this != NOT_AGGREGATABLE;
        }
    }

    /** What a measure's rows are keyed by: {@code ?commune}, {@code ?iris} or {@code ?unit}. */
    enum Grain {
        COMMUNE, IRIS, UNIT;

        String var() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Texts in French and English. */
    record Text(String fr, String en) {
        String in(String lang) {
            return "en".equals(lang) ? en : fr;
        }
    }

    /**
     * A quantity per commune, per IRIS or per unit: the key of caches, its query and what its rows
     * are keyed by, the datasets it reads, and the ontology property it says it reads, if any.
     */
    record Measure(String key, Text label, Text unit, Query query, Grain grain, List<String> datasets, Optional<String> property) {}

    /**
     * An indicator: its measure (regie:numerator), and by its rule a denominator and factor
     * (regie:RatioOfSums) or a weight (regie:WeightedMean); the scales it is published at.
     */
    record Indicator(String id, Text label, Text unit, Measure numerator, Optional<Measure> denominator, double factor,
                     Aggregation aggregation, Optional<Measure> weight, List<Scale> publishedAt) {
        List<String> datasets() {
            List<String> d = new ArrayList<>(numerator.datasets());
            for (Optional<Measure> o : List.of(denominator, weight)) {
                o.ifPresent(m -> m.datasets().stream().filter(x -> !d.contains(x)).forEach(d::add));
            }
            return d;
        }

        /** The measures it reads, each with whether its rows add up (summed) or are values as published. */
        Map<Measure, Boolean> measures() {
            Map<Measure, Boolean> m = new LinkedHashMap<>();
            m.put(numerator, aggregation == Aggregation.SUM || aggregation == Aggregation.RATIO_OF_SUMS);
            denominator.ifPresent(d -> m.put(d, true));
            weight.ifPresent(w -> m.put(w, true));
            return m;
        }

        /** The scales a value can be shown at: its published scales, and for a rule that aggregates, every coarser one. */
        List<Scale> scales() {
            return aggregation.aggregatable() ? Rules.computable(aggregation, numerator, denominator, weight) : publishedAt;
        }
    }

    /** Points: a SELECT {@code ?feature ?name ?wkt ?commune}. */
    record Layer(String id, Text label, Query query, List<String> datasets) {}

    /** The declarations of {@code file}, checked against Régie's ontology alone. */
    static Declarations read(Path file, String base) {
        return read(file, base, Vocabularies.regie());
    }

    /**
     * The declarations of {@code file}, none when it does not exist. Queries resolve relative IRIs
     * against {@code base}; a measure's {@code regie:measures} is checked against the aggregation
     * the {@code vocabularies} declare for that property.
     */
    static Declarations read(Path file, String base, Vocabularies vocabularies) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(file).base(file.toAbsolutePath().toUri().toString()).parse(m);
        Map<Resource, Measure> measures = new LinkedHashMap<>();
        for (Resource r : m.listSubjectsWithProperty(RDF.type, m.createResource(REGIE + "Measure")).toList()) {
            Query q = query(file, r, base, List.of("value"));
            List<Grain> grains = java.util.Arrays.stream(Grain.values()).filter(g -> q.getResultVars().contains(g.var())).toList();
            if (grains.size() != 1) {
                throw error(file, r, "needs a SELECT query giving ?value and one of ?commune, ?iris or ?unit");
            }
            measures.put(r, new Measure(r.toString(), text(file, r, RDFS.label), text(file, r, p(m, "unit")), q, grains.get(0),
                    datasets(r), OntologyCheck.property(file, r, vocabularies)));
        }
        Map<String, Indicator> indicators = new LinkedHashMap<>();
        for (Resource r : sortedByFile(file, m.listSubjectsWithProperty(RDF.type, m.createResource(REGIE + "Indicator")).toList())) {
            String id = id(file, r);
            Measure num = measure(file, r, p(m, "numerator"), measures).orElseThrow(() -> error(file, r, "has no regie:numerator"));
            Optional<Measure> den = measure(file, r, p(m, "denominator"), measures);
            Optional<Measure> weight = measure(file, r, p(m, "weightedBy"), measures);
            Statement f = r.getProperty(p(m, "factor"));
            double factor = Optional.ofNullable(f).map(s -> s.getDouble()).orElse(1.0);
            if (!Double.isFinite(factor) || factor == 0) {
                throw error(file, r, "has a regie:factor that is not a non-zero number");
            }
            Aggregation agg = aggregation(file, r, den.isPresent());
            Rules.check(agg, num, den, weight, f != null && factor != 1.0).ifPresent(why -> {
                throw error(file, r, why);
            });
            OntologyCheck.contradiction(agg, num, den, weight, vocabularies).ifPresent(why -> {
                throw error(file, r, why);
            });
            List<Scale> computable = Rules.computable(agg, num, den, weight);
            List<Scale> published = publishedAt(file, r);
            if (agg.aggregatable()) {
                for (Scale s : published) {
                    if (!computable.contains(s)) {
                        throw error(file, r, "is published (regie:publishedAt) at " + s.id() + ", where its measures give no value; it can be at "
                                + computable.stream().map(Scale::id).toList());
                    }
                }
                if (published.isEmpty()) {
                    published = computable;
                }
            } else if (published.isEmpty() || !published.stream().allMatch(computable::contains)) {
                throw error(file, r, "is regie:NotAggregatable and needs regie:publishedAt, the scales its measure gives values for: "
                        + computable.stream().map(s -> "regie:" + s.iri.substring(REGIE.length())).toList());
            }
            Indicator i = new Indicator(id, text(file, r, RDFS.label), text(file, r, p(m, "unit")), num, den, factor, agg, weight,
                    List.copyOf(published));
            if (indicators.put(id, i) != null) {
                throw error(file, r, "repeats the identifier " + id);
            }
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Resource r : sortedByFile(file, m.listSubjectsWithProperty(RDF.type, m.createResource(REGIE + "PointLayer")).toList())) {
            String id = id(file, r);
            layers.put(id, new Layer(id, text(file, r, RDFS.label), query(file, r, base, List.of("feature", "name", "wkt", "commune")), datasets(r)));
        }
        return new Declarations(Collections.unmodifiableMap(indicators), Collections.unmodifiableMap(layers));
    }

    /** The indicator's rule: regie:aggregation, by default regie:Sum for a measure alone and regie:RatioOfSums for a ratio. */
    private static Aggregation aggregation(Path file, Resource r, boolean ratio) {
        Statement a = r.getProperty(r.getModel().createProperty(REGIE + "aggregation"));
        if (a == null) {
            return ratio ? Aggregation.RATIO_OF_SUMS : Aggregation.SUM;
        }
        for (Aggregation g : Aggregation.values()) {
            if (a.getObject().isURIResource() && a.getResource().getURI().equals(g.iri)) {
                // A measure alone declared as a ratio of sums (as files before the rules said) is its sum.
                return g == Aggregation.RATIO_OF_SUMS && !ratio ? Aggregation.SUM : g;
            }
        }
        throw error(file, r, "has regie:aggregation " + a.getObject()
                + "; Régie knows regie:Sum, regie:RatioOfSums, regie:WeightedMean and regie:NotAggregatable");
    }

    /** Its regie:publishedAt scales, in the order of {@link Scale}. */
    private static List<Scale> publishedAt(Path file, Resource r) {
        List<Scale> out = new ArrayList<>();
        for (Statement s : r.listProperties(r.getModel().createProperty(REGIE + "publishedAt")).toList()) {
            Scale scale = s.getObject().isURIResource() ? Scale.ofIri(s.getResource().getURI()).orElse(null) : null;
            if (scale == null) {
                throw error(file, r, "has regie:publishedAt " + s.getObject() + ", which is no scale; Régie knows "
                        + java.util.Arrays.stream(Scale.values()).map(x -> "regie:" + x.iri.substring(REGIE.length())).toList());
            }
            out.add(scale);
        }
        return java.util.Arrays.stream(Scale.values()).filter(out::contains).toList();
    }

    static String shortName(String iri) {
        return iri.startsWith(REGIE) ? "regie:" + iri.substring(REGIE.length()) : "<" + iri + ">";
    }

    /** In the order of the file (subjects of the same file: by their fragment's position in it). */
    private static List<Resource> sortedByFile(Path file, List<Resource> rs) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return rs;
        }
        List<Resource> out = new ArrayList<>(rs);
        out.sort(java.util.Comparator.comparingInt(r -> {
            String frag = r.isURIResource() && r.getURI().contains("#") ? "<#" + r.getURI().substring(r.getURI().indexOf('#') + 1) + ">" : "";
            int i = frag.isEmpty() ? -1 : text.indexOf(frag);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return out;
    }

    private static Property p(Model m, String local) {
        return m.createProperty(REGIE + local);
    }

    private static String id(Path file, Resource r) {
        Statement s = r.getProperty(DCTerms.identifier);
        if (s == null || !s.getObject().isLiteral() || !ID.matcher(s.getString()).matches()) {
            throw error(file, r, "needs a dct:identifier of lower-case letters, digits and dashes");
        }
        return s.getString();
    }

    private static Text text(Path file, Resource r, Property p) {
        String fr = null;
        String en = null;
        for (Statement s : r.listProperties(p).toList()) {
            if (s.getObject().isLiteral()) {
                String lang = s.getLanguage().toLowerCase(Locale.ROOT);
                if (lang.equals("fr")) {
                    fr = s.getString();
                } else if (lang.equals("en")) {
                    en = s.getString();
                }
            }
        }
        if (fr == null || en == null) {
            throw error(file, r, "needs " + p.getLocalName() + " in French and English (@fr, @en)");
        }
        return new Text(fr, en);
    }

    private static List<String> datasets(Resource r) {
        return r.listProperties(r.getModel().createProperty(REGIE + "requiresDataset")).toList().stream()
                .map(Statement::getString).distinct().sorted().toList();
    }

    private static Optional<Measure> measure(Path file, Resource r, Property p, Map<Resource, Measure> measures) {
        Statement s = r.getProperty(p);
        if (s == null) {
            return Optional.empty();
        }
        Measure m = s.getObject().isResource() ? measures.get(s.getResource()) : null;
        if (m == null) {
            throw error(file, r, "names as " + p.getLocalName() + " " + s.getObject() + ", which is no regie:Measure of the file");
        }
        return Optional.of(m);
    }

    /** The query of a measure or layer ({@code regie:query} or {@code regie:queryFile}), a SELECT with exactly {@code vars}. */
    private static Query query(Path file, Resource r, String base, List<String> vars) {
        Statement text = r.getProperty(r.getModel().createProperty(REGIE + "query"));
        Statement ref = r.getProperty(r.getModel().createProperty(REGIE + "queryFile"));
        String q;
        if (text != null) {
            q = text.getString();
        } else if (ref != null && ref.getObject().isURIResource()) {
            try {
                q = Files.readString(Path.of(URI.create(ref.getResource().getURI())));
            } catch (IOException | IllegalArgumentException e) {
                throw error(file, r, "has a regie:queryFile that cannot be read: " + e.getMessage());
            }
        } else {
            throw error(file, r, "needs regie:query (a SELECT) or regie:queryFile");
        }
        Query query;
        try {
            query = QueryFactory.create(PREFIXES + q, base);
        } catch (RuntimeException e) {
            throw error(file, r, "has a query that does not parse: " + e.getMessage());
        }
        if (!query.isSelectType() || !query.getResultVars().containsAll(vars)) {
            throw error(file, r, "needs a SELECT query giving ?" + String.join(" ?", vars));
        }
        return query;
    }

    static DeclarationException error(Path file, Resource r, String what) {
        return new DeclarationException(file + ": " + r + " " + what);
    }

    /** A declaration Régie cannot use, with the file and the term. */
    static final class DeclarationException extends RegieException {
        private static final long serialVersionUID = 1L;

        DeclarationException(String message) {
            super(message, null);
        }
    }
}
