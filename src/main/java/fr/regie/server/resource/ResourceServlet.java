package fr.regie.server.resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.locationtech.jts.geom.Geometry;

import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.http.Problem;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.page.PageRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET} and {@code HEAD} on {@code /id/*}: the request path names the IRI
 * ({@code /id/commune/93066} → {@code {base}id/commune/93066}); a suffix ({@code .jsonld},
 * {@code .ttl}, {@code .nt}, {@code .rdf}, {@code .html}, {@code .geojson}) asks for one format, otherwise the
 * {@code Accept} header chooses (JSON-LD by default). The description comes from the graphs the
 * caller may see; a resource with nothing visible is a 404, whether it exists elsewhere or not.
 * GeoJSON ({@link GeoFeature}) is there for resources with a geometry: for the others,
 * {@code .geojson} is a 404 and {@code Accept: application/geo+json} a 406.
 * Answers carry an ETag and Last-Modified from the contributing datasets' versions, and a
 * conditional request whose copy is current gets 304.
 */
final class ResourceServlet extends HttpServlet {
    /** The formats of a resource, in the server's order of preference (JSON-LD first). */
    static final List<MediaFormat> OFFERED = List.of(MediaFormat.JSONLD, MediaFormat.TURTLE, MediaFormat.NTRIPLES,
            MediaFormat.RDFXML, MediaFormat.HTML, MediaFormat.GEOJSON);

    /** The format a path's suffix asks for, if it ends with one. */
    static Optional<MediaFormat> ofPath(String path) {
        return OFFERED.stream().filter(f -> path.endsWith(f.suffix())).findFirst();
    }

    /** The status of an answer in GeoJSON for a resource without a geometry (404 or 406, as it was asked). */
    private static final int NO_GEOMETRY = -1;

    /** A ready answer: status, validators, and the body for a 200. */
    private record Answer(int status, Validators validators, byte[] body) {}

    private final transient ServerContext ctx;
    /** Made again at each registry reload. */
    private volatile transient Datasets datasets;
    private final transient ResourceViews views;

    ResourceServlet(ServerContext ctx, ResourceViews views) {
        this.ctx = ctx;
        this.datasets = new Datasets(ctx.registry(), ctx.graphs());
        ctx.onReload(registry -> datasets = new Datasets(registry, ctx.graphs()));
        this.views = views;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean withBody) throws IOException {
        String path = Iris.fromUri(req.getRequestURI().substring(req.getContextPath().length()));
        Optional<MediaFormat> suffix = ResourceServlet.ofPath(path);
        String resourcePath = suffix.map(f -> path.substring(0, path.length() - f.suffix().length())).orElse(path);
        Optional<MediaFormat> format = suffix.isPresent() ? suffix : Negotiation.negotiate(req, resp, OFFERED);
        if (format.isEmpty()) {
            return;
        }
        String iri = ctx.iriOf(resourcePath);
        Caller caller = ApiKeyFilter.caller(req);
        DatasetGraph view = ctx.view(caller);
        Datasets known = datasets; // one registry for the whole answer, even if a reload happens meanwhile
        PageRequest page = format.get() == MediaFormat.HTML ? PageRequest.of(ctx, req, resp) : null;
        Answer a = Txn.calculateRead(ctx.store().dataset(), () -> answer(view, known, NodeFactory.createURI(iri), format.get(), req, page, caller));
        if (a == null) {
            Problem.send(resp, HttpServletResponse.SC_NOT_FOUND, "no resource " + iri + " here");
            return;
        }
        if (a.status() == NO_GEOMETRY) {
            // GeoJSON of a resource without a geometry: the .geojson URL names nothing (404); asked
            // by Accept, the resource exists but not in that format (406).
            if (suffix.isPresent()) {
                Problem.send(resp, HttpServletResponse.SC_NOT_FOUND, iri + " has no geometry: no GeoJSON");
            } else {
                Problem.send(resp, HttpServletResponse.SC_NOT_ACCEPTABLE, iri + " has no geometry: no application/geo+json; offered: "
                        + String.join(", ", OFFERED.stream().filter(f -> f != MediaFormat.GEOJSON).map(MediaFormat::mediaType).toList()));
            }
            return;
        }
        a.validators().apply(resp);
        if (suffix.isEmpty()) {
            resp.setHeader("Content-Location", Iris.toUri(ctx.localUrl(iri, req) + format.get().suffix()));
        }
        if (a.status() == HttpServletResponse.SC_NOT_MODIFIED) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(format.get().contentType());
        resp.setContentLength(a.body().length);
        if (withBody) {
            resp.getOutputStream().write(a.body());
        }
    }

    /** Null when the caller sees nothing of the resource. */
    private Answer answer(DatasetGraph dsg, Datasets datasets, Node subject, MediaFormat format, HttpServletRequest req, PageRequest page,
                          Caller caller) {
        Description d = new Describer(dsg).describe(subject);
        if (d.isEmpty()) {
            return null;
        }
        // Only the page (its map, its GeoJSON link) and GeoJSON itself need the geometry (a territory's is a union).
        Optional<Geometry> geometry = format == MediaFormat.GEOJSON || format == MediaFormat.HTML ? GeoFeature.geometry(d, dsg) : Optional.empty();
        if (format == MediaFormat.GEOJSON && geometry.isEmpty()) {
            return new Answer(NO_GEOMETRY, null, null);
        }
        // A page also shows the links to the resource from every graph the caller sees, in its language.
        Validators v = format == MediaFormat.HTML
                ? Validators.of(d, format, datasets, dsg, ctx.access().visibleGraphs(caller), page.lang().code())
                : Validators.of(d, format, datasets, dsg);
        if (v.notModified(req)) {
            return new Answer(HttpServletResponse.SC_NOT_MODIFIED, v, null);
        }
        byte[] body;
        if (format == MediaFormat.HTML) {
            List<HtmlPage.Source> sources = new ArrayList<>();
            for (Node g : d.graphs()) {
                datasets.ofGraph(g).filter(ds -> sources.stream().noneMatch(s -> s.dataset().equals(ds)))
                        .ifPresent(ds -> sources.add(new HtmlPage.Source(ds, datasets.version(dsg, ds))));
            }
            String self = ctx.localUrl(subject.getURI(), req);
            // Without a geometry of its own, a resource placed in a commune shows the commune's outline.
            Optional<String> commune = Optional.empty();
            if (geometry.isEmpty()) {
                commune = new VisibleLookup(dsg).values(subject, fr.regie.territory.Vocab.inCommune).stream().filter(Node::isURI).findFirst()
                        .filter(c -> GeoFeature.geometry(new Describer(dsg).describe(c), dsg).isPresent())
                        .map(c -> ctx.localUrl(c.getURI(), req));
            }
            HtmlPage.Extras extras = new HtmlPage.Extras(sources, geometry.isPresent(), Incoming.of(dsg, subject), commune);
            body = views.html().render(page, d, new VisibleLookup(dsg), extras, iri -> ctx.localUrl(iri, req), self)
                    .getBytes(StandardCharsets.UTF_8);
        } else if (format == MediaFormat.GEOJSON) {
            body = views.renderer().geoJson(d, geometry.get());
        } else {
            body = views.renderer().render(format, d.triples(), ctx.publicBase(req) + "context.jsonld");
        }
        return new Answer(HttpServletResponse.SC_OK, v, body);
    }
}
