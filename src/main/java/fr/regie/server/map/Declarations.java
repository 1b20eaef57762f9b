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

/**
 * What {@code /map} can show, read from {@code indicators.ttl} beside the registry: additive
 * {@link Measure}s (a SELECT {@code ?commune ?value} each), {@link Indicator}s (a measure, or a
 * ratio of two × a factor, aggregated by a rule) and {@link Layer}s of points. A file that says
 * something wrong stops the reading with the term and what is wrong; no file means no indicator.
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

    /** How a unit's value follows from its communes' (issue 12 will add rules that cannot be aggregated). */
    enum Aggregation {
        RATIO_OF_SUMS
    }

    /** Texts in French and English. */
    record Text(String fr, String en) {
        String in(String lang) {
            return "en".equals(lang) ? en : fr;
        }
    }

    /** An additive quantity per commune: the key of caches, its query, the datasets it reads. */
    record Measure(String key, Text label, Text unit, Query query, List<String> datasets) {}

    /** A measure, or numerator / denominator × factor, with labels and unit. */
    record Indicator(String id, Text label, Text unit, Measure numerator, Optional<Measure> denominator, double factor,
                     Aggregation aggregation) {
        List<String> datasets() {
            List<String> d = new ArrayList<>(numerator.datasets());
            denominator.ifPresent(m -> m.datasets().stream().filter(x -> !d.contains(x)).forEach(d::add));
            return d;
        }
    }

    /** Points: a SELECT {@code ?feature ?name ?wkt ?commune}. */
    record Layer(String id, Text label, Query query, List<String> datasets) {}

    /** The declarations of {@code file}, none when it does not exist. Queries resolve relative IRIs against {@code base}. */
    static Declarations read(Path file, String base) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(file).base(file.toAbsolutePath().toUri().toString()).parse(m);
        Map<Resource, Measure> measures = new LinkedHashMap<>();
        for (Resource r : m.listSubjectsWithProperty(RDF.type, m.createResource(REGIE + "Measure")).toList()) {
            measures.put(r, new Measure(r.toString(), text(file, r, RDFS.label), text(file, r, p(m, "unit")),
                    query(file, r, base, List.of("commune", "value")), datasets(r)));
        }
        Map<String, Indicator> indicators = new LinkedHashMap<>();
        for (Resource r : sortedByFile(file, m.listSubjectsWithProperty(RDF.type, m.createResource(REGIE + "Indicator")).toList())) {
            String id = id(file, r);
            Measure num = measure(file, r, p(m, "numerator"), measures).orElseThrow(() -> error(file, r, "has no regie:numerator"));
            Optional<Measure> den = measure(file, r, p(m, "denominator"), measures);
            double factor = Optional.ofNullable(r.getProperty(p(m, "factor"))).map(s -> s.getDouble()).orElse(1.0);
            if (!Double.isFinite(factor) || factor == 0) {
                throw error(file, r, "has a regie:factor that is not a non-zero number");
            }
            Aggregation agg = Aggregation.RATIO_OF_SUMS;
            Statement a = r.getProperty(p(m, "aggregation"));
            if (a != null && !a.getObject().equals(m.createResource(REGIE + "RatioOfSums"))) {
                throw error(file, r, "has regie:aggregation " + a.getObject() + ", and Régie knows only regie:RatioOfSums");
            }
            if (indicators.put(id, new Indicator(id, text(file, r, RDFS.label), text(file, r, p(m, "unit")), num, den, factor, agg)) != null) {
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

    private static DeclarationException error(Path file, Resource r, String what) {
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
