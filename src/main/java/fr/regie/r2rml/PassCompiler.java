package fr.regie.r2rml;

import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;

/**
 * Checks a mapping against the database and compiles it into {@link Pass}es. Every query is
 * prepared (not run) to learn its columns, so a missing table, a missing column or SQL the
 * database rejects is reported before a single triple is written.
 */
final class PassCompiler {
    private final MappingDocument mapping;
    private final Database db;
    private final String baseIri;
    private final Map<TriplesMap, ResultColumns> columnsCache = new HashMap<>();
    private final Map<LogicalTable.BaseTable, List<Set<String>>> uniqueKeys = new HashMap<>();

    PassCompiler(MappingDocument mapping, Database db, String baseIri) {
        this.mapping = mapping;
        this.db = db;
        this.baseIri = baseIri;
    }

    List<Pass> compile() {
        List<Pass> passes = new ArrayList<>();
        List<Pass> joins = new ArrayList<>();
        for (TriplesMap tm : mapping.triplesMaps()) {
            passes.add(mainPass(tm, joins));
        }
        passes.addAll(joins);
        return passes;
    }

    private ResultColumns columns(TriplesMap tm) {
        ResultColumns cols = columnsCache.get(tm);
        if (cols == null) {
            String written = tm.logicalTable() instanceof LogicalTable.SqlQuery q ? q.sql() : null;
            cols = describe(tm, tm.logicalTable().effectiveQuery(), tm.logicalTable().describe(), written);
            String dup = cols.duplicateLabel();
            if (dup != null) {
                throw new MappingException(tm.position(), tm.name(), "R2RML §5 logical table",
                        "the logical table has two columns named " + dup + " (give each a distinct name with AS)");
            }
            columnsCache.put(tm, cols);
        }
        return cols;
    }

