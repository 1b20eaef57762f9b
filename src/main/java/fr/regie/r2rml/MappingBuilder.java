package fr.regie.r2rml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.langtag.LangTags;
import org.apache.jena.vocabulary.RDF;

/**
 * Turns the graph of a mapping document into the checked model. Each check cites the section of
 * the Recommendation it enforces; the first violation stops the reading.
 */
final class MappingBuilder {
    private final TurtleWithPositions parsed;
    private final Graph g;
    private final String source;

    MappingBuilder(TurtleWithPositions parsed, String source) {
        this.parsed = parsed;
        this.g = parsed.graph();
        this.source = source;
    }

    /** The position of the mapping for term {@code n}: the first triple that has it as subject. */
    private Position pos(Node n) {
        return parsed.positionOf(n, source);
    }

    private Position pos(Node s, Node p) {
        return parsed.positionOf(s, p, source);
    }

    private MappingException error(Node where, String tm, String rule, String message) {
        return new MappingException(pos(where), tm, rule, message);
    }

    private MappingException error(Node where, Node property, String tm, String rule, String message) {
        return new MappingException(pos(where, property), tm, rule, message);
    }

    /** The objects of (s, p) in the order they were written, so the model keeps the author's order. */
    private List<Node> objects(Node s, Node p) {
        return parsed.inWrittenOrder(s, p, source).stream().map(Triple::getObject).toList();
    }

    MappingDocument build() {
        checkVocabulary();
        Triple rml = g.find().filterKeep(t -> RML.isRmlTerm(t.getPredicate()) || RML.isRmlTerm(t.getObject())).nextOptional().orElse(null);
        if (rml != null) {
            Triple sql = g.find(Node.ANY, RR.logicalTable, Node.ANY).nextOptional().orElse(null);
            if (sql != null) {
                throw new MappingException(parsed.positionOf(sql, source), null, "RML-Core §4",
                        "this mapping mixes R2RML logical tables (SQL, rr:logicalTable) and RML logical sources (files, from "
                                + parsed.positionOf(rml, source) + "): write them as two mappings");
            }
            return new RmlMappingBuilder(parsed, source).build();
        }
        Set<Node> ids = new LinkedHashSet<>();
        g.find(Node.ANY, RDF.Nodes.type, RR.TriplesMap).forEach(t -> ids.add(t.getSubject()));
        for (Node p : List.of(RR.logicalTable, RR.subjectMap, RR.subject, RR.predicateObjectMap)) {
            g.find(Node.ANY, p, Node.ANY).forEach(t -> ids.add(t.getSubject()));
        }
        g.find(Node.ANY, RR.parentTriplesMap, Node.ANY).forEach(t -> {
            if (!t.getObject().isLiteral()) {
                ids.add(t.getObject());
            }
        });
        if (ids.isEmpty()) {
            throw new MappingException(Position.of(source), null, "R2RML §6",
                    "the document has no triples map (nothing with rr:logicalTable or of type rr:TriplesMap)");
        }
        List<Node> ordered = new ArrayList<>(ids);
        ordered.sort(Comparator.comparing((Node n) -> pos(n).source()).thenComparingLong(n -> pos(n).line()));
        List<TriplesMap> maps = new ArrayList<>();
        for (Node id : ordered) {
            maps.add(triplesMap(id, ids));
        }
        return new MappingDocument(source, maps);
    }

    /** Any rr: property or class that the Recommendation does not define is a typo worth stopping for. */
    private void checkVocabulary() {
        g.find().forEach(t -> {
            Node p = t.getPredicate();
            if (p.isURI() && p.getURI().startsWith(RR.NS) && !RR.PROPERTIES.contains(p)) {
                throw new MappingException(parsed.positionOf(t, source), null, "R2RML vocabulary",
                        "unknown property " + RR.shortName(p));
            }
            Node o = t.getObject();
            if (p.equals(RDF.Nodes.type) && o.isURI() && o.getURI().startsWith(RR.NS) && !RR.CLASSES.contains(o)) {
                throw new MappingException(parsed.positionOf(t, source), null, "R2RML vocabulary",
                        "unknown class " + RR.shortName(o));
            }
        });
    }

