package fr.regie.territory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;

/**
 * The territorial reference as Régie needs it to link records, read once from the territory
 * graph: which codes are communes in force, which are former communes or arrondissements
 * municipaux of a commune, the COG history of codes, the dated boundaries and the IRIS contours
 * (each indexed for point-in-polygon tests). Immutable and safe to share.
 */
public final class TerritoryIndex {
    private static final int MAX_HISTORY_STEPS = 20;

    private final Map<String, Node> communes = new HashMap<>();
    /** Former commune or arrondissement code → (its own IRI, its commune's code). */
    private final Map<String, Former> formers = new HashMap<>();
    private final Map<String, List<Change>> history = new HashMap<>();
    private final STRtree boundaries = new STRtree();
    private final STRtree irisContours = new STRtree();
    private final GeometryFactory gf = new GeometryFactory();
    private int boundaryCount;
    private int irisCount;

    private record Former(Node iri, String parentCode, boolean arrondissement) {}

    private record Change(String date, String after, String typeAfter) {}

    private record Area(String code, PreparedGeometry geometry) {}

    /** An IRIS with a contour: its code, its IRI, its outline. */
    private record IrisArea(String code, Node iri, PreparedGeometry geometry) {}

    private TerritoryIndex() {}

    /** Reads the index from a territory graph (as mappings/insee produce it). */
    public static TerritoryIndex of(Graph g) {
        // One scan per property rather than one lookup per subject: the reference holds
        // hundreds of thousands of triples, and a store answers a scan much faster.
        Map<Node, String> codes = firstLiterals(g, Vocab.codeINSEE);
        TerritoryIndex idx = new TerritoryIndex();
        for (Triple t : g.find(Node.ANY, RDF.Nodes.type, Vocab.Commune).toList()) {
            String c = codes.get(t.getSubject());
            if (c != null) {
                idx.communes.put(c, t.getSubject());
            }
        }
        Map<Node, Node> parents = new HashMap<>();
        g.find(Node.ANY, Vocab.subdivisionDirecteDe, Node.ANY).forEachRemaining(t -> parents.putIfAbsent(t.getSubject(), t.getObject()));
        for (Node type : List.of(Vocab.CommuneDeleguee, Vocab.CommuneAssociee, Vocab.ArrondissementMunicipal)) {
            for (Triple t : g.find(Node.ANY, RDF.Nodes.type, type).toList()) {
                Node s = t.getSubject();
                String code = codes.get(s);
                Node parentNode = parents.get(s);
                String parent = parentNode == null ? null : codes.get(parentNode);
                if (code != null && parent != null) {
                    idx.formers.put(code, new Former(s, parent, type.equals(Vocab.ArrondissementMunicipal)));
                }
            }
        }
        Map<Node, String> before = firstLiterals(g, Vocab.codeBefore);
        Map<Node, String> after = firstLiterals(g, Vocab.codeAfter);
        Map<Node, String> dates = firstLiterals(g, Vocab.effectiveDate);
        Map<Node, String> typesAfter = firstLiterals(g, Vocab.typeAfter);
        for (Triple t : g.find(Node.ANY, RDF.Nodes.type, Vocab.CommuneChange).toList()) {
            Node e = t.getSubject();
            String b = before.get(e);
            String a = after.get(e);
            if (b != null && a != null) {
                idx.history.computeIfAbsent(b, k -> new ArrayList<>()).add(new Change(dates.get(e), a, typesAfter.get(e)));
            }
        }
        for (List<Change> changes : idx.history.values()) {
            changes.sort(Comparator.comparing(Change::date, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        }
        for (Triple t : g.find(Node.ANY, RDF.Nodes.type, Vocab.Boundary).toList()) {
            Node b = t.getSubject();
            Optional<String> code = Optional.ofNullable(codes.get(b));
            Node geom = g.find(b, Vocab.hasGeometry, Node.ANY).nextOptional().map(Triple::getObject).orElse(null);
            String wkt = geom == null ? null : literal(g, geom, Vocab.asWKT);
            if (code.isPresent() && wkt != null) {
                try {
                    PreparedGeometry p = Geometries.prepared(wkt);
                    idx.boundaries.insert(p.getGeometry().getEnvelopeInternal(), new Area(code.get(), p));
                    idx.boundaryCount++;
                } catch (ParseException e) {
                    throw new IllegalArgumentException("boundary " + b + " has bad WKT: " + e.getMessage(), e);
                }
            }
        }
        idx.boundaries.build();
        for (Triple t : g.find(Node.ANY, RDF.Nodes.type, Vocab.IRIS).toList()) {
            Node iris = t.getSubject();
            String code = codes.get(iris);
            Node geom = g.find(iris, Vocab.hasGeometry, Node.ANY).nextOptional().map(Triple::getObject).orElse(null);
            String wkt = geom == null ? null : literal(g, geom, Vocab.asWKT);
            if (code != null && wkt != null) {
                try {
                    PreparedGeometry p = Geometries.prepared(wkt);
                    idx.irisContours.insert(p.getGeometry().getEnvelopeInternal(), new IrisArea(code, iris, p));
                    idx.irisCount++;
                } catch (ParseException e) {
                    throw new IllegalArgumentException("IRIS " + iris + " has bad WKT: " + e.getMessage(), e);
                }
            }
        }
        idx.irisContours.build();
        return idx;
    }

    /** Each subject's first literal value of {@code p}, in one scan. */
    private static Map<Node, String> firstLiterals(Graph g, Node p) {
        Map<Node, String> out = new HashMap<>();
        g.find(Node.ANY, p, Node.ANY).forEachRemaining(t -> {
            if (t.getObject().isLiteral()) {
                out.putIfAbsent(t.getSubject(), t.getObject().getLiteralLexicalForm());
            }
        });
        return out;
    }

    private static String literal(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).nextOptional().map(Triple::getObject)
                .filter(Node::isLiteral).map(Node::getLiteralLexicalForm).orElse(null);
    }

    /** Communes in force. */
    public int communeCount() {
        return communes.size();
    }

    public int boundaryCount() {
        return boundaryCount;
    }

    /** IRIS with a contour. */
    public int irisCount() {
        return irisCount;
    }

    /**
     * Where a declared commune code lands today, following what the reference knows: a commune
     * in force; a commune déléguée, associée or arrondissement municipal (its commune, and the
     * former one kept); or the COG history, the most recent change first.
     */
    public Optional<Resolution> resolve(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String code = declared.strip().toUpperCase(Locale.ROOT);
        StringBuilder how = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (int step = 0; step < MAX_HISTORY_STEPS && seen.add(code); step++) {
            Node commune = communes.get(code);
            if (commune != null) {
                return Optional.of(new Resolution(commune, Optional.empty(), Optional.empty(), how.isEmpty() ? "COM" : how.toString()));
            }
            Former f = formers.get(code);
            if (f != null && communes.containsKey(f.parentCode())) {
                String kind = f.arrondissement() ? "arrondissement municipal" : "former commune";
                return Optional.of(new Resolution(communes.get(f.parentCode()),
                        f.arrondissement() ? Optional.empty() : Optional.of(f.iri()),
                        f.arrondissement() ? Optional.of(f.iri()) : Optional.empty(),
                        how + (how.isEmpty() ? "" : " → ") + kind + " " + code + " of " + f.parentCode()));
            }
            String next = nextInHistory(code);
            if (next == null) {
                return Optional.empty();
            }
            how.append(how.isEmpty() ? "history " : " → ").append(code);
            code = next;
        }
        return Optional.empty();
    }

    /** The code a code became in its most recent change to a commune. */
    private String nextInHistory(String code) {
        for (Change c : history.getOrDefault(code, List.of())) {
            if (!c.after().equals(code) && "COM".equals(c.typeAfter())) {
                return c.after();
            }
        }
        for (Change c : history.getOrDefault(code, List.of())) {
            if (!c.after().equals(code)) {
                return c.after();
            }
        }
        return null;
    }

    /**
     * The code of the boundary that contains a point (GeoSPARQL {@code sfWithin}, boundary
     * included), or empty when none does.
     */
    public Optional<String> boundaryContaining(double lon, double lat) {
        Point p = gf.createPoint(new Coordinate(lon, lat));
        @SuppressWarnings("unchecked")
        List<Area> candidates = boundaries.query(new Envelope(lon, lon, lat, lat));
        return candidates.stream().filter(a -> a.geometry().covers(p)).map(Area::code).sorted().findFirst();
    }

    /**
     * The IRIS whose contour contains a point, boundary included (JTS {@code covers}: a point on
     * the edge two IRIS share is in both, and the lowest code is taken), or empty when none does:
     * the contours cover the Grand Paris only.
     */
    public Optional<Node> irisContaining(double lon, double lat) {
        Point p = gf.createPoint(new Coordinate(lon, lat));
        @SuppressWarnings("unchecked")
        List<IrisArea> candidates = irisContours.query(new Envelope(lon, lon, lat, lat));
        return candidates.stream().filter(a -> a.geometry().covers(p)).min(Comparator.comparing(IrisArea::code)).map(IrisArea::iri);
    }
}
