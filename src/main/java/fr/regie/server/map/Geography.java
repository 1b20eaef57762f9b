package fr.regie.server.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

import fr.regie.pipeline.MetaRecords;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;
import fr.regie.territory.Geometries;

/**
 * The units of a map: at a scale, those that hold a commune of the extent (IRIS: those with an
 * outline that lie in a commune of the extent, outlined by their own geometry), each with its
 * communes in force (all of them, also those outside the extent: a unit's value is its own) and
 * its outline, the union of its communes' reference boundaries (the latest vintage, each 2018
 * boundary counted in the commune it lies in today), simplified for a zoom level. Everything is
 * read from the territory's reference graph, which every caller may see; results are cached
 * (bounded) for the reference's live version. Call inside a read transaction of the store.
 */
final class Geography {
    /** A unit drawn: its IRI, code, name, communes in force, and simplified outline (null without boundary). */
    record Unit(String iri, String code, String name, List<String> communes, Geometry geometry) {}

    /** Lowest and highest zoom levels told apart; coarser or finer ones share their outlines. */
    static final int MIN_ZOOM = 4;
    static final int MAX_ZOOM = 14;
    /** At most this many units in one map (Île-de-France has 1,265 communes, the Grand Paris 2,841 IRIS with an outline). */
    static final int MAX_UNITS = 3000;
    private static final int CACHED_MAPS = 48;

