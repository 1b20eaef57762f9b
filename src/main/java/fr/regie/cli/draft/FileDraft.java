package fr.regie.cli.draft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;

import fr.regie.registry.Vocabularies;
import fr.regie.registry.VocabularyTerm;
import fr.regie.territory.ReusedNamespaces;
import fr.regie.territory.Vocab;

/**
 * Drafts an RML mapping and a partner vocabulary from a {@link FileSample}. Each column gets a
 * term: the commune link for a column named like an INSEE code holding 5-character codes; a
 * point geometry for latitude and longitude columns; a property of Régie's ontology whose French
 * or English label is the column's name (accents, case and separators ignored); else a draft
 * term in the partner's namespace, declared in the vocabulary draft with its sniffed range.
 */
public final class FileDraft {
    static final Set<String> COMMUNE_NAMES = Set.of("codeinsee", "insee", "codgeo", "com", "inseecom", "codecommune", "codeinseecommune",
            "depcom", "codecom");
    static final Set<String> LAT = Set.of("lat", "latitude", "y");
    static final Set<String> LON = Set.of("lon", "lng", "long", "longitude", "x");

    /** What a column became. */
    public record Column(String name, String term, String datatype, String why) {}

    /** The two drafted files' text, and what each column became. */
    public record Result(String mapping, String vocabulary, List<Column> columns) {}

    private FileDraft() {}

    /**
     * Reads the first {@code sample} records of {@code file} and drafts from them against Régie's
     * ontology and {@code vocabularies}; {@code source} is how the mapping names the file.
     */
    public static Result of(java.nio.file.Path file, Optional<String> iterator, String partner, String source, int sample,
                            Vocabularies vocabularies) throws java.io.IOException {
        return draft(FileSample.read(file, iterator, sample), source, partner, vocabularies);
    }

    /**
     * Drafts from a sample; {@code source} is how the mapping names the file (relative to the
     * mapping's folder), {@code partner} a short id for the namespace and the subjects.
     */
    static Result draft(FileSample sample, String source, String partner, Vocabularies ontology) {
        String ns = "https://w3id.org/regie/partner/" + partner + "#";
        Map<String, String> byLabel = labels(ontology);
        List<Column> columns = new ArrayList<>();
        Optional<String> lat = Optional.empty();
        Optional<String> lon = Optional.empty();
        for (String c : sample.columns()) {
            String n = Sniff.normal(c);
            List<String> values = sample.rows().stream().map(r -> r.getOrDefault(c, "")).toList();
            String dt = Sniff.datatype(values);
            if (LAT.contains(n) && !dt.equals("string")) {
                lat = Optional.of(c);
            } else if (LON.contains(n) && !dt.equals("string")) {
                lon = Optional.of(c);
            }
            boolean communeName = COMMUNE_NAMES.contains(n) || n.startsWith("codeinsee") || n.startsWith("insee") || n.startsWith("codecommune");
            if (communeName && Sniff.communeCodes(values)) {
                columns.add(new Column(c, "regie:communeCode", "string", "commune code: Régie links the record to its commune"));
            } else if (byLabel.containsKey(n)) {
                String iri = byLabel.get(n);
                Optional<VocabularyTerm> t = ontology.term(org.apache.jena.graph.NodeFactory.createURI(iri));
                String range = t.flatMap(VocabularyTerm::range).filter(r -> r.getURI().startsWith("http://www.w3.org/2001/XMLSchema#"))
                        .map(r -> r.getURI().substring("http://www.w3.org/2001/XMLSchema#".length())).orElse(dt);
                columns.add(new Column(c, curie(iri), range, "label of " + curie(iri)));
            } else if (Sniff.latLonPairs(values)) {
                columns.add(new Column(c, "draft:" + Sniff.camel(c), dt, "TODO: \"lat, lon\" in one column: RML cannot split it;"
                        + " split it in the source (or a view) into two columns to get geo:hasGeometry/geo:asWKT"));
            } else {
                columns.add(new Column(c, "draft:" + Sniff.camel(c), dt, "TODO: a draft term; replace it by an ontology term or keep it in vocabulary.ttl"));
            }
        }
        String id = idColumn(sample);
        String cls = "draft:" + Character.toUpperCase(Sniff.camel(partner).charAt(0)) + Sniff.camel(partner).substring(1) + "Record";
        return new Result(mapping(sample, source, partner, ns, columns, id, cls, lat, lon), vocabulary(ns, columns, cls, partner), columns);
    }

