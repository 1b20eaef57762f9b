package fr.regie.r2rml.direct;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import fr.regie.r2rml.IriSafe;
import fr.regie.r2rml.JoinCondition;
import fr.regie.r2rml.LogicalTable;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Position;
import fr.regie.r2rml.PredicateObjectMap;
import fr.regie.r2rml.RefObjectMap;
import fr.regie.r2rml.SqlIdentifier;
import fr.regie.r2rml.SubjectMap;
import fr.regie.r2rml.Template;
import fr.regie.r2rml.TermMap;
import fr.regie.r2rml.TermType;
import fr.regie.r2rml.TriplesMap;

/**
 * Builds the R2RML mapping equivalent to the W3C Direct Mapping (A Direct Mapping of
 * Relational Data to RDF, 2012) of a schema:
 * <ul>
 * <li>a row with a primary key is {@code {base}{table}/{pk1}={v1};{pk2}={v2}}, a row without one is
 * a blank node;</li>
 * <li>each non-NULL column gives {@code {base}{table}#{column}} with the natural literal;</li>
 * <li>each foreign key gives {@code {base}{table}#ref-{col1};{col2}} to the referenced row;</li>
 * <li>each row has {@code rdf:type {base}{table}}.</li>
 * </ul>
 * Rows of a table without a primary key are numbered with {@code ROW_NUMBER()} ordered by all
 * columns, so that a row and the foreign keys pointing at it get the same blank node.
 */
public final class DirectMapping {
    /** The column the query of a table without primary key adds to number its rows. */
    public static final String ROW_COLUMN = "__regie_row";
    private static final Position WHERE = Position.of("direct mapping");

    private DirectMapping() {}

    /** The mapping, and one note per triples map for a person editing it. */
    public record Draft(MappingDocument mapping, Map<Node, String> notes) {}

    public static Draft of(Schema schema, String baseIri) {
        Map<String, Node> ids = new LinkedHashMap<>();
        for (Schema.Table t : schema.tables()) {
            ids.put(t.name(), NodeFactory.createURI(baseIri + "mapping#" + IriSafe.encode(t.name())));
        }
        List<TriplesMap> maps = new ArrayList<>();
        Map<Node, String> notes = new LinkedHashMap<>();
        for (Schema.Table t : schema.tables()) {
            Node id = ids.get(t.name());
            maps.add(triplesMap(t, id, ids, baseIri));
            notes.put(id, note(t, schema));
        }
        return new Draft(new MappingDocument("direct mapping", maps), notes);
    }

    private static String note(Schema.Table t, Schema schema) {
        StringBuilder sb = new StringBuilder("Table ").append(t.name());
        if (t.primaryKey().isEmpty()) {
            sb.append(": no primary key, so rows are blank nodes numbered by ROW_NUMBER().\n")
                    .append("Pick a column that identifies a row and use it in rr:template for stable IRIs.");
        } else {
            sb.append(": primary key ").append(String.join(", ", t.primaryKey())).append('.');
        }
        for (Schema.ForeignKey fk : t.foreignKeys()) {
            if (schema.table(fk.referencedTable()) == null) {
                sb.append("\nForeign key ").append(String.join(", ", fk.columns())).append(" → ")
                        .append(fk.referencedTable()).append(" is left out: that table is not part of this draft.");
            }
        }
        return sb.toString();
    }

