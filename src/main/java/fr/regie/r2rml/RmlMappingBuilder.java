package fr.regie.r2rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;

/**
 * Turns the graph of an RML mapping (RML-Core, or the legacy RML namespace with {@code rr:}
 * terms) into the checked model. Each check names the rule of RML-Core it enforces; the first
 * violation stops the reading with a {@link MappingException} at the line it was written.
 */
final class RmlMappingBuilder {
    private static final String CORE = "RML-Core";
    private final TurtleWithPositions parsed;
    private final Graph g;
    private final String source;

    RmlMappingBuilder(TurtleWithPositions parsed, String source) {
        this.parsed = parsed;
        this.g = parsed.graph();
        this.source = source;
    }

    private Position pos(Node n) {
        return parsed.positionOf(n, source);
    }

    /** Where {@code s}'s property {@code local} is written, in whichever namespace. */
    private Position pos(Node s, String local) {
        for (Node p : RML.anyNs(local)) {
            if (g.contains(s, p, Node.ANY)) {
                return parsed.positionOf(s, p, source);
            }
        }
        return pos(s);
    }

    private MappingException error(Position at, String tm, String rule, String message) {
        return new MappingException(at, tm, rule == null ? null : CORE + " " + rule, message);
    }

    /** The values of {@code s}'s property {@code local} in any accepted namespace, in written order. */
    private List<Node> values(Node s, String local) {
        List<Node> out = new ArrayList<>();
        for (Node p : RML.anyNs(local)) {
            parsed.inWrittenOrder(s, p, source).forEach(t -> out.add(t.getObject()));
        }
        return out;
    }

    private boolean has(Node s, String local) {
        return RML.anyNs(local).stream().anyMatch(p -> g.contains(s, p, Node.ANY));
    }

    private Optional<Node> atMostOne(Node s, String local, String tm) {
        List<Node> vs = values(s, local);
        if (vs.size() > 1) {
            throw error(pos(s, local), tm, "rml:" + local, "at most one rml:" + local + " is allowed (found " + vs.size() + ")");
        }
        return vs.stream().findFirst();
    }

    MappingDocument build() {
        Set<Node> ids = new LinkedHashSet<>();
        for (Node type : List.of(RML.TriplesMap, RR.TriplesMap)) {
            g.find(Node.ANY, RDF.Nodes.type, type).forEach(t -> ids.add(t.getSubject()));
        }
        for (String local : List.of("logicalSource", "subjectMap", "subject", "predicateObjectMap")) {
            for (Node p : RML.anyNs(local)) {
                g.find(Node.ANY, p, Node.ANY).forEach(t -> ids.add(t.getSubject()));
            }
        }
        if (ids.isEmpty()) {
            throw error(Position.of(source), null, "§4", "the document has no triples map (nothing with rml:logicalSource)");
        }
        List<Node> ordered = new ArrayList<>(ids);
        ordered.sort(Comparator.comparing((Node n) -> pos(n).source()).thenComparingLong(n -> pos(n).line()));
        List<RmlTriplesMap> maps = new ArrayList<>();
        for (Node id : ordered) {
            maps.add(triplesMap(id, ids));
        }
        checkParents(maps);
        return new MappingDocument(source, List.of(), maps);
    }

    /** A reference without join condition evaluates the parent's subject on the child's records: same source required. */
    private void checkParents(List<RmlTriplesMap> maps) {
        Map<Node, RmlTriplesMap> byId = new LinkedHashMap<>();
        maps.forEach(m -> byId.put(m.id(), m));
        for (RmlTriplesMap tm : maps) {
            for (RmlTriplesMap.PredicateObjectMap pom : tm.predicateObjectMaps()) {
                for (RmlTriplesMap.RefObjectMap ref : pom.refObjectMaps()) {
                    RmlTriplesMap parent = byId.get(ref.parentTriplesMap());
                    if (ref.joinConditions().isEmpty() && !sameSource(tm.logicalSource(), parent.logicalSource())) {
                        throw error(ref.position(), tm.name(), "§8 rml:joinCondition",
                                "the parent triples map " + parent.name() + " reads another logical source, so a rml:joinCondition is required");
                    }
                }
            }
        }
    }