    /** Labels (normalised) of the properties Régie's ontology and vocabularies declare, to their IRIs; reused terms too. */
    private static Map<String, String> labels(Vocabularies v) {
        Map<String, String> out = new HashMap<>();
        Set<Node> propertyTypes = Set.of(OWL.DatatypeProperty.asNode(), OWL.ObjectProperty.asNode(), RDF.Property.asNode());
        for (Triple t : v.triples()) {
            if (!t.getPredicate().equals(org.apache.jena.vocabulary.RDFS.label.asNode()) || !t.getSubject().isURI()) {
                continue;
            }
            Node s = t.getSubject();
            boolean property = v.graph().find(s, RDF.Nodes.type, Node.ANY).toList().stream().anyMatch(x -> propertyTypes.contains(x.getObject()))
                    // Reused terms carry labels without a type: a lower-case local name is a property.
                    || ReusedNamespaces.contains(s) && Character.isLowerCase(s.getLocalName().isEmpty() ? 'A' : s.getLocalName().charAt(0));
            if (property) {
                // One label, several terms (schema:name and igeo:nom are both "nom"): the most general wins, the same every time.
                out.merge(Sniff.normal(t.getObject().getLiteralLexicalForm()), s.getURI(),
                        (a, b) -> java.util.Comparator.comparingInt(FileDraft::rank).thenComparing(java.util.Comparator.naturalOrder()).compare(a, b) <= 0 ? a : b);
            }
        }
        return out;
    }

    /** Régie's terms first, then schema.org, then the others. */
    private static int rank(String iri) {
        return iri.startsWith(Vocab.REGIE) ? 0 : iri.startsWith(Vocab.SCHEMA) ? 1 : iri.startsWith(Vocab.WGS) ? 2 : 3;
    }

    private static String curie(String iri) {
        if (iri.startsWith(Vocab.REGIE)) {
            return "regie:" + iri.substring(Vocab.REGIE.length());
        }
        return ReusedNamespaces.of(iri).map(n -> n.prefix() + ":" + iri.substring(n.iri().length())).orElse("<" + iri + ">");
    }

    /** A column named like an identifier whose sampled values are all distinct, else the first column. */
    private static String idColumn(FileSample s) {
        for (String c : s.columns()) {
            String n = Sniff.normal(c);
            if (n.equals("id") || n.startsWith("id") || n.endsWith("id") || n.startsWith("identifiant") || n.startsWith("code")) {
                List<String> vs = s.rows().stream().map(r -> r.getOrDefault(c, "")).toList();
                if (vs.stream().noneMatch(String::isBlank) && vs.stream().distinct().count() == vs.size()) {
                    return c;
                }
            }
        }
        return s.columns().isEmpty() ? "id" : s.columns().get(0);
    }