    private static final Geometry EMPTY = new org.locationtech.jts.geom.GeometryFactory().createPolygon();
    private static final String PREFIXES = Declarations.PREFIXES;
    private final ServerContext context;
    private final Map<String, List<Unit>> maps = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Unit>> eldest) {
            return size() > CACHED_MAPS;
        }
    });
    private volatile Shapes shapes = new Shapes("", Map.of());
    /** Unions of the units' communes, whatever the zoom (for the shapes' version). */
    private final Map<String, Geometry> unions = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Geometry> eldest) {
            return size() > MAX_UNITS;
        }
    });

    /** The communes' outlines of one reference version. */
    private record Shapes(String version, Map<String, Geometry> byCommune) {}

    Geography(ServerContext context) {
        this.context = context;
    }

    /** Half a screen pixel at {@code zoom}, in degrees: what the outlines may move by. */
    static double tolerance(int zoom) {
        return 180.0 / (256L << zoomBucket(zoom));
    }

    static int zoomBucket(int zoom) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    }

    private Node referenceGraph() {
        return context.graphs().dataset(context.registry().territory().referenceDataset());
    }

    /** The reference's live version and the time it was published (a rebuilt store is another store). */
    String version() {
        String ref = context.registry().territory().referenceDataset();
        return MetaRecords.version(context.store().dataset(), context.graphs(), ref) + "@"
                + MetaRecords.modified(context.store().dataset(), context.graphs(), ref).map(Node::getLiteralLexicalForm).orElse("");
    }

    /** Whether the reference knows this territory (it has an INSEE code). */
    boolean exists(Caller caller, Node iri) {
        Query q = QueryFactory.create(PREFIXES + "ASK { GRAPH ?g { ?t igeo:codeINSEE ?code } }");
        try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), referenceGraph(), Var.alloc("t"), iri))) {
            return qe.ask();
        }
    }

    /** The units at {@code scale} of the extent, outlines simplified for {@code zoom}; at most {@link #MAX_UNITS}, else empty. */
    Optional<List<Unit>> units(Caller caller, Scale scale, Node extent, int zoom) {
        String version = version();
        String key = version + "|" + scale + "|" + extent.getURI() + "|" + zoomBucket(zoom);
        List<Unit> cached = maps.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Map<String, Geometry> outlines = shapes(caller, version);
        if (scale == Scale.IRIS) {
            return irisUnits(caller, extent, zoom, key);
        }
        Map<String, String[]> names = new HashMap<>();
        Map<String, List<String>> members = new TreeMap<>();
        // The communes of the extent (or the extent itself, a commune), then the units they lie in, then all their communes.
        String inExtent = "{ ?c0 igeo:subdivisionDe ?extent } UNION { BIND (?extent AS ?c0) } ?c0 a igeo:Commune .";
        String where = scale == Scale.COMMUNE
                ? "{ SELECT DISTINCT ?c0 WHERE { " + inExtent + " } } BIND (?c0 AS ?u) BIND (?c0 AS ?c)"
                : "{ SELECT DISTINCT ?u WHERE { " + inExtent + " ?c0 igeo:subdivisionDe ?u . ?u a ?type . } } ?c a igeo:Commune ; igeo:subdivisionDe ?u .";
        Query q = QueryFactory.create(PREFIXES + """
                SELECT ?u ?code ?name ?c WHERE { GRAPH ?g {
                  %s
                  ?u igeo:codeINSEE ?code ; igeo:nom ?name .
                } }""".formatted(where));
        try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), referenceGraph(), Var.alloc("extent"), extent,
                Var.alloc("type"), scale.type))) {
            qe.select().forEachRemaining(b -> {
                String u = b.get("u").getURI();
                names.putIfAbsent(u, new String[] {b.get("code").getLiteralLexicalForm(), b.get("name").getLiteralLexicalForm()});
                List<String> cs = members.computeIfAbsent(u, k -> new ArrayList<>());
                String c = b.get("c").getURI();
                if (!cs.contains(c)) {
                    cs.add(c);
                }
            });
        }
        if (members.size() > MAX_UNITS) {
            return Optional.empty();
        }
        double tolerance = tolerance(zoom);
        List<Unit> units = new ArrayList<>(members.size());
        for (Map.Entry<String, List<String>> e : members.entrySet()) {
            Geometry union = unions.get(e.getKey());
            if (union == null) {
                List<Geometry> parts = new ArrayList<>();
                for (String c : e.getValue()) {
                    Geometry g = outlines.get(c);
                    if (g != null) {
                        parts.add(g);
                    }
                }
                union = parts.isEmpty() ? EMPTY : parts.size() == 1 ? parts.get(0) : UnaryUnionOp.union(parts);
                unions.put(e.getKey(), union);
            }
            String[] n = names.get(e.getKey());
            units.add(new Unit(e.getKey(), n[0], n[1], List.copyOf(e.getValue()), union.isEmpty() ? null : simplify(union, tolerance)));
        }
        List<Unit> result = List.copyOf(units);
        maps.put(key, result);
        return Optional.of(result);
    }

    /** The IRIS with an outline whose commune is in the extent (or is the extent). */
    private Optional<List<Unit>> irisUnits(Caller caller, Node extent, int zoom, String key) {
        Query q = QueryFactory.create(PREFIXES + """
                SELECT ?u ?code ?name ?c ?wkt WHERE { GRAPH ?g {
                  { SELECT DISTINCT ?c WHERE { { ?c igeo:subdivisionDe ?extent } UNION { BIND (?extent AS ?c) } ?c a igeo:Commune . } }
                  ?u a igeo:IRIS ; regie:inCommune ?c ; igeo:codeINSEE ?code ; igeo:nom ?name ; geo:hasGeometry/geo:asWKT ?wkt .
                } } ORDER BY ?u""");
        double tolerance = tolerance(zoom);
        List<Unit> units = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), referenceGraph(), Var.alloc("extent"), extent))) {
            var rows = qe.select();
            while (rows.hasNext()) {
                Binding b = rows.next();
                String u = b.get("u").getURI();
                if (!seen.add(u)) {
                    continue;
                }
                if (units.size() == MAX_UNITS) {
                    return Optional.empty();
                }
                Geometry g;
                try {
                    g = simplify(Geometries.parse(b.get("wkt").getLiteralLexicalForm()), tolerance);
                } catch (ParseException e) {
                    g = null;
                }
                units.add(new Unit(u, b.get("code").getLiteralLexicalForm(), b.get("name").getLiteralLexicalForm(), List.of(b.get("c").getURI()), g));
            }
        }
        List<Unit> result = List.copyOf(units);
        maps.put(key, result);
        return Optional.of(result);
    }

    /** An IRIS of the reference: its code, name and commune. */
    record Iris(String iri, String code, String name, String commune) {}

    private volatile Map<String, Iris> iris = Map.of();
    private volatile String irisVersion = "";

    /** Every IRIS of the reference (with an outline or not), by IRI; cached for the reference's live version. */
    Map<String, Iris> iris(Caller caller) {
        String version = version();
        if (irisVersion.equals(version)) {
            return iris;
        }
        synchronized (this) {
            if (!irisVersion.equals(version)) {
                Query q = QueryFactory.create(PREFIXES + """
                        SELECT ?u ?code ?name ?c WHERE { GRAPH ?g { ?u a igeo:IRIS ; regie:inCommune ?c ; igeo:codeINSEE ?code ; igeo:nom ?name } }""");
                Map<String, Iris> all = new HashMap<>();
                try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), referenceGraph()))) {
                    qe.select().forEachRemaining(b -> all.putIfAbsent(b.get("u").getURI(), new Iris(b.get("u").getURI(),
                            b.get("code").getLiteralLexicalForm(), b.get("name").getLiteralLexicalForm(), b.get("c").getURI())));
                }
                iris = Map.copyOf(all);
                irisVersion = version;
            }
            return iris;
        }
    }

    /** Each IRIS's commune. */
    Map<String, String> irisCommune(Caller caller) {
        Map<String, String> out = new HashMap<>();
        iris(caller).forEach((k, v) -> out.put(k, v.commune()));
        return out;
    }

    /**
     * A unit of a scale by its IRI, without outline: its scale, code, name and communes (an
     * IRIS's: its own); empty when the reference has no territory of a map scale by that IRI.
     */
    Optional<Map.Entry<Scale, Unit>> unit(Caller caller, Node iri) {
        Query q = QueryFactory.create(PREFIXES + """
                SELECT ?type ?code ?name ?c WHERE { GRAPH ?g {
                  ?u a ?type ; igeo:codeINSEE ?code ; igeo:nom ?name .
                  OPTIONAL { { ?c a igeo:Commune ; igeo:subdivisionDe ?u } UNION { ?u a igeo:Commune BIND (?u AS ?c) } UNION { ?u a igeo:IRIS ; regie:inCommune ?c } }
                } }""");
        Scale scale = null;
        String code = null;
        String name = null;
        java.util.Set<String> communes = new java.util.TreeSet<>();
        try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), referenceGraph(), Var.alloc("u"), iri))) {
            var rows = qe.select();
            while (rows.hasNext()) {
                Binding b = rows.next();
                Optional<Scale> s = Scale.ofType(b.get("type").getURI());
                if (s.isEmpty()) {
                    continue;
                }
                scale = s.get();
                code = b.get("code").getLiteralLexicalForm();
                name = b.get("name").getLiteralLexicalForm();
                if (b.get("c") != null) {
                    communes.add(b.get("c").getURI());
                }
            }
        }
        return scale == null ? Optional.empty()
                : Optional.of(Map.entry(scale, new Unit(iri.getURI(), code, name, List.copyOf(communes), null)));
    }

    /** An outline simplified without changing its topology; the original when simplifying would leave it invalid or empty. */
    static Geometry simplify(Geometry g, double tolerance) {
        Geometry s = TopologyPreservingSimplifier.simplify(g, tolerance);
        if (s.isEmpty() || !s.isValid()) {
            Geometry fixed = s.isEmpty() ? s : s.buffer(0);
            return fixed.isEmpty() || !fixed.isValid() ? g : fixed;
        }
        return s;
    }

    /** Each commune's outline (the union of the boundaries of the latest vintage that lie in it today). */
    private Map<String, Geometry> shapes(Caller caller, String version) {
        Shapes s = shapes;
        if (s.version().equals(version)) {
            return s.byCommune();
        }
        synchronized (this) {
            if (shapes.version().equals(version)) {
                return shapes.byCommune();
            }
            Query q = QueryFactory.create(PREFIXES + """
                    SELECT ?c ?vintage ?wkt WHERE { GRAPH ?g {
                      ?b a regie:Boundary ; regie:vintage ?vintage ; regie:inCommune ?c ; geo:hasGeometry/geo:asWKT ?wkt .
                    } }""");
            Map<String, Integer> vintage = new HashMap<>();
            Map<String, List<Geometry>> parts = new HashMap<>();
            try (QueryExec qe = context.query(caller, q, Map.of(Var.alloc("g"), referenceGraph()))) {
                qe.select().forEachRemaining((Binding b) -> {
                    String c = b.get("c").getURI();
                    int v = Integer.parseInt(b.get("vintage").getLiteralLexicalForm());
                    Integer known = vintage.get(c);
                    if (known != null && known > v) {
                        return;
                    }
                    if (known == null || known < v) {
                        vintage.put(c, v);
                        parts.put(c, new ArrayList<>());
                    }
                    try {
                        parts.get(c).add(Geometries.parse(b.get("wkt").getLiteralLexicalForm()));
                    } catch (ParseException e) {
                        // A boundary the reference's shapes let through with bad WKT: left out of the map.
                    }
                });
            }
            Map<String, Geometry> byCommune = new HashMap<>();
            parts.forEach((c, gs) -> {
                if (!gs.isEmpty()) {
                    byCommune.put(c, gs.size() == 1 ? gs.get(0) : UnaryUnionOp.union(gs));
                }
            });
            shapes = new Shapes(version, Map.copyOf(byCommune));
            maps.clear();
            unions.clear();
            return shapes.byCommune();
        }
    }
}