    /** Two logical sources read the same records when all but where they are written agree. */
    static boolean sameSource(LogicalSource a, LogicalSource b) {
        return a.name().equals(b.name()) && a.mappingDirectory().equals(b.mappingDirectory())
                && a.formulation() == b.formulation() && a.iterator().equals(b.iterator()) && a.dialect().equals(b.dialect());
    }

    private String nameOf(Node id) {
        if (id.isURI()) {
            String uri = id.getURI();
            int cut = Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/'));
            String local = uri.substring(cut + 1);
            return local.isEmpty() ? "<" + uri + ">" : "<" + local + ">";
        }
        return "[ ] at line " + pos(id).line();
    }

    private RmlTriplesMap triplesMap(Node id, Set<Node> all) {
        String name = nameOf(id);
        if (id.isLiteral()) {
            throw error(pos(id), name, "§4", "a triples map must be an IRI or blank node, not a literal");
        }
        if (g.contains(id, RR.logicalTable, Node.ANY)) {
            throw error(parsed.positionOf(id, RR.logicalTable, source), name, "§4",
                    "rr:logicalTable (SQL) and rml:logicalSource (files) cannot be mixed in one mapping: write the SQL part in R2RML and the files in RML, as two mappings");
        }
        List<Node> sources = values(id, "logicalSource");
        if (sources.size() != 1) {
            throw error(pos(id), name, "§4 rml:logicalSource",
                    "a triples map must have exactly one rml:logicalSource (found " + sources.size() + ")");
        }
        LogicalSource ls = logicalSource(sources.get(0), name);
        List<Node> sms = values(id, "subjectMap");
        List<Node> shortcuts = values(id, "subject");
        if (sms.size() + shortcuts.size() != 1) {
            throw error(pos(id), name, "§6.1 rml:subjectMap",
                    "a triples map must have exactly one subject map (rml:subjectMap or rml:subject), found " + (sms.size() + shortcuts.size()));
        }
        RmlTriplesMap.SubjectMap subject = shortcuts.isEmpty() ? subjectMap(sms.get(0), name, ls)
                : new RmlTriplesMap.SubjectMap(constantShortcut(id, "subject", shortcuts.get(0), Kind.SUBJECT, name), List.of(), List.of());
        List<RmlTriplesMap.PredicateObjectMap> poms = new ArrayList<>();
        for (Node pom : values(id, "predicateObjectMap")) {
            poms.add(predicateObjectMap(pom, name, all, ls));
        }
        Optional<String> base = Optional.empty();
        Optional<Node> b = atMostOne(id, "baseIRI", name);
        if (b.isPresent()) {
            if (!b.get().isURI()) {
                throw error(pos(id, "baseIRI"), name, "§4 rml:baseIRI", "rml:baseIRI must be an IRI, found " + b.get());
            }
            base = Optional.of(b.get().getURI());
        }
        return new RmlTriplesMap(id, name, ls, subject, poms, base, pos(id));
    }