    private static TriplesMap triplesMap(Schema.Table t, Node id, Map<String, Node> ids, String base) {
        String table = IriSafe.encode(t.name());
        TermMap subject = subject(t, base, table);
        SubjectMap sm = new SubjectMap(subject, List.of(NodeFactory.createURI(base + table)), List.of());
        List<PredicateObjectMap> poms = new ArrayList<>();
        for (Schema.Column c : t.columns()) {
            poms.add(new PredicateObjectMap(
                    List.of(new TermMap.ConstantMap(NodeFactory.createURI(base + table + "#" + IriSafe.encode(c.name())), WHERE)),
                    List.of(new TermMap.ColumnMap(quoted(c.name()), TermType.LITERAL, Optional.empty(), Optional.empty(), WHERE)),
                    List.of(), List.of(), WHERE));
        }
        for (Schema.ForeignKey fk : t.foreignKeys()) {
            Node parent = ids.get(fk.referencedTable());
            if (parent == null) {
                continue;
            }
            StringJoiner ref = new StringJoiner(";", base + table + "#ref-", "");
            List<JoinCondition> joins = new ArrayList<>();
            for (int i = 0; i < fk.columns().size(); i++) {
                ref.add(IriSafe.encode(fk.columns().get(i)));
                joins.add(new JoinCondition(quoted(fk.columns().get(i)), quoted(fk.referencedColumns().get(i)), WHERE));
            }
            poms.add(new PredicateObjectMap(
                    List.of(new TermMap.ConstantMap(NodeFactory.createURI(ref.toString()), WHERE)),
                    List.of(), List.of(new RefObjectMap(parent, joins, WHERE)), List.of(), WHERE));
        }
        return new TriplesMap(id, t.name(), logicalTable(t), sm, poms, WHERE);
    }

    private static SqlIdentifier quoted(String name) {
        return new SqlIdentifier(name, true);
    }

    private static TermMap subject(Schema.Table t, String base, String table) {
        List<Template.Segment> segs = new ArrayList<>();
        if (t.primaryKey().isEmpty()) {
            segs.add(new Template.Text(table + "#"));
            segs.add(new Template.ColumnRef(quoted(ROW_COLUMN)));
            return new TermMap.TemplateMap(new Template(templateText(segs), segs), TermType.BLANK_NODE,
                    Optional.empty(), Optional.empty(), WHERE);
        }
        segs.add(new Template.Text(base + table + "/"));
        for (int i = 0; i < t.primaryKey().size(); i++) {
            String col = t.primaryKey().get(i);
            segs.add(new Template.Text((i == 0 ? "" : ";") + IriSafe.encode(col) + "="));
            segs.add(new Template.ColumnRef(quoted(col)));
        }
        return new TermMap.TemplateMap(new Template(templateText(merge(segs)), merge(segs)), TermType.IRI,
                Optional.empty(), Optional.empty(), WHERE);
    }

    /** Adjacent text segments joined, as a parser would have produced them. */
    private static List<Template.Segment> merge(List<Template.Segment> segs) {
        List<Template.Segment> out = new ArrayList<>();
        for (Template.Segment s : segs) {
            if (s instanceof Template.Text t && !out.isEmpty() && out.get(out.size() - 1) instanceof Template.Text prev) {
                out.set(out.size() - 1, new Template.Text(prev.value() + t.value()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The template as written in a mapping: braces around column names, text escaped. */
    static String templateText(List<Template.Segment> segs) {
        StringBuilder sb = new StringBuilder();
        for (Template.Segment s : segs) {
            switch (s) {
                case Template.Text t -> sb.append(t.value().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}"));
                case Template.ColumnRef c -> sb.append('{').append(c.column().sql()).append('}');
            }
        }
        return sb.toString();
    }

    private static LogicalTable logicalTable(Schema.Table t) {
        String table = quoted(t.name()).sql();
        if (!t.primaryKey().isEmpty()) {
            return new LogicalTable.BaseTable(table);
        }
        StringJoiner order = new StringJoiner(", ");
        for (Schema.Column c : t.columns()) {
            if (orderable(c.jdbcType())) {
                order.add("t." + quoted(c.name()).sql());
            }
        }
        String over = order.length() == 0 ? "" : "ORDER BY " + order;
        return new LogicalTable.SqlQuery("SELECT t.*, ROW_NUMBER() OVER (" + over + ") AS " + quoted(ROW_COLUMN).sql()
                + " FROM " + table + " t", List.of());
    }

    private static boolean orderable(int jdbcType) {
        return switch (jdbcType) {
            case Types.BLOB, Types.CLOB, Types.NCLOB, Types.LONGVARBINARY, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                 Types.ARRAY, Types.STRUCT, Types.JAVA_OBJECT, Types.OTHER, Types.SQLXML -> false;
            default -> true;
        };
    }
}
