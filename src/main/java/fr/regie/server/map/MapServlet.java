package fr.regie.server.map;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.vocabulary.DCTerms;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.bounds.QueryTooComplexException;
import fr.regie.server.http.Problem;
import fr.regie.server.map.Declarations.Indicator;
import fr.regie.server.map.Declarations.Layer;
import fr.regie.server.map.Geography.Unit;
import fr.regie.territory.Geometries;

/**
 * {@code /map} (the page), {@code /map/data} (a choropleth's units as GeoJSON),
 * {@code /map/value} (one unit's figures, {@link UnitValue}), {@code /map/indicators} (what can be shown) and {@code /map/points} (a layer of points), all
 * over what the caller may see. Every parameter is checked: 400 problem+json naming it, 404 for a
 * territory the reference does not know.
 */
final class MapServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MapServlet.class);
    static final String GEOJSON = "application/geo+json";
    /** At most this many points in one layer's answer. */
    static final int MAX_POINTS = 5000;
    static final Pattern EXTENT = Pattern.compile("(region|departement|ept|epci|commune)/[0-9A-Za-z]{1,12}");
    private static final JsonFactory JSON = new JsonFactory();

    private final transient ServerContext context;
    private final transient Supplier<Declarations> declarations;
    private final transient Geography geography;
    private final transient Values values;
    private final transient UnitValue unitValue;

    MapServlet(ServerContext context, Supplier<Declarations> declarations) {
        this.context = context;
        this.declarations = declarations;
        this.geography = new Geography(context);
        this.values = new Values(context);
        this.unitValue = new UnitValue(this, context, geography, values);
    }

    /**
     * Reads ahead what the first map needs (the communes' outlines, the territory's communes, the
     * values an anonymous caller sees), so that the first visitor does not wait for it.
     */
    void warm() {
        try {
            context.store().read(() -> {
                territory().ifPresent(t -> geography.units(Caller.ANONYMOUS, Scale.COMMUNE, t, 9));
                for (Indicator i : declarations.get().indicators().values()) {
                    i.measures().forEach((m, additive) -> values.rows(Caller.ANONYMOUS, m, additive));
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("map: reading ahead failed ({}); the first map will take longer", e.toString());
        }
    }

    /** A parameter the request got wrong: 400 (or 404 for a territory nobody knows), naming it. */
    static final class BadParameter extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadParameter(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        try {
            switch (path) {
                case "", "/" -> new MapPage(context, declarations.get(), req, resp).send();
                case "/data" -> send(req, resp, GEOJSON, data(req));
                case "/indicators" -> send(req, resp, "application/json", indicators(req));
                case "/points" -> send(req, resp, GEOJSON, points(req));
                case "/value" -> send(req, resp, "application/json", unitValue.answer(req));
                default -> Problem.send(resp, 404, "no map resource " + path + "; /map/data, /map/value, /map/indicators and /map/points are");
            }
        } catch (BadParameter e) {
            Problem.send(resp, e.status, e.getMessage());
        } catch (QueryCancelledException e) {
            Problem.send(resp, 503, "the map's data took longer than the time limit of " + context.settings().queryTimeout().toSeconds() + " s");
        } catch (QueryTooComplexException e) {
            Problem.send(resp, 400, e.getMessage());
        }
    }

    /** The parameters a request may carry; any other is a 400. */
    static void only(HttpServletRequest req, Set<String> allowed) {
        for (String name : req.getParameterMap().keySet()) {
            if (!allowed.contains(name)) {
                throw new BadParameter(400, "unknown parameter " + trim(name) + "; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        req.getParameterMap().forEach((name, vs) -> {
            if (vs.length > 1) {
                throw new BadParameter(400, "parameter " + trim(name) + " is given more than once");
            }
        });
    }

    static String trim(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return "'" + t.replaceAll("[^\\p{L}\\p{N} ._/:-]", "?") + "'";
    }

    Indicator indicator(String id) {
        if (id == null) {
            throw new BadParameter(400, "parameter indicator is required; GET /map/indicators lists them");
        }
        Indicator i = declarations.get().indicators().get(id);
        if (i == null) {
            throw new BadParameter(400, "parameter indicator: no indicator " + trim(id) + "; GET /map/indicators lists them");
        }
        return i;
    }

    static Scale scale(String id) {
        if (id == null) {
            return Scale.COMMUNE;
        }
        return Scale.of(id).orElseThrow(() -> new BadParameter(400, "parameter scale must be one of "
                + String.join(", ", java.util.Arrays.stream(Scale.values()).map(Scale::id).toList()) + ", not " + trim(id)));
    }

    static int zoom(String z) {
        if (z == null) {
            return 9;
        }
        if (!z.matches("[0-9]{1,2}") || Integer.parseInt(z) > 22) {
            throw new BadParameter(400, "parameter zoom must be an integer from 0 to 22, not " + trim(z));
        }
        return Integer.parseInt(z);
    }

    /** The territory the registry serves (its dct:spatial), if it declares one. */
    Optional<Node> territory() {
        return context.registry().graph().find(context.registry().territory().iri(), DCTerms.spatial.asNode(), Node.ANY)
                .nextOptional().map(Triple::getObject).filter(Node::isURI);
    }

    /** The extent's IRI: {@code territory} or a short form under {@code {base}id/}; checked to exist. */
    Node extent(Caller caller, String e) {
        Node iri;
        if (e == null || e.equals("territory")) {
            iri = territory().orElseThrow(() -> new BadParameter(404, "parameter extent: the registry declares no territory (dct:spatial); give one"));
        } else if (EXTENT.matcher(e).matches()) {
            iri = NodeFactory.createURI(context.graphs().base() + "id/" + e);
        } else {
            throw new BadParameter(400, "parameter extent must be 'territory' or a territory such as region/11, departement/93, ept/200057867, not " + trim(e));
        }
        if (!geography.exists(caller, iri)) {
            throw new BadParameter(404, "parameter extent: no territory " + trim(e));
        }
        return iri;
    }

    private byte[] data(HttpServletRequest req) throws IOException {
        only(req, Set.of("indicator", "scale", "extent", "zoom", "lang"));
        Caller caller = ApiKeyFilter.caller(req);
        Indicator indicator = indicator(req.getParameter("indicator"));
        Scale scale = scale(req.getParameter("scale"));
        int zoom = zoom(req.getParameter("zoom"));
        return context.store().read(() -> {
            Node extent = extent(caller, req.getParameter("extent"));
            List<Unit> units = geography.units(caller, scale, extent, zoom).orElseThrow(() -> new BadParameter(400,
                    "parameter scale: more than " + Geography.MAX_UNITS + " units at this scale in this extent; choose a coarser scale or a smaller extent"));
            Rules.Inputs inputs = values.inputs(caller, indicator, geography.irisCommune(caller));
            int digits = digits(Geography.tolerance(zoom));
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("type", "FeatureCollection");
                g.writeStringField("indicator", indicator.id());
                g.writeStringField("scale", scale.id());
                g.writeStringField("extent", extent.getURI());
                g.writeBooleanField("available", values.available(caller, indicator));
                g.writeStringField("rule", indicator.aggregation().id());
                g.writeArrayFieldStart("features");
                for (Unit u : units) {
                    Rules.Figures f = Rules.figures(indicator, inputs, scale, u.iri(), u.communes());
                    g.writeStartObject();
                    g.writeStringField("type", "Feature");
                    g.writeStringField("id", u.iri());
                    g.writeFieldName("geometry");
                    geometry(g, u.geometry(), digits);
                    g.writeObjectFieldStart("properties");
                    g.writeStringField("iri", u.iri());
                    g.writeStringField("url", context.localUrl(u.iri(), req));
                    g.writeStringField("code", u.code());
                    g.writeStringField("name", u.name());
                    g.writeStringField("type", scale.id());
                    number(g, "value", f.value());
                    number(g, "numerator", f.numerator());
                    number(g, "denominator", f.denominator());
                    g.writeBooleanField("aggregatable", f.aggregatable());
                    g.writeStringField("unit", indicator.unit().in(lang(req)));
                    g.writeNumberField("communes", u.communes().size());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    static String lang(HttpServletRequest req) {
        return "en".equals(req.getParameter("lang")) ? "en" : "fr";
    }

    static void number(JsonGenerator g, String name, Double v) throws IOException {
        if (v == null || !Double.isFinite(v)) {
            g.writeNullField(name);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumberField(name, v.longValue());
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** Decimal places enough for a tenth of the tolerance (at least 3, at most 6: ten centimetres). */
    static int digits(double tolerance) {
        return Math.max(3, Math.min(6, (int) Math.ceil(-Math.log10(tolerance / 10))));
    }

    /** A polygon or multipolygon as GeoJSON, coordinates rounded; null for none. */
    static void geometry(JsonGenerator g, Geometry geom, int digits) throws IOException {
        if (geom == null || geom.isEmpty()) {
            g.writeNull();
            return;
        }
        List<Polygon> polygons = new java.util.ArrayList<>();
        for (int i = 0; i < geom.getNumGeometries(); i++) {
            if (geom.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                polygons.add(p);
            }
        }
        g.writeStartObject();
        g.writeStringField("type", polygons.size() == 1 ? "Polygon" : "MultiPolygon");
        g.writeArrayFieldStart("coordinates");
        for (Polygon p : polygons) {
            if (polygons.size() > 1) {
                g.writeStartArray();
            }
            ring(g, p.getExteriorRing(), digits);
            for (int r = 0; r < p.getNumInteriorRing(); r++) {
                ring(g, p.getInteriorRingN(r), digits);
            }
            if (polygons.size() > 1) {
                g.writeEndArray();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void ring(JsonGenerator g, LineString ring, int digits) throws IOException {
        g.writeStartArray();
        for (Coordinate c : ring.getCoordinates()) {
            g.writeStartArray();
            g.writeNumber(round(c.x, digits));
            g.writeNumber(round(c.y, digits));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    static java.math.BigDecimal round(double v, int digits) {
        return java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private byte[] indicators(HttpServletRequest req) throws IOException {
        only(req, Set.of("lang"));
        Caller caller = ApiKeyFilter.caller(req);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Indicator i : declarations.get().indicators().values()) {
                g.writeStartObject();
                g.writeStringField("id", i.id());
                g.writeObjectFieldStart("label");
                g.writeStringField("fr", i.label().fr());
                g.writeStringField("en", i.label().en());
                g.writeEndObject();
                g.writeObjectFieldStart("unit");
                g.writeStringField("fr", i.unit().fr());
                g.writeStringField("en", i.unit().en());
                g.writeEndObject();
                g.writeArrayFieldStart("scales");
                for (Scale s : i.scales()) {
                    g.writeString(s.id());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("publishedAt");
                for (Scale s : i.publishedAt()) {
                    g.writeString(s.id());
                }
                g.writeEndArray();
                g.writeBooleanField("ratio", i.denominator().isPresent());
                g.writeNumberField("factor", i.factor());
                g.writeStringField("rule", i.aggregation().id());
                g.writeStringField("aggregation", i.aggregation().id());
                if (i.weight().isPresent()) {
                    g.writeObjectFieldStart("weightedBy");
                    g.writeStringField("fr", i.weight().get().label().fr());
                    g.writeStringField("en", i.weight().get().label().en());
                    g.writeEndObject();
                } else {
                    g.writeNullField("weightedBy");
                }
                g.writeArrayFieldStart("datasets");
                for (String d : i.datasets()) {
                    g.writeString(d);
                }
                g.writeEndArray();
                g.writeBooleanField("available", values.available(caller, i));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private byte[] points(HttpServletRequest req) throws IOException {
        only(req, Set.of("layer", "extent", "lang"));
        Caller caller = ApiKeyFilter.caller(req);
        String id = req.getParameter("layer");
        Layer layer = id == null ? null : declarations.get().layers().get(id);
        if (layer == null) {
            throw new BadParameter(400, "parameter layer must be one of " + String.join(", ", declarations.get().layers().keySet())
                    + (id == null ? "" : ", not " + trim(id)));
        }
        return context.store().read(() -> {
            Node extent = extent(caller, req.getParameter("extent"));
            Set<String> communes = new HashSet<>();
            geography.units(caller, Scale.COMMUNE, extent, Geography.MIN_ZOOM).orElse(List.of()).forEach(u -> communes.add(u.iri()));
            boolean visible = layer.datasets().stream().allMatch(d -> context.access().canSee(caller, d));
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("type", "FeatureCollection");
                g.writeStringField("layer", layer.id());
                g.writeBooleanField("available", visible);
                g.writeArrayFieldStart("features");
                int n = 0;
                boolean truncated = false;
                if (visible) {
                    Set<String> seen = new HashSet<>();
                    try (QueryExec qe = context.query(caller, layer.query(), Map.of())) {
                        var rows = qe.select();
                        while (rows.hasNext()) {
                            var b = rows.next();
                            Node f = b.get("feature");
                            Node c = b.get("commune");
                            Node w = b.get("wkt");
                            if (f == null || !f.isURI() || c == null || !communes.contains(c.getURI()) || w == null || !w.isLiteral() || !seen.add(f.getURI())) {
                                continue;
                            }
                            if (n == MAX_POINTS) {
                                truncated = true;
                                break;
                            }
                            Coordinate p;
                            try {
                                p = Geometries.parse(w.getLiteralLexicalForm()).getInteriorPoint().getCoordinate();
                            } catch (ParseException | RuntimeException e) {
                                continue;
                            }
                            if (p == null) {
                                continue;
                            }
                            Node name = b.get("name");
                            g.writeStartObject();
                            g.writeStringField("type", "Feature");
                            g.writeStringField("id", f.getURI());
                            g.writeObjectFieldStart("geometry");
                            g.writeStringField("type", "Point");
                            g.writeArrayFieldStart("coordinates");
                            g.writeNumber(round(p.x, 6));
                            g.writeNumber(round(p.y, 6));
                            g.writeEndArray();
                            g.writeEndObject();
                            g.writeObjectFieldStart("properties");
                            g.writeStringField("iri", f.getURI());
                            g.writeStringField("url", context.localUrl(f.getURI(), req));
                            g.writeStringField("name", name != null && name.isLiteral() ? name.getLiteralLexicalForm() : f.getURI());
                            g.writeEndObject();
                            g.writeEndObject();
                            n++;
                        }
                    }
                }
                g.writeEndArray();
                g.writeBooleanField("truncated", truncated);
                g.writeEndObject();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    /** Sends JSON, gzipped when the client takes it; never kept by shared caches (it depends on the caller). */
    private static void send(HttpServletRequest req, HttpServletResponse resp, String type, byte[] body) throws IOException {
        resp.setStatus(200);
        resp.setContentType(type);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "private, max-age=60");
        resp.setHeader("Vary", "Accept-Encoding, Authorization, X-API-Key");
        String ae = req.getHeader("Accept-Encoding");
        byte[] out = body;
        if (fr.regie.server.http.Accept.takesGzip(ae) && body.length > 1024) {
            ByteArrayOutputStream z = new ByteArrayOutputStream(body.length / 4);
            try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
                gz.write(body);
            }
            out = z.toByteArray();
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setContentLength(out.length);
        if (!"HEAD".equals(req.getMethod())) {
            try (OutputStream os = resp.getOutputStream()) {
                os.write(out);
            }
        }
    }
}