    private LogicalSource logicalSource(Node ls, String tm) {
        Position at = pos(ls);
        if (ls.isLiteral()) {
            throw error(at, tm, "§5", "rml:logicalSource must point to a resource, not a literal");
        }
        for (String sql : List.of("tableName", "query", "sqlQuery", "sqlVersion")) {
            if (has(ls, sql)) {
                throw error(pos(ls, sql), tm, "§5", "SQL logical sources (rml:" + sql + ") are not supported in RML: map SQL tables with R2RML");
            }
        }
        List<Node> srcs = values(ls, "source");
        if (srcs.size() != 1) {
            throw error(at, tm, "§5 rml:source", "a logical source must have exactly one rml:source (found " + srcs.size() + ")");
        }
        Node src = srcs.get(0);
        Position srcAt = pos(ls, "source");
        Path dir = mappingDirectory(srcAt);
        String name;
        Map<String, String> dialect = new LinkedHashMap<>();
        if (src.isLiteral()) {
            name = src.getLiteralLexicalForm();
        } else if (g.contains(src, RDF.Nodes.type, RML.csvwTable) || g.contains(src, RML.csvwUrl, Node.ANY)) {
            Node url = g.find(src, RML.csvwUrl, Node.ANY).nextOptional().map(Triple::getObject).orElseThrow(
                    () -> error(pos(src), tm, "§5 rml:source", "a csvw:Table source needs csvw:url"));
            name = url.isLiteral() ? url.getLiteralLexicalForm() : url.getURI();
            g.find(src, RML.csvwDialect, Node.ANY).forEach(d -> g.find(d.getObject(), Node.ANY, Node.ANY).forEach(t -> {
                if (t.getPredicate().getURI().startsWith(RML.CSVW_NS)) {
                    Node v = t.getObject();
                    dialect.put(t.getPredicate().getURI().substring(RML.CSVW_NS.length()), v.isLiteral() ? v.getLiteralLexicalForm() : v.toString());
                }
            }));
        } else if (has(src, "path")) {
            List<Node> paths = values(src, "path");
            if (paths.size() != 1 || !paths.get(0).isLiteral()) {
                throw error(pos(src, "path"), tm, "§5 rml:path", "a rml:RelativePathSource needs exactly one rml:path, a string");
            }
            name = paths.get(0).getLiteralLexicalForm();
            Optional<Node> root = atMostOne(src, "root", tm);
            if (root.isPresent() && RML.is(root.get(), "CurrentWorkingDirectory")) {
                dir = Path.of("").toAbsolutePath();
            } else if (root.isPresent() && root.get().isLiteral()) {
                dir = Path.of(root.get().getLiteralLexicalForm());
            } else if (root.isPresent() && !RML.is(root.get(), "MappingDirectory")) {
                throw error(pos(src, "root"), tm, "§5 rml:root", "rml:root must be rml:MappingDirectory, rml:CurrentWorkingDirectory or a folder, found " + root.get());
            }
        } else {
            String kind = g.find(src, RDF.Nodes.type, Node.ANY).nextOptional().map(t -> RML.shortName(t.getObject())).orElse("this kind of source");
            throw error(srcAt, tm, "§5 rml:source", kind + " is not supported as an RML source: give a file (a string, a rml:RelativePathSource or a csvw:Table)");
        }
        Optional<Node> rf = atMostOne(ls, "referenceFormulation", tm);
        LogicalSource.Formulation f = formulation(rf, name, dialect.isEmpty() && !g.contains(src, RDF.Nodes.type, RML.csvwTable), pos(ls, "referenceFormulation"), tm);
        Optional<String> iterator = Optional.empty();
        Optional<Node> it = atMostOne(ls, "iterator", tm);
        if (it.isPresent()) {
            if (!it.get().isLiteral()) {
                throw error(pos(ls, "iterator"), tm, "§5 rml:iterator", "rml:iterator must be a string");
            }
            iterator = Optional.of(it.get().getLiteralLexicalForm());
            if (f == LogicalSource.Formulation.JSONPATH) {
                checkJsonPath(iterator.get(), pos(ls, "iterator"), tm, "rml:iterator");
            }
        }
        return new LogicalSource(name, dir, f, iterator, dialect, at);
    }

    private Path mappingDirectory(Position at) {
        Path file = Path.of(at.source());
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    private LogicalSource.Formulation formulation(Optional<Node> rf, String name, boolean notCsvw, Position at, String tm) {
        if (rf.isEmpty()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!notCsvw || lower.endsWith(".csv") || lower.endsWith(".tsv")) {
                return LogicalSource.Formulation.CSV;
            }
            if (lower.endsWith(".json") || lower.endsWith(".geojson")) {
                return LogicalSource.Formulation.JSONPATH;
            }
            throw error(at, tm, "§5 rml:referenceFormulation", "the logical source " + name + " needs a rml:referenceFormulation (rml:CSV or rml:JSONPath)");
        }
        Node n = rf.get();
        if (RML.is(n, "CSV")) {
            return LogicalSource.Formulation.CSV;
        }
        if (RML.is(n, "JSONPath")) {
            return LogicalSource.Formulation.JSONPATH;
        }
        if (RML.is(n, "XPath") || RML.is(n, "XPathReferenceFormulation")) {
            throw error(at, tm, "§5 rml:referenceFormulation", "XPath (XML sources) is not supported: Régie reads CSV and JSON sources");
        }
        if (RML.is(n, "SQL2008Table") || RML.is(n, "SQL2008Query") || RML.is(n, "SQL2008")) {
            throw error(at, tm, "§5 rml:referenceFormulation", RML.shortName(n) + " (SQL sources) is not supported in RML: map SQL tables with R2RML");
        }
        throw error(at, tm, "§5 rml:referenceFormulation", "the reference formulation " + RML.shortName(n) + " is not supported (use rml:CSV or rml:JSONPath)");
    }