    private static String mapping(FileSample s, String source, String partner, String ns, List<Column> columns, String id, String cls,
                                  Optional<String> lat, Optional<String> lon) {
        StringBuilder b = new StringBuilder();
        b.append("# Starter RML mapping drafted by 'regie draft' from ").append(s.file().getFileName()).append(".\n");
        b.append("# References are written as the file spells them. Lines marked TODO need a decision.\n");
        b.append("# Subject IRIs are relative: Régie resolves them against the territory's base IRI.\n");
        b.append("@prefix rml:    <http://w3id.org/rml/> .\n@prefix regie:  <https://w3id.org/regie#> .\n");
        b.append("@prefix schema: <https://schema.org/> .\n@prefix geo:    <http://www.opengis.net/ont/geosparql#> .\n");
        b.append("@prefix wgs:    <http://www.w3.org/2003/01/geo/wgs84_pos#> .\n@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .\n");
        for (ReusedNamespaces.Namespace n : ReusedNamespaces.ALL) {
            boolean used = columns.stream().anyMatch(c -> c.term().startsWith(n.prefix() + ":"));
            if (used && !List.of("schema", "geo", "wgs", "xsd").contains(n.prefix())) {
                b.append("@prefix ").append(n.prefix()).append(": <").append(n.iri()).append("> .\n");
            }
        }
        b.append("@prefix draft:  <").append(ns).append("> .\n\n");
        String logical = logicalSource(s, source);
        String subject = "id/" + partner + "/{" + escapeTemplate(id) + "}";
        b.append("<#Record>\n    a rml:TriplesMap ;\n").append(logical);
        b.append("    # TODO: the identifier column is a guess (").append(id).append("); a class of Régie's ontology (regie:Facility…) may fit better.\n");
        b.append("    rml:subjectMap [ rml:template ").append(lit(subject)).append(" ; rml:class ").append(cls).append(" ] ");
        for (Column c : columns) {
            b.append(";\n");
            if (c.term().startsWith("draft:")) {
                b.append("    # ").append(c.name()).append(": ").append(c.why()).append("\n");
            } else {
                b.append("    # ").append(c.name()).append(": ").append(c.why()).append("\n");
            }
            b.append("    rml:predicateObjectMap [ rml:predicate ").append(c.term()).append(" ; rml:objectMap [ rml:reference ")
                    .append(lit(c.name()));
            if (!c.datatype().equals("string")) {
                b.append(" ; rml:datatype xsd:").append(c.datatype());
            }
            b.append(" ] ]");
        }
        if (lat.isPresent() && lon.isPresent()) {
            b.append(";\n    # The point, as GeoSPARQL: a geometry resource with its WKT (longitude first).\n");
            b.append("    rml:predicateObjectMap [ rml:predicate geo:hasGeometry ; rml:objectMap [ rml:template ")
                    .append(lit(subject + "/geometry")).append(" ] ]");
        }
        b.append(" .\n");
        if (lat.isPresent() && lon.isPresent()) {
            b.append("\n<#Geometry>\n    a rml:TriplesMap ;\n").append(logical);
            b.append("    rml:subjectMap [ rml:template ").append(lit(subject + "/geometry")).append(" ; rml:class geo:Geometry ] ;\n");
            b.append("    rml:predicateObjectMap [ rml:predicate geo:asWKT ; rml:objectMap [ rml:template ")
                    .append(lit("POINT({" + escapeTemplate(lon.get()) + "} {" + escapeTemplate(lat.get()) + "})"))
                    .append(" ; rml:termType rml:Literal ; rml:datatype geo:wktLiteral ] ] .\n");
        }
        return b.toString();
    }

    private static String logicalSource(FileSample s, String source) {
        StringBuilder b = new StringBuilder("    rml:logicalSource [\n");
        b.append("        rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path ").append(lit(source)).append(" ] ;\n");
        if (s.kind() == FileSample.Kind.JSON) {
            b.append("        rml:referenceFormulation rml:JSONPath ;\n        rml:iterator ").append(lit(s.iterator().orElse("$[*]"))).append("\n");
        } else {
            if (s.kind() == FileSample.Kind.XLSX) {
                b.append("        # An XLSX sheet is read as a table with a header (sheet ").append(s.sheet().orElse("?")).append(").\n");
            }
            b.append("        rml:referenceFormulation rml:CSV\n");
        }
        return b.append("    ] ;\n").toString();
    }

    private static String vocabulary(String ns, List<Column> columns, String cls, String partner) {
        StringBuilder b = new StringBuilder();
        b.append("# Draft vocabulary of ").append(partner).append(", written by 'regie draft': one term per column that no ontology term matched.\n");
        b.append("# TODO: check each label (fr and en), range and aggregation rule; docs/vocabularies.md says what Régie checks.\n");
        b.append("@prefix draft: <").append(ns).append("> .\n@prefix regie: <https://w3id.org/regie#> .\n");
        b.append("@prefix owl:   <http://www.w3.org/2002/07/owl#> .\n@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .\n");
        b.append("@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .\n\n");
        b.append(cls).append(" a owl:Class ;\n    rdfs:label ").append(lit("enregistrement " + partner)).append("@fr , ")
                .append(lit(partner + " record")).append("@en .\n");
        Set<String> seen = new java.util.HashSet<>();
        for (Column c : columns) {
            if (!c.term().startsWith("draft:") || !seen.add(c.term())) {
                continue;
            }
            b.append("\n").append(c.term()).append(" a owl:DatatypeProperty ;\n    rdfs:range xsd:").append(c.datatype()).append(" ;\n");
            if (c.datatype().equals("integer") || c.datatype().equals("decimal")) {
                b.append("    # TODO: regie:Sum for a count, regie:WeightedMean with regie:weightedBy for a rate.\n");
                b.append("    regie:aggregation regie:NotAggregatable ;\n");
            }
            b.append("    rdfs:label ").append(lit(Sniff.label(c.name()))).append("@fr , ").append(lit(Sniff.label(c.name()))).append("@en .\n");
        }
        return b.toString();
    }

    private static String escapeTemplate(String column) {
        return column.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}");
    }

    /** A Turtle string literal. */
    static String lit(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