    private ResultColumns describe(TriplesMap tm, String sql, String what, String written) {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null) {
                throw new MappingException(tm.position(), tm.name(), "R2RML §5", "the database gives no columns for the " + what);
            }
            return ResultColumns.of(md, db.dialect(), written);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new SourceException(db.description(), e);
            }
            throw new MappingException(tm.position(), tm.name(), "R2RML §5 logical table",
                    "the database rejects the " + what + ": " + SourceException.describe(e), e);
        }
    }

    /** Maps column names written in the mapping to column indexes of one query. */
    private record Resolver(TriplesMap tm, ResultColumns cols, int offset, String what) {
        int index(SqlIdentifier id, Position at, String rule) {
            int i = cols.indexOf(id);
            if (i < 0) {
                String hint = id.delimited() ? "" : " (as a regular SQL identifier it is case-insensitive; quote it as \\\"" + id.name() + "\\\" to match exactly)";
                throw new MappingException(at, tm.name(), rule,
                        "column " + id.sql() + " is not in the " + what + " (it has: " + cols.labels() + ")" + hint);
            }
            return i + offset;
        }
    }

    /** A referencing object map whose join is folded into its triples map's own scan. */
    private record Folded(PredicateObjectMap pom, RefObjectMap ref, TriplesMap parent) {}

    private Pass mainPass(TriplesMap tm, List<Pass> joins) {
        ResultColumns cols = columns(tm);
        Resolver r = new Resolver(tm, cols, 0, tm.logicalTable().describe());
        SubjectMap sm = tm.subjectMap();
        TermGenerator subject = term(sm.term(), r, tm);
        TermGenerator[] subjectGraphs = terms(sm.graphMaps(), r, tm);
        List<Pass.Group> groups = new ArrayList<>();
        List<Folded> folded = new ArrayList<>();
        for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
            TermGenerator[] predicates = terms(pom.predicateMaps(), r, tm);
            TermGenerator[] graphs = terms(pom.graphMaps(), r, tm);
            List<TermGenerator> objects = new ArrayList<>(List.of(terms(pom.objectMaps(), r, tm)));
            for (RefObjectMap ref : pom.refObjectMaps()) {
                TriplesMap parent = mapping.find(ref.parentTriplesMap()).orElseThrow();
                if (ref.joinConditions().isEmpty()) {
                    // R2RML §8: without a join condition the joint query is the child query itself.
                    String child = tm.logicalTable().effectiveQuery();
                    String par = parent.logicalTable().effectiveQuery();
                    if (!child.equals(par)) {
                        throw new MappingException(ref.position(), tm.name(), "R2RML §8 rr:joinCondition",
                                "the parent triples map " + parent.name() + " has another logical table, so a rr:joinCondition is required");
                    }
                    objects.add(term(parent.subjectMap().term(), r, tm));
                } else if (joinsOnUniqueKey(tm, parent, ref)) {
                    folded.add(new Folded(pom, ref, parent));
                } else {
                    joins.add(joinPass(tm, parent, pom, ref));
                }
            }
            if (!objects.isEmpty()) {
                groups.add(new Pass.Group(predicates, objects.toArray(TermGenerator[]::new), graphs));
            }
        }
        if (folded.isEmpty()) {
            return new Pass(tm.name(), tm.logicalTable().effectiveQuery(), tm.position(), readers(cols), subject,
                    subjectGraphs, sm.classes().toArray(Node[]::new), groups.toArray(Pass.Group[]::new));
        }
        // Each folded parent matches at most one row (its join columns are unique), so a LEFT JOIN
        // keeps exactly the child's rows: one scan gives the child's triples and the references.
        StringBuilder sql = new StringBuilder("SELECT child.*");
        for (int k = 0; k < folded.size(); k++) {
            sql.append(", j").append(k).append(".*");
        }
        sql.append(" FROM ").append(relation(tm.logicalTable())).append(" AS child");
        int offset = cols.size();
        for (int k = 0; k < folded.size(); k++) {
            Folded f = folded.get(k);
            ResultColumns parentCols = columns(f.parent());
            Resolver parentR = new Resolver(tm, parentCols, offset,
                    "logical table of the parent triples map " + f.parent().name());
            sql.append(" LEFT JOIN ").append(relation(f.parent().logicalTable())).append(" AS j").append(k)
                    .append(" ON ").append(joinCondition(f.ref(), r, cols, parentR, parentCols, "j" + k));
            TermGenerator parentSubject = term(f.parent().subjectMap().term(), parentR, tm);
            groups.add(new Pass.Group(terms(f.pom().predicateMaps(), r, tm), new TermGenerator[] {parentSubject},
                    terms(f.pom().graphMaps(), r, tm)));
            offset += parentCols.size();
        }
        String joint = sql.toString();
        ResultColumns jointCols = describe(tm, joint, "query joining its parents", null);
        return new Pass(tm.name(), joint, tm.position(), readers(jointCols), subject, subjectGraphs,
                sm.classes().toArray(Node[]::new), groups.toArray(Pass.Group[]::new));
    }

    /** A base table is used by name, so the database plans the join on the table itself. */
    private static String relation(LogicalTable t) {
        return switch (t) {
            case LogicalTable.BaseTable b -> b.tableName();
            case LogicalTable.SqlQuery q -> "(" + q.effectiveQuery() + ")";
        };
    }

    /** {@code child."a" = alias."b" AND ...}, with each column checked against its logical table. */
    private String joinCondition(RefObjectMap ref, Resolver childR, ResultColumns childCols, Resolver parentR,
                                 ResultColumns parentCols, String alias) {
        StringBuilder on = new StringBuilder();
        Dialect d = db.dialect();
        for (JoinCondition jc : ref.joinConditions()) {
            int c = childR.index(jc.child(), jc.position(), "R2RML §8.1 rr:child");
            int p = parentR.index(jc.parent(), jc.position(), "R2RML §8.1 rr:parent") - parentR.offset();
            on.append(on.isEmpty() ? "" : " AND ").append("child.").append(d.quote(childCols.get(c).label()))
                    .append(" = ").append(alias).append('.').append(d.quote(parentCols.get(p).label()));
        }
        return on.toString();
    }

    /**
     * Whether the parent side of a join is a base table whose join columns include a primary key
     * or unique index, so that each child row meets at most one parent row.
     */
    private boolean joinsOnUniqueKey(TriplesMap child, TriplesMap parent, RefObjectMap ref) {
        if (!(parent.logicalTable() instanceof LogicalTable.BaseTable table)) {
            return false;
        }
        ResultColumns parentCols = columns(parent);
        Resolver parentR = new Resolver(child, parentCols, 0, "logical table of the parent triples map " + parent.name());
        Set<String> joinColumns = new HashSet<>();
        for (JoinCondition jc : ref.joinConditions()) {
            joinColumns.add(parentCols.get(parentR.index(jc.parent(), jc.position(), "R2RML §8.1 rr:parent")).label());
        }
        List<Set<String>> keys = uniqueKeys.computeIfAbsent(table, t -> UniqueKeys.of(db, t));
        return keys.stream().anyMatch(joinColumns::containsAll);
    }

    private Pass joinPass(TriplesMap child, TriplesMap parent, PredicateObjectMap pom, RefObjectMap ref) {
        ResultColumns childCols = columns(child);
        ResultColumns parentCols = columns(parent);
        Resolver childR = new Resolver(child, childCols, 0, child.logicalTable().describe());
        Resolver parentR = new Resolver(child, parentCols, childCols.size(),
                "logical table of the parent triples map " + parent.name());
        // R2RML §8: the joint SQL query, child and parent as derived tables.
        String joint = "SELECT child.*, parent.* FROM (" + child.logicalTable().effectiveQuery() + ") AS child, ("
                + parent.logicalTable().effectiveQuery() + ") AS parent WHERE "
                + joinCondition(ref, childR, childCols, parentR, parentCols, "parent");
        ResultColumns jointCols = describe(child, joint, "joint query with " + parent.name(), null);
        TermGenerator[] predicates = terms(pom.predicateMaps(), childR, child);
        TermGenerator parentSubject = term(parent.subjectMap().term(), parentR, child);
        Pass.Group group = new Pass.Group(predicates, new TermGenerator[] {parentSubject}, terms(pom.graphMaps(), childR, child));
        return new Pass(child.name() + " → " + parent.name(), joint, ref.position(), readers(jointCols),
                term(child.subjectMap().term(), childR, child), terms(child.subjectMap().graphMaps(), childR, child),
                new Node[0], new Pass.Group[] {group});
    }

    private static NaturalMapping.ColumnReader[] readers(ResultColumns cols) {
        NaturalMapping.ColumnReader[] readers = new NaturalMapping.ColumnReader[cols.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = NaturalMapping.forColumn(cols.get(i));
        }
        return readers;
    }

    private TermGenerator[] terms(List<TermMap> maps, Resolver r, TriplesMap tm) {
        TermGenerator[] out = new TermGenerator[maps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = term(maps.get(i), r, tm);
        }
        return out;
    }

    private TermGenerator term(TermMap map, Resolver r, TriplesMap tm) {
        TermGenerator.Where where = new TermGenerator.Where(tm.name(), map.position());
        return switch (map) {
            case TermMap.ConstantMap c -> new TermGenerator.Constant(where, c.value());
            case TermMap.ColumnMap c -> new TermGenerator.Column(where,
                    r.index(c.column(), c.position(), "R2RML §7.2 rr:column"),
                    new TermGenerator.Finisher(c.termType(), baseIri, c.language().orElse(null),
                            c.datatype().orElse(null), TermGenerator.Finisher.IriCheck.FULL));
            case TermMap.TemplateMap t -> template(t, r, where);
        };
    }

    private TermGenerator template(TermMap.TemplateMap t, Resolver r, TermGenerator.Where where) {
        List<Template.Segment> segs = t.template().segments();
        String[] texts = new String[segs.size()];
        int[] columns = new int[segs.size()];
        for (int i = 0; i < segs.size(); i++) {
            switch (segs.get(i)) {
                case Template.Text text -> {
                    texts[i] = text.value();
                    columns[i] = -1;
                }
                case Template.ColumnRef ref -> columns[i] = r.index(ref.column(), t.position(), "R2RML §7.3 rr:template");
            }
        }
        boolean iri = t.termType() == TermType.IRI;
        TermGenerator.Finisher.IriCheck check = TermGenerator.Finisher.IriCheck.FULL;
        if (iri && valuesLandInPathOrLater(t.template(), "")) {
            check = TermGenerator.Finisher.IriCheck.NONE;
        } else if (iri && !hasScheme(t.template()) && valuesLandInPathOrLater(t.template(), baseIri)) {
            check = TermGenerator.Finisher.IriCheck.PREPEND_BASE;
        }
        return new TermGenerator.Templated(where, texts, columns, iri,
                new TermGenerator.Finisher(t.termType(), baseIri, t.language().orElse(null), t.datatype().orElse(null), check));
    }

    /** Whether the text before the template's first column reference starts with a URI scheme. */
    private static boolean hasScheme(Template t) {
        if (t.segments().isEmpty() || !(t.segments().get(0) instanceof Template.Text text)) {
            return false;
        }
        int colon = text.value().indexOf(':');
        return colon > 0 && text.value().substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    /**
     * True when every value of an IRI template (after {@code base}, for a relative template) lands after the authority of an absolute IRI (in
     * the path, query or fragment). There, IRI-safe values are always legal, so the generated
     * IRIs need no checking row by row.
     */
    static boolean valuesLandInPathOrLater(Template t, String base) {
        StringBuilder prefix = new StringBuilder(base);
        StringBuilder sample = new StringBuilder(base);
        boolean seenColumn = false;
        for (Template.Segment s : t.segments()) {
            if (s instanceof Template.Text text) {
                if (!seenColumn) {
                    prefix.append(text.value());
                }
                sample.append(text.value());
            } else {
                seenColumn = true;
                sample.append('x');
            }
        }
        String p = prefix.toString();
        int colon = p.indexOf(':');
        if (colon <= 0 || !p.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return false;
        }
        String rest = p.substring(colon + 1);
        boolean afterAuthority = rest.startsWith("//") ? rest.indexOf('/', 2) >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0 : true;
        return afterAuthority && TermGenerator.isAbsoluteIri(sample.toString());
    }
}
