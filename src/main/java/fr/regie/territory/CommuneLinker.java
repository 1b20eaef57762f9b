package fr.regie.territory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;

/**
 * Links a partner's records to the territorial reference as they stream by: a record that
 * declares a commune code gets {@code regie:inCommune} (and {@code regie:inDelegatedCommune} or
 * {@code regie:inMunicipalArrondissement} when the code names a former commune or an
 * arrondissement), a record with a point gets the commune whose boundary contains it. What cannot
 * be placed is kept in {@link #unmatched()}, counted, and passed through untouched: it does not
 * stop the load. Whatever the method (but {@link LinkMethod#NONE}), a record whose point lies in
 * an IRIS contour also gets {@code regie:inIris}, counted by {@link #irisPlaced()}; a point outside
 * every contour (they cover the Grand Paris only) is not an error.
 */
public final class CommuneLinker extends StreamRDFWrapper {
    private static final Pattern POINT = Pattern.compile(
            "(?i)^\\s*(?:<[^>]*>\\s*)?POINT\\s*\\(\\s*([-+0-9.eE]+)\\s+([-+0-9.eE]+)\\s*\\)\\s*$");
    private static final int MAX_KEPT = 1000;
    private final int maxKept;

    /** A record that could not be placed: its subject and why. */
    public record Unmatched(Node subject, String reason) {}

    private final TerritoryIndex territory;
    private final LinkMethod method;
    private final List<Unmatched> unmatched = new ArrayList<>();
    private final Map<Node, Node> subjectOfGeometry = new HashMap<>();
    private final Map<String, Long> paths = new HashMap<>();
    private long linked;
    private long unmatchedCount;
    private long irisPlaced;

    public CommuneLinker(StreamRDF dest, TerritoryIndex territory, LinkMethod method) {
        this(dest, territory, method, MAX_KEPT);
    }

    /** As above, keeping up to {@code maxKept} of the records not placed (all are counted). */
    public CommuneLinker(StreamRDF dest, TerritoryIndex territory, LinkMethod method, int maxKept) {
        super(dest);
        this.territory = territory;
        this.method = method;
        this.maxKept = maxKept;
    }

    @Override
    public void triple(Triple t) {
        super.triple(t);
        look(Quad.defaultGraphNodeGenerated, t.getSubject(), t.getPredicate(), t.getObject());
    }

    @Override
    public void quad(Quad q) {
        super.quad(q);
        look(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
    }

    private void look(Node g, Node s, Node p, Node o) {
        switch (method) {
            case COMMUNE_CODE -> {
                if (p.equals(Vocab.communeCode) && o.isLiteral()) {
                    String code = o.getLiteralLexicalForm();
                    Optional<Resolution> r = territory.resolve(code);
                    if (r.isPresent()) {
                        link(g, s, r.get());
                    } else {
                        miss(s, "commune code \"" + code + "\" matches no commune, even through the COG history");
                    }
                } else if (territory.irisCount() > 0) {
                    // The commune is the declared one; a point still places the record in its IRIS.
                    geometry(g, s, p, o, false);
                }
            }
            case GEOMETRY -> geometry(g, s, p, o, true);
            case NONE -> {
                // Nothing to place.
            }
        }
    }

    /** Pairs a record's geo:hasGeometry with its geometry's geo:asWKT, then places the record. */
    private void geometry(Node g, Node s, Node p, Node o, boolean inCommune) {
        if (p.equals(Vocab.hasGeometry)) {
            subjectOfGeometry.put(o, s);
        } else if (p.equals(Vocab.asWKT) && o.isLiteral()) {
            Node subject = subjectOfGeometry.remove(s);
            if (subject != null) {
                place(g, subject, o.getLiteralLexicalForm(), inCommune);
            }
        }
    }

    private void place(Node g, Node subject, String wkt, boolean inCommune) {
        Matcher m = POINT.matcher(wkt);
        if (!m.matches()) {
            if (inCommune) {
                miss(subject, "geometry is not a point: " + abbreviate(wkt));
            }
            return;
        }
        double lon = new BigDecimal(m.group(1)).doubleValue();
        double lat = new BigDecimal(m.group(2)).doubleValue();
        Optional<Node> iris = territory.irisContaining(lon, lat);
        if (iris.isPresent()) {
            emit(g, subject, Vocab.inIris, iris.get());
            irisPlaced++;
        }
        if (!inCommune) {
            return;
        }
        Optional<String> code = territory.boundaryContaining(lon, lat);
        Optional<Resolution> r = code.flatMap(territory::resolve);
        if (r.isPresent()) {
            Resolution res = r.get();
            link(g, subject, new Resolution(res.commune(), res.delegated(), res.arrondissement(),
                    "point in boundary " + code.get() + ("COM".equals(res.how()) ? "" : " → " + res.how())));
        } else {
            miss(subject, code.isPresent() ? "point lies in boundary " + code.get() + ", which matches no commune today"
                    : "point (" + lon + " " + lat + ") lies in no boundary of the reference");
        }
    }

    private void link(Node g, Node s, Resolution r) {
        emit(g, s, Vocab.inCommune, r.commune());
        r.delegated().ifPresent(d -> emit(g, s, Vocab.inDelegatedCommune, d));
        r.arrondissement().ifPresent(a -> emit(g, s, Vocab.inMunicipalArrondissement, a));
        linked++;
        paths.merge(r.how().replaceAll("[0-9AB]{5}", "#####"), 1L, Long::sum);
    }

    private void emit(Node g, Node s, Node p, Node o) {
        if (Quad.isDefaultGraph(g)) {
            super.triple(Triple.create(s, p, o));
        } else {
            super.quad(Quad.create(g, s, p, o));
        }
    }

    private void miss(Node s, String reason) {
        unmatchedCount++;
        if (unmatched.size() < maxKept) {
            unmatched.add(new Unmatched(s, reason));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Records placed. */
    public long linked() {
        return linked;
    }

    /**
     * Geometries whose record was seen ({@code geo:hasGeometry}) but not their WKT: geometry →
     * record. After an incremental pass, those of the records that changed while their geometry's
     * row did not.
     */
    public Map<Node, Node> pendingGeometries() {
        return Map.copyOf(subjectOfGeometry);
    }

    /**
     * Expects the WKT of these geometries (geometry → record, from an earlier pass over the same
     * source), to place their records when it comes by.
     */
    public CommuneLinker expecting(Map<Node, Node> pending) {
        subjectOfGeometry.putAll(pending);
        return this;
    }

    /** Records placed in an IRIS (their point lies in an IRIS contour). */
    public long irisPlaced() {
        return irisPlaced;
    }

    /** Records that could not be placed (all of them counted). */
    public long unmatchedCount() {
        return unmatchedCount;
    }

    /** The first records that could not be placed, with the reason. */
    public List<Unmatched> unmatched() {
        return List.copyOf(unmatched);
    }

    /** How records were placed, by kind of path ("COM", "former commune ##### of #####", …). */
    public Map<String, Long> paths() {
        return Map.copyOf(paths);
    }
}