    private void checkJsonPath(String expr, Position at, String tm, String what) {
        String unbalanced = unbalancedBrackets(expr);
        if (unbalanced != null) {
            throw error(at, tm, "§5 " + what, "'" + expr + "' is not a valid JSONPath expression: " + unbalanced);
        }
        try {
            JsonPath.compile(expr);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw error(at, tm, "§5 " + what, "'" + expr + "' is not a valid JSONPath expression: " + e.getMessage());
        }
    }

    /** Jayway ignores a stray closing bracket ({@code $.a[*]]}); a partner's typo should not pass silently. */
    static String unbalancedBrackets(String expr) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth < 0) {
                return "unmatched ']' at character " + (i + 1);
            }
        }
        return depth > 0 ? "unclosed '['" : quote != 0 ? "unclosed quote" : null;
    }

    private RmlTriplesMap.SubjectMap subjectMap(Node sm, String tm, LogicalSource ls) {
        RmlTermMap term = termMap(sm, Kind.SUBJECT, tm, ls);
        List<Node> classes = new ArrayList<>();
        for (Node c : values(sm, "class")) {
            if (!c.isURI()) {
                throw error(pos(sm, "class"), tm, "§6.1 rml:class", "rml:class must be an IRI, found " + c);
            }
            classes.add(c);
        }
        return new RmlTriplesMap.SubjectMap(term, classes, graphMaps(sm, tm, ls));
    }

    private List<RmlTermMap> graphMaps(Node holder, String tm, LogicalSource ls) {
        List<RmlTermMap> graphs = new ArrayList<>();
        for (Node gm : values(holder, "graphMap")) {
            graphs.add(termMap(gm, Kind.GRAPH, tm, ls));
        }
        for (Node c : values(holder, "graph")) {
            graphs.add(constantShortcut(holder, "graph", c, Kind.GRAPH, tm));
        }
        return graphs;
    }

    private RmlTriplesMap.PredicateObjectMap predicateObjectMap(Node pom, String tm, Set<Node> all, LogicalSource ls) {
        if (pom.isLiteral()) {
            throw error(pos(pom), tm, "§6.4", "rml:predicateObjectMap must point to a resource, not a literal");
        }
        List<RmlTermMap> predicates = new ArrayList<>();
        for (Node pm : values(pom, "predicateMap")) {
            predicates.add(termMap(pm, Kind.PREDICATE, tm, ls));
        }
        for (Node c : values(pom, "predicate")) {
            predicates.add(constantShortcut(pom, "predicate", c, Kind.PREDICATE, tm));
        }
        if (predicates.isEmpty()) {
            throw error(pos(pom), tm, "§6.4", "a predicate-object map needs at least one rml:predicate or rml:predicateMap");
        }
        List<RmlTermMap> objects = new ArrayList<>();
        List<RmlTriplesMap.RefObjectMap> refs = new ArrayList<>();
        for (Node om : values(pom, "objectMap")) {
            if (!om.isLiteral() && has(om, "parentTriplesMap")) {
                refs.add(refObjectMap(om, tm, all, ls));
            } else {
                objects.add(termMap(om, Kind.OBJECT, tm, ls));
            }
        }
        for (Node c : values(pom, "object")) {
            objects.add(constantShortcut(pom, "object", c, Kind.OBJECT, tm));
        }
        if (objects.isEmpty() && refs.isEmpty()) {
            throw error(pos(pom), tm, "§6.4", "a predicate-object map needs at least one rml:object or rml:objectMap");
        }
        return new RmlTriplesMap.PredicateObjectMap(predicates, objects, refs, graphMaps(pom, tm, ls), pos(pom));
    }

    private RmlTriplesMap.RefObjectMap refObjectMap(Node rom, String tm, Set<Node> all, LogicalSource ls) {
        List<Node> parents = values(rom, "parentTriplesMap");
        if (parents.size() != 1) {
            throw error(pos(rom), tm, "§8 rml:parentTriplesMap", "a referencing object map must have exactly one rml:parentTriplesMap (found " + parents.size() + ")");
        }
        for (String p : List.of("constant", "reference", "template", "termType", "language", "datatype", "languageMap", "datatypeMap")) {
            if (has(rom, p)) {
                throw error(pos(rom, p), tm, "§8", "a referencing object map cannot also have rml:" + p);
            }
        }
        Node parent = parents.get(0);
        if (parent.isLiteral() || !all.contains(parent)) {
            throw error(pos(rom, "parentTriplesMap"), tm, "§8 rml:parentTriplesMap", "rml:parentTriplesMap " + parent + " is not a triples map of this mapping");
        }
        List<RmlTriplesMap.JoinCondition> joins = new ArrayList<>();
        for (Node jc : values(rom, "joinCondition")) {
            joins.add(new RmlTriplesMap.JoinCondition(joinSide(jc, "child", tm, ls), joinSide(jc, "parent", tm, null), pos(jc)));
        }
        return new RmlTriplesMap.RefObjectMap(parent, joins, pos(rom));
    }

    /** {@code rml:child "ref"} or {@code rml:childMap [ expression map ]} (and the same for the parent). */
    private RmlExpression joinSide(Node jc, String side, String tm, LogicalSource ls) {
        List<Node> shortcut = values(jc, side);
        List<Node> maps = values(jc, side + "Map");
        if (shortcut.size() + maps.size() != 1) {
            throw error(pos(jc), tm, "§8 rml:joinCondition", "a join condition must have exactly one rml:" + side + " or rml:" + side + "Map");
        }
        if (!shortcut.isEmpty()) {
            Node v = shortcut.get(0);
            if (!v.isLiteral()) {
                throw error(pos(jc, side), tm, "§8 rml:" + side, "rml:" + side + " must be a string (a reference)");
            }
            return new RmlExpression.Reference(v.getLiteralLexicalForm());
        }
        return expression(maps.get(0), tm, "rml:" + side + "Map", false, ls);
    }

    /** Where a term map stands decides the term types it may have (RML-Core §6.3). */
    private enum Kind {
        SUBJECT("subject map"), PREDICATE("predicate map"), OBJECT("object map"), GRAPH("graph map");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        boolean allows(RmlTermType t) {
            return switch (this) {
                case SUBJECT -> t != RmlTermType.LITERAL;
                case PREDICATE, GRAPH -> t.isIri();
                case OBJECT -> true;
            };
        }
    }

    private RmlTermMap constantShortcut(Node holder, String property, Node value, Kind kind, String tm) {
        Position p = pos(holder, property);
        checkConstant(value, kind, tm, p);
        return RmlTermMap.constant(graphConstant(value), p);
    }

    /** {@code rml:defaultGraph} means what {@code rr:defaultGraph} means; the engine knows the latter. */
    private static Node graphConstant(Node value) {
        return RML.is(value, "defaultGraph") ? RR.defaultGraph : value;
    }

    private void checkConstant(Node value, Kind kind, String tm, Position p) {
        boolean ok = switch (kind) {
            case SUBJECT, PREDICATE, GRAPH -> value.isURI();
            case OBJECT -> value.isURI() || value.isLiteral();
        };
        if (!ok) {
            throw error(p, tm, "§6.2 rml:constant", "the constant of a " + kind.label + " must be "
                    + (kind == Kind.OBJECT ? "an IRI or a literal" : "an IRI") + ", found " + value);
        }
    }

    /** An expression map: exactly one of constant, reference or template (none allowed only where {@code optional}). */
    private RmlExpression expression(Node em, String tm, String what, boolean optional, LogicalSource ls) {
        if (em.isLiteral()) {
            throw error(pos(em), tm, "§6", "a " + what + " must be a resource, found the literal " + em);
        }
        List<Node> constants = values(em, "constant");
        List<Node> references = new ArrayList<>(values(em, "reference"));
        references.addAll(values(em, "column"));
        List<Node> templates = new ArrayList<>(values(em, "template"));
        int n = constants.size() + references.size() + templates.size();
        if (n > 1 || (n == 0 && !optional)) {
            throw error(pos(em), tm, "§6", "a " + what + " must have exactly one of rml:constant, rml:reference or rml:template (found " + n + ")");
        }
        if (n == 0) {
            return new RmlExpression.Fresh();
        }
        if (!constants.isEmpty()) {
            return new RmlExpression.Constant(constants.get(0));
        }
        if (!references.isEmpty()) {
            Node r = references.get(0);
            if (!r.isLiteral()) {
                throw error(pos(em, "reference"), tm, "§6 rml:reference", "rml:reference must be a string");
            }
            checkReference(r.getLiteralLexicalForm(), pos(em, "reference"), tm, ls);
            return new RmlExpression.Reference(r.getLiteralLexicalForm());
        }
        Node t = templates.get(0);
        if (!t.isLiteral()) {
            throw error(pos(em, "template"), tm, "§6 rml:template", "rml:template must be a string");
        }
        try {
            RmlTemplate parsedTemplate = RmlTemplate.parse(t.getLiteralLexicalForm());
            for (String r : parsedTemplate.references()) {
                checkReference(r, pos(em, "template"), tm, ls);
            }
            return new RmlExpression.Template(parsedTemplate);
        } catch (IllegalArgumentException e) {
            throw error(pos(em, "template"), tm, "§6 rml:template", "bad template \"" + t.getLiteralLexicalForm() + "\": " + e.getMessage());
        }
    }

    private void checkReference(String ref, Position at, String tm, LogicalSource ls) {
        if (ls != null && ls.formulation() == LogicalSource.Formulation.JSONPATH) {
            checkJsonPath(ref, at, tm, "rml:reference");
        }
    }

    private RmlTermMap termMap(Node tmNode, Kind kind, String tm, LogicalSource ls) {
        if (tmNode.isLiteral()) {
            throw error(pos(tmNode), tm, "§6", "a " + kind.label + " must be a resource, found the literal " + tmNode);
        }
        Position p = pos(tmNode);
        Optional<Node> termTypeNode = atMostOne(tmNode, "termType", tm);
        RmlTermType declared = null;
        if (termTypeNode.isPresent()) {
            declared = RmlTermType.of(termTypeNode.get());
            if (declared == null) {
                throw error(pos(tmNode, "termType"), tm, "§6.3 rml:termType",
                        "rml:termType must be rml:IRI, rml:URI, rml:UnsafeIRI, rml:BlankNode or rml:Literal, found " + RML.shortName(termTypeNode.get()));
            }
        }
        boolean mayBeFresh = declared == RmlTermType.BLANK_NODE;
        RmlExpression expr = expression(tmNode, tm, kind.label, mayBeFresh, ls);
        if (kind != Kind.SUBJECT && has(tmNode, "class")) {
            throw error(pos(tmNode, "class"), tm, "§6.1 rml:class", "rml:class belongs on a subject map, not on a " + kind.label);
        }
        Optional<RmlExpression> language = languageOf(tmNode, tm, ls);
        Optional<RmlExpression> datatype = datatypeOf(tmNode, tm, ls);
        if (language.isPresent() && datatype.isPresent()) {
            throw error(p, tm, "§6.5", "a term map cannot have both a language and a datatype");
        }
        RmlTermType type;
        if (expr instanceof RmlExpression.Constant c) {
            Node value = kind == Kind.GRAPH ? graphConstant(c.value()) : c.value();
            checkConstant(value, kind, tm, pos(tmNode, "constant"));
            expr = new RmlExpression.Constant(value);
            RmlTermType natural = value.isURI() ? RmlTermType.IRI : RmlTermType.LITERAL;
            if (declared != null && !(declared == natural || (declared.isIri() && natural == RmlTermType.IRI))) {
                throw error(pos(tmNode, "termType"), tm, "§6.3 rml:termType",
                        "rml:termType " + RML.shortName(termTypeNode.get()) + " contradicts the constant " + value);
            }
            if (language.isPresent() || datatype.isPresent()) {
                throw error(p, tm, "§6.5", "a language or datatype does not apply to a constant (write the literal itself)");
            }
            type = declared != null ? declared : natural;
        } else if (declared != null) {
            type = declared;
        } else if (kind == Kind.OBJECT && (expr instanceof RmlExpression.Reference || language.isPresent() || datatype.isPresent())) {
            type = RmlTermType.LITERAL;
        } else {
            type = RmlTermType.IRI;
        }
        if (!kind.allows(type)) {
            throw error(pos(tmNode, "termType"), tm, "§6.3 rml:termType", "a " + kind.label + " cannot have term type " + type);
        }
        if (type != RmlTermType.LITERAL && (language.isPresent() || datatype.isPresent())) {
            throw error(p, tm, "§6.5", "a language or datatype only applies to literals, but the term type is " + type);
        }
        return new RmlTermMap(expr, type, language, datatype, p);
    }

    private Optional<RmlExpression> languageOf(Node tmNode, String tm, LogicalSource ls) {
        Optional<Node> lang = atMostOne(tmNode, "language", tm);
        Optional<Node> map = atMostOne(tmNode, "languageMap", tm);
        if (lang.isPresent() && map.isPresent()) {
            throw error(pos(tmNode, "languageMap"), tm, "§6.5", "rml:language and rml:languageMap exclude each other");
        }
        if (lang.isPresent()) {
            return Optional.of(checkedLanguage(lang.get(), pos(tmNode, "language"), tm));
        }
        if (map.isPresent()) {
            RmlExpression e = expression(map.get(), tm, "language map", false, ls);
            if (e instanceof RmlExpression.Constant c) {
                return Optional.of(checkedLanguage(c.value(), pos(map.get()), tm));
            }
            return Optional.of(e);
        }
        return Optional.empty();
    }

    private RmlExpression checkedLanguage(Node value, Position at, String tm) {
        if (!value.isLiteral() || !MappingBuilder.isValidLanguageTag(value.getLiteralLexicalForm())) {
            throw error(at, tm, "§6.5 rml:language", "'" + (value.isLiteral() ? value.getLiteralLexicalForm() : value)
                    + "' is not a valid BCP 47 language tag (for example \"fr\", \"en-GB\")");
        }
        return new RmlExpression.Constant(value);
    }

    private Optional<RmlExpression> datatypeOf(Node tmNode, String tm, LogicalSource ls) {
        Optional<Node> dt = atMostOne(tmNode, "datatype", tm);
        Optional<Node> map = atMostOne(tmNode, "datatypeMap", tm);
        if (dt.isPresent() && map.isPresent()) {
            throw error(pos(tmNode, "datatypeMap"), tm, "§6.5", "rml:datatype and rml:datatypeMap exclude each other");
        }
        if (dt.isPresent()) {
            if (!dt.get().isURI()) {
                throw error(pos(tmNode, "datatype"), tm, "§6.5 rml:datatype", "rml:datatype must be an IRI, found " + dt.get());
            }
            return Optional.of(new RmlExpression.Constant(dt.get()));
        }
        if (map.isPresent()) {
            RmlExpression e = expression(map.get(), tm, "datatype map", false, ls);
            if (e instanceof RmlExpression.Constant c && !c.value().isURI()) {
                throw error(pos(map.get()), tm, "§6.5 rml:datatypeMap", "the datatype must be an IRI, found " + c.value());
            }
            return Optional.of(e);
        }
        return Optional.empty();
    }
}