    private String nameOf(Node id) {
        if (id.isURI()) {
            String uri = id.getURI();
            int cut = Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/'));
            String local = uri.substring(cut + 1);
            return local.isEmpty() ? "<" + uri + ">" : "<" + local + ">";
        }
        Position p = pos(id);
        return "[ ] at line " + p.line();
    }

    private TriplesMap triplesMap(Node id, Set<Node> allMaps) {
        String name = nameOf(id);
        if (id.isLiteral()) {
            throw error(id, name, "R2RML §6", "a triples map must be an IRI or blank node, not a literal");
        }
        List<Node> tables = objects(id, RR.logicalTable);
        if (tables.size() != 1) {
            throw error(id, name, "R2RML §6 rr:logicalTable",
                    "a triples map must have exactly one rr:logicalTable (found " + tables.size() + ")");
        }
        LogicalTable table = logicalTable(tables.get(0), name);

        List<Node> subjectMaps = objects(id, RR.subjectMap);
        List<Node> subjectShortcuts = objects(id, RR.subject);
        int subjects = subjectMaps.size() + subjectShortcuts.size();
        if (subjects != 1) {
            throw error(id, name, "R2RML §6.1 rr:subjectMap",
                    "a triples map must have exactly one subject map (rr:subjectMap or rr:subject), found " + subjects);
        }
        SubjectMap subject = subjectShortcuts.isEmpty()
                ? subjectMap(subjectMaps.get(0), name)
                : new SubjectMap(constantShortcut(id, RR.subject, subjectShortcuts.get(0), Kind.SUBJECT, name),
                        List.of(), List.of());

        List<PredicateObjectMap> poms = new ArrayList<>();
        for (Node pom : objects(id, RR.predicateObjectMap)) {
            poms.add(predicateObjectMap(pom, name, allMaps));
        }
        return new TriplesMap(id, name, table, subject, poms, pos(id));
    }

    private LogicalTable logicalTable(Node lt, String tm) {
        if (lt.isLiteral()) {
            throw error(lt, tm, "R2RML §5", "rr:logicalTable must point to a resource with rr:tableName or rr:sqlQuery, not a literal");
        }
        List<Node> names = objects(lt, RR.tableName);
        List<Node> queries = objects(lt, RR.sqlQuery);
        if (names.size() + queries.size() != 1) {
            throw error(lt, tm, "R2RML §5",
                    "a logical table must have exactly one rr:tableName or rr:sqlQuery (found "
                            + names.size() + " rr:tableName, " + queries.size() + " rr:sqlQuery)");
        }
        List<Node> versions = objects(lt, RR.sqlVersion);
        for (Node v : versions) {
            if (!RR.SQL_VERSIONS.contains(v)) {
                throw error(lt, RR.sqlVersion, tm, "R2RML §5.2 rr:sqlVersion",
                        "unknown SQL version identifier " + RR.shortName(v)
                                + " (use rr:SQL2008 or an identifier of the R2RML SQL version registry)");
            }
        }
        if (!names.isEmpty()) {
            Node n = names.get(0);
            String text = stringValue(lt, RR.tableName, n, tm);
            if (!isQualifiedName(text)) {
                throw error(lt, RR.tableName, tm, "R2RML §5.1 rr:tableName",
                        "'" + text + "' is not a table or view name (schema-qualified SQL identifiers, \"quoted\" when mixed case)");
            }
            if (!versions.isEmpty()) {
                throw error(lt, RR.sqlVersion, tm, "R2RML §5.2 rr:sqlVersion", "rr:sqlVersion only applies to an rr:sqlQuery");
            }
            return new LogicalTable.BaseTable(text.strip());
        }
        String sql = stringValue(lt, RR.sqlQuery, queries.get(0), tm);
        if (sql.isBlank()) {
            throw error(lt, RR.sqlQuery, tm, "R2RML §5.2 rr:sqlQuery", "rr:sqlQuery is empty");
        }
        return new LogicalTable.SqlQuery(sql, versions);
    }

    private static boolean isQualifiedName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.strip().length(); i++) {
            char c = text.strip().charAt(i);
            if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        if (quoted || parts.size() > 3) {
            return false;
        }
        for (String part : parts) {
            SqlIdentifier id = SqlIdentifier.parse(part);
            if (id == null || (!id.delimited() && !id.name().matches("[\\p{L}_][\\p{L}\\p{N}_$]*"))) {
                return false;
            }
        }
        return true;
    }

    private String stringValue(Node s, Node p, Node value, String tm) {
        if (!value.isLiteral()) {
            throw error(s, p, tm, "R2RML §" + RR.shortName(p), RR.shortName(p) + " must be a string literal");
        }
        return value.getLiteralLexicalForm();
    }

    private SubjectMap subjectMap(Node sm, String tm) {
        TermMap term = termMap(sm, Kind.SUBJECT, tm);
        List<Node> classes = new ArrayList<>();
        for (Node c : objects(sm, RR.clazz)) {
            if (!c.isURI()) {
                throw error(sm, RR.clazz, tm, "R2RML §6.4 rr:class", "rr:class must be an IRI, found " + c);
            }
            classes.add(c);
        }
        return new SubjectMap(term, classes, graphMaps(sm, tm));
    }

    private List<TermMap> graphMaps(Node holder, String tm) {
        List<TermMap> graphs = new ArrayList<>();
        for (Node gm : objects(holder, RR.graphMap)) {
            graphs.add(termMap(gm, Kind.GRAPH, tm));
        }
        for (Node c : objects(holder, RR.graph)) {
            graphs.add(constantShortcut(holder, RR.graph, c, Kind.GRAPH, tm));
        }
        return graphs;
    }

    private PredicateObjectMap predicateObjectMap(Node pom, String tm, Set<Node> allMaps) {
        if (pom.isLiteral()) {
            throw error(pom, tm, "R2RML §6.3", "rr:predicateObjectMap must point to a resource, not a literal");
        }
        List<TermMap> predicates = new ArrayList<>();
        for (Node pm : objects(pom, RR.predicateMap)) {
            predicates.add(termMap(pm, Kind.PREDICATE, tm));
        }
        for (Node c : objects(pom, RR.predicate)) {
            predicates.add(constantShortcut(pom, RR.predicate, c, Kind.PREDICATE, tm));
        }
        if (predicates.isEmpty()) {
            throw error(pom, tm, "R2RML §6.3", "a predicate-object map needs at least one rr:predicate or rr:predicateMap");
        }
        List<TermMap> objectMaps = new ArrayList<>();
        List<RefObjectMap> refs = new ArrayList<>();
        for (Node om : objects(pom, RR.objectMap)) {
            if (!om.isLiteral() && g.contains(om, RR.parentTriplesMap, Node.ANY)) {
                refs.add(refObjectMap(om, tm, allMaps));
            } else {
                objectMaps.add(termMap(om, Kind.OBJECT, tm));
            }
        }
        for (Node c : objects(pom, RR.object)) {
            objectMaps.add(constantShortcut(pom, RR.object, c, Kind.OBJECT, tm));
        }
        if (objectMaps.isEmpty() && refs.isEmpty()) {
            throw error(pom, tm, "R2RML §6.3", "a predicate-object map needs at least one rr:object or rr:objectMap");
        }
        return new PredicateObjectMap(predicates, objectMaps, refs, graphMaps(pom, tm), pos(pom));
    }

    private RefObjectMap refObjectMap(Node rom, String tm, Set<Node> allMaps) {
        List<Node> parents = objects(rom, RR.parentTriplesMap);
        if (parents.size() != 1) {
            throw error(rom, tm, "R2RML §8 rr:parentTriplesMap",
                    "a referencing object map must have exactly one rr:parentTriplesMap (found " + parents.size() + ")");
        }
        for (Node p : List.of(RR.constant, RR.column, RR.template, RR.termType, RR.language, RR.datatype)) {
            if (g.contains(rom, p, Node.ANY)) {
                throw error(rom, p, tm, "R2RML §8", "a referencing object map cannot also have " + RR.shortName(p));
            }
        }
        Node parent = parents.get(0);
        if (parent.isLiteral() || !allMaps.contains(parent)) {
            throw error(rom, RR.parentTriplesMap, tm, "R2RML §8 rr:parentTriplesMap",
                    "rr:parentTriplesMap " + parent + " is not a triples map of this mapping");
        }
        List<JoinCondition> joins = new ArrayList<>();
        for (Node jc : objects(rom, RR.joinCondition)) {
            List<Node> child = objects(jc, RR.child);
            List<Node> par = objects(jc, RR.parent);
            if (child.size() != 1 || par.size() != 1) {
                throw error(jc, tm, "R2RML §8.1 rr:joinCondition",
                        "a join condition must have exactly one rr:child and one rr:parent");
            }
            joins.add(new JoinCondition(identifier(jc, RR.child, child.get(0), tm),
                    identifier(jc, RR.parent, par.get(0), tm), pos(jc)));
        }
        return new RefObjectMap(parent, joins, pos(rom));
    }

    private SqlIdentifier identifier(Node s, Node p, Node value, String tm) {
        String text = stringValue(s, p, value, tm);
        SqlIdentifier id = SqlIdentifier.parse(text);
        if (id == null) {
            throw error(s, p, tm, "R2RML §5 SQL identifiers", "'" + text + "' is not a column name");
        }
        return id;
    }

    /** Where a term map stands decides the term types it may have (R2RML §7.4). */
    private enum Kind {
        SUBJECT("subject map", Set.of(TermType.IRI, TermType.BLANK_NODE)),
        PREDICATE("predicate map", Set.of(TermType.IRI)),
        OBJECT("object map", Set.of(TermType.IRI, TermType.BLANK_NODE, TermType.LITERAL)),
        GRAPH("graph map", Set.of(TermType.IRI));

        final String label;
        final Set<TermType> allowed;

        Kind(String label, Set<TermType> allowed) {
            this.label = label;
            this.allowed = allowed;
        }
    }

    private TermMap constantShortcut(Node holder, Node property, Node value, Kind kind, String tm) {
        Position p = pos(holder, property);
        checkConstant(value, kind, tm, p);
        return new TermMap.ConstantMap(value, p);
    }

    private void checkConstant(Node value, Kind kind, String tm, Position p) {
        boolean ok = switch (kind) {
            case SUBJECT, PREDICATE, GRAPH -> value.isURI();
            case OBJECT -> value.isURI() || value.isLiteral();
        };
        if (!ok) {
            throw new MappingException(p, tm, "R2RML §7.1 rr:constant",
                    "the constant of a " + kind.label + " must be " + (kind == Kind.OBJECT ? "an IRI or a literal" : "an IRI")
                            + ", found " + value);
        }
    }

    private TermMap termMap(Node tmNode, Kind kind, String tm) {
        if (tmNode.isLiteral()) {
            throw error(tmNode, tm, "R2RML §7", "a " + kind.label + " must be a resource, found the literal " + tmNode);
        }
        Position p = pos(tmNode);
        List<Node> constants = objects(tmNode, RR.constant);
        List<Node> columns = objects(tmNode, RR.column);
        List<Node> templates = objects(tmNode, RR.template);
        int n = constants.size() + columns.size() + templates.size();
        if (n != 1) {
            throw new MappingException(p, tm, "R2RML §7",
                    "a " + kind.label + " must have exactly one of rr:constant, rr:column or rr:template (found " + n + ")");
        }
        List<Node> termTypes = objects(tmNode, RR.termType);
        List<Node> languages = objects(tmNode, RR.language);
        List<Node> datatypes = objects(tmNode, RR.datatype);
        if (termTypes.size() > 1 || languages.size() > 1 || datatypes.size() > 1) {
            throw new MappingException(p, tm, "R2RML §7", "a term map has at most one rr:termType, rr:language and rr:datatype");
        }
        if (kind != Kind.SUBJECT && g.contains(tmNode, RR.clazz, Node.ANY)) {
            throw error(tmNode, RR.clazz, tm, "R2RML §6.4 rr:class", "rr:class belongs on a subject map, not on a " + kind.label);
        }
        Optional<String> language = Optional.empty();
        if (!languages.isEmpty()) {
            String lang = stringValue(tmNode, RR.language, languages.get(0), tm);
            if (!isValidLanguageTag(lang)) {
                throw error(tmNode, RR.language, tm, "R2RML §7.6 rr:language",
                        "'" + lang + "' is not a valid BCP 47 language tag (for example \"fr\", \"en-GB\")");
            }
            language = Optional.of(lang);
        }
        Optional<Node> datatype = Optional.empty();
        if (!datatypes.isEmpty()) {
            Node dt = datatypes.get(0);
            if (!dt.isURI()) {
                throw error(tmNode, RR.datatype, tm, "R2RML §7.7 rr:datatype", "rr:datatype must be an IRI, found " + dt);
            }
            datatype = Optional.of(dt);
        }
        if (language.isPresent() && datatype.isPresent()) {
            throw new MappingException(p, tm, "R2RML §7.7", "a term map cannot have both rr:language and rr:datatype");
        }
        if (!constants.isEmpty()) {
            Node value = constants.get(0);
            checkConstant(value, kind, tm, pos(tmNode, RR.constant));
            TermMap.ConstantMap c = new TermMap.ConstantMap(value, p);
            if (!termTypes.isEmpty() && TermType.of(termTypes.get(0)) != c.termType()) {
                throw error(tmNode, RR.termType, tm, "R2RML §7.4 rr:termType",
                        "rr:termType " + RR.shortName(termTypes.get(0)) + " contradicts the constant " + value);
            }
            if (language.isPresent() || datatype.isPresent()) {
                throw new MappingException(p, tm, "R2RML §7.6", "rr:language and rr:datatype do not apply to a constant (write the literal itself)");
            }
            return c;
        }
        boolean isColumn = !columns.isEmpty();
        TermType type;
        if (!termTypes.isEmpty()) {
            type = TermType.of(termTypes.get(0));
            if (type == null) {
                throw error(tmNode, RR.termType, tm, "R2RML §7.4 rr:termType",
                        "rr:termType must be rr:IRI, rr:BlankNode or rr:Literal, found " + RR.shortName(termTypes.get(0)));
            }
        } else if (kind == Kind.OBJECT && (isColumn || language.isPresent() || datatype.isPresent())) {
            type = TermType.LITERAL;
        } else {
            type = TermType.IRI;
        }
        if (!kind.allowed.contains(type)) {
            throw error(tmNode, RR.termType, tm, "R2RML §7.4 rr:termType",
                    "a " + kind.label + " cannot have term type " + RR.shortName(type.iri()));
        }
        if (type != TermType.LITERAL && (language.isPresent() || datatype.isPresent())) {
            throw new MappingException(p, tm, "R2RML §7.6",
                    "rr:language and rr:datatype only apply to literals, but the term type is " + RR.shortName(type.iri()));
        }
        if (isColumn) {
            return new TermMap.ColumnMap(identifier(tmNode, RR.column, columns.get(0), tm), type, language, datatype, p);
        }
        String text = stringValue(tmNode, RR.template, templates.get(0), tm);
        try {
            return new TermMap.TemplateMap(Template.parse(text), type, language, datatype, p);
        } catch (IllegalArgumentException e) {
            throw error(tmNode, RR.template, tm, "R2RML §7.3 rr:template", "bad template \"" + text + "\": " + e.getMessage());
        }
    }

    /**
     * Well-formed per BCP 47, with a primary language subtag of two or three letters (ISO 639):
     * four to eight letters are reserved or registered-only, and none is registered in practice.
     */
    static boolean isValidLanguageTag(String tag) {
        if (!LangTags.check(tag)) {
            return false;
        }
        String primary = tag.split("-", 2)[0];
        return primary.length() <= 3 || primary.equalsIgnoreCase("x") || primary.equalsIgnoreCase("i");
    }
}
