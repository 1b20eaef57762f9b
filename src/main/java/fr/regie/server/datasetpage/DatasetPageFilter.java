package fr.regie.server.datasetpage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.graph.Node;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDFS;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.Cron;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.http.Problem;
import fr.regie.server.ops.Dumps;
import fr.regie.server.page.Layout;
import fr.regie.server.page.Messages;
import fr.regie.server.page.PageRequest;
import fr.regie.server.resource.Ontology;
import fr.regie.server.tap.Taps;

/**
 * {@code /datasets} (the list), {@code /datasets/{id}} (the page; RDF clients get a
 * {@code 303 See Other} to the dataset's catalog entry, {@code /catalog/datasets/{id}}),
 * {@code /datasets/{id}/csv?class=IRI} and {@code /datasets/{id}/geojson}; every other path under
 * {@code /datasets/} (dump, change feed) goes on to {@code server.ops}. A dataset the caller may
 * not see is not found, with the very answer an unknown id gets.
 */
final class DatasetPageFilter implements Filter {
    /** Rows of the table per page. */
    static final int PAGE_SIZE = 25;
    /** Versions shown in the history; the change feed has them all. */
    static final int HISTORY = 10;
    /** Runs read back to find the one that made the live version. */
    static final int RUNS = 200;
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final List<MediaFormat> OFFERED = List.of(MediaFormat.HTML, MediaFormat.TURTLE, MediaFormat.JSONLD,
            MediaFormat.RDFXML, MediaFormat.NTRIPLES);

    private final ServerContext context;
    private final Supplier<Taps> taps;
    private final Exports exports;
    private final Ontology ontology;

    DatasetPageFilter(ServerContext context, Supplier<Taps> taps) {
        this.context = context;
        this.taps = taps;
        this.exports = new Exports(context);
        this.ontology = Ontology.of(context);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String rest = path.equals("/datasets") ? "" : path.startsWith("/datasets/") ? path.substring("/datasets/".length()) : null;
        String[] parts = rest == null ? new String[0] : rest.split("/", -1);
        boolean mine = rest != null && (rest.isEmpty() || parts.length == 1
                || parts.length == 2 && (parts[1].equals("csv") || parts[1].equals("geojson")));
        if (!mine) {
            chain.doFilter(request, response);
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            Problem.send(resp, 405, req.getMethod() + " is not allowed on " + req.getRequestURI() + " (read-only: GET or HEAD)");
            return;
        }
        Caller caller = ApiKeyFilter.caller(req);
        if (rest.isEmpty()) {
            list(req, resp, caller);
            return;
        }
        Optional<DatasetSpec> spec = context.registry().dataset(parts[0]).filter(d -> context.access().canSee(caller, d));
        if (spec.isEmpty()) {
            // The answer of ops' DatasetsServlet for an unknown id, word for word: no existence leak.
            Problem.send(resp, 404, "no dataset '" + parts[0] + "' (or not one your key may see)");
            return;
        }
        resp.addHeader("Vary", "Authorization, X-API-Key");
        if (parts.length == 1) {
            page(req, resp, caller, spec.get());
        } else if (parts[1].equals("csv")) {
            csv(req, resp, caller, spec.get());
        } else {
            geojson(req, resp, caller, spec.get());
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp, Caller caller) throws IOException {
        if (!Negotiation.pageOrSeeOther(req, resp, OFFERED, f -> context.publicBase(req) + "catalog" + f.suffix())) {
            return;
        }
        PageRequest p = PageRequest.of(context, req, resp);
        Layout.send(req, resp, DatasetList.render(p, context.access().visibleDatasets(caller)));
    }

    private void page(HttpServletRequest req, HttpServletResponse resp, Caller caller, DatasetSpec spec) throws IOException {
        // RDF clients get the entry, which negotiates its syntax with the same Accept.
        if (!Negotiation.pageOrSeeOther(req, resp, OFFERED, f -> context.publicBase(req) + "catalog/datasets/" + spec.id())) {
            return;
        }
        String pageParam = req.getParameter("page");
        int page = 1;
        if (pageParam != null) {
            if (!pageParam.matches("[1-9][0-9]{0,6}")) {
                Problem.send(resp, 400, "page: a whole number from 1 to 9999999");
                return;
            }
            page = Integer.parseInt(pageParam);
        }
        MetaRecords.DatasetStatus status = MetaRecords.of(context.store().dataset(), context.graphs(), List.of(spec.id()), RUNS).get(0);
        Node graph = context.graphs().dataset(spec.id());
        DatasetView.Table table;
        List<MetaRecords.Version> history;
        long versions;
        Map<String, Long> classes;
        boolean geometries;
        Optional<String> coverage = Optional.empty();
        DatasetGraph dsg = context.store().dataset();
        dsg.begin(TxnType.READ);
        try {
            DatasetGraph view = context.view(caller);
            List<Node> subjects = subjects(view, graph, spec.id(), MetaRecords.version(dsg, context.graphs(), spec.id()));
            int pages = (subjects.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            if (page > Math.max(1, pages)) {
                Problem.send(resp, 404, "page: " + page + " is beyond the table's last page (" + Math.max(1, pages) + ")");
                return;
            }
            List<Node> shown = subjects.subList((page - 1) * PAGE_SIZE, Math.min(subjects.size(), page * PAGE_SIZE));
            table = new DatasetView.Table(Subjects.properties(view, graph, shown), Subjects.rows(view, graph, shown), subjects.size(),
                    page, pages, PAGE_SIZE);
            Map<Long, MetaRecords.Version> all = MetaRecords.versions(dsg, context.graphs(), spec.id());
            versions = all.size();
            history = all.values().stream().sorted(Comparator.comparingLong(MetaRecords.Version::version).reversed()).limit(HISTORY).toList();
            classes = Subjects.classes(view, graph);
            geometries = GeoJson.hasGeometries(view, graph);
            Optional<Node> place = spec.catalog().spatial();
            if (place.isPresent()) {
                var labels = view.find(context.graphs().dataset(context.registry().territory().referenceDataset()), place.get(),
                        RDFS.label.asNode(), Node.ANY);
                coverage = labels.hasNext() ? Optional.of(labels.next().getObject().getLiteralLexicalForm()) : Optional.empty();
            }
        } finally {
            dsg.end();
        }
        PageRequest p = PageRequest.of(context, req, resp);
        Messages m = p.messages(DatasetPage.class);
        List<DatasetView.Download> downloads = downloads(p, m, caller, spec, status.version() > 0, classes, geometries);
        List<DatasetView.TapLink> readers = TapsReading.of(taps.get(), graph).stream()
                .map(t -> new DatasetView.TapLink(t.name(), t.title())).toList();
        Optional<MetaRecords.Run> live = status.recentRuns().stream().filter(r -> r.outcome().equals("accepted")).findFirst();
        Optional<String> next = spec.cron().map(c -> Cron.parse(c).next(ZonedDateTime.now(ZONE))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV")));
        String query = "SELECT ?s ?p ?o\nWHERE {\n  GRAPH <" + graph.getURI() + "> { ?s ?p ?o }\n}\nORDER BY ?s ?p\nLIMIT 100\n";
        DatasetView v = new DatasetView(spec, context.registry().accessOf(spec), coverage, next, status, history, versions, live, table,
                downloads, readers, query);
        Layout.send(req, resp, new DatasetPage(p, ontology, iri -> context.localUrl(iri, req)).render(v));
    }

    /** The subjects of a dataset at a version, the same for every caller who may see it. */
    private record Listed(long version, List<Node> subjects) {}

    /** Subject lists kept, one per dataset at its live version, when not longer than this. */
    static final int KEPT_SUBJECTS = 200_000;
    private final java.util.concurrent.ConcurrentHashMap<String, Listed> listed = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Node> subjects(DatasetGraph view, Node graph, String id, long version) {
        Listed l = listed.get(id);
        if (l != null && l.version() == version && version > 0) {
            return l.subjects();
        }
        List<Node> all = Subjects.all(view, graph);
        if (all.size() <= KEPT_SUBJECTS && context.registry().dataset(id).isPresent()) {
            listed.put(id, new Listed(version, all));
        }
        return all;
    }

    /** The dump, a CSV per class and the GeoJSON when there are geometries, each with its size. */
    private List<DatasetView.Download> downloads(PageRequest p, Messages m, Caller caller, DatasetSpec spec, boolean loaded,
                                                 Map<String, Long> classes, boolean geometries) {
        List<DatasetView.Download> out = new ArrayList<>();
        if (!loaded) {
            return out;
        }
        String base = p.url("datasets/" + spec.id() + "/");
        out.add(new DatasetView.Download(m.get("download.nquads"), base + "dump.nq.gz", "application/gzip", size(() -> Dumps.size(context, spec))));
        for (Map.Entry<String, Long> c : classes.entrySet()) {
            String label = ontology.label(c.getKey(), p.lang().code()).orElse(c.getKey().replaceFirst(".*[#/]", ""));
            out.add(new DatasetView.Download(m.get("download.csv", label, c.getValue()), base + "csv?class="
                    + java.net.URLEncoder.encode(c.getKey(), java.nio.charset.StandardCharsets.UTF_8), "text/csv",
                    size(() -> Files.size(exports.file(caller, spec, Exports.Kind.csv(c.getKey()))))));
        }
        if (geometries) {
            out.add(new DatasetView.Download(m.get("download.geojson"), base + "geojson", GeoJson.MEDIA_TYPE,
                    size(() -> Files.size(exports.file(caller, spec, Exports.Kind.GEOJSON)))));
        }
        return out;
    }

    private interface Size {
        long get() throws IOException;
    }

    private static Optional<Long> size(Size s) {
        try {
            return Optional.of(s.get());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void csv(HttpServletRequest req, HttpServletResponse resp, Caller caller, DatasetSpec spec) throws IOException {
        String cls = req.getParameter("class");
        Map<String, Long> classes = classes(caller, spec);
        if (cls == null || cls.isEmpty()) {
            Problem.send(resp, 400, "class: name one of the dataset's classes (" + String.join(", ", classes.keySet()) + ")");
            return;
        }
        if (!classes.containsKey(cls)) {
            Problem.send(resp, 404, "class: the dataset has no subject of class '" + cls + "'");
            return;
        }
        send(req, resp, spec, exports.file(caller, spec, Exports.Kind.csv(cls)), Csv.MEDIA_TYPE,
                spec.id() + "-" + cls.substring(Math.max(cls.lastIndexOf('#'), cls.lastIndexOf('/')) + 1).replaceAll("[^A-Za-z0-9_-]", "") + ".csv");
    }

    private void geojson(HttpServletRequest req, HttpServletResponse resp, Caller caller, DatasetSpec spec) throws IOException {
        DatasetGraph dsg = context.store().dataset();
        boolean any;
        dsg.begin(TxnType.READ);
        try {
            any = GeoJson.hasGeometries(context.view(caller), context.graphs().dataset(spec.id()));
        } finally {
            dsg.end();
        }
        if (!any) {
            Problem.send(resp, 404, "the dataset '" + spec.id() + "' has no geometries (geo:asWKT)");
            return;
        }
        send(req, resp, spec, exports.file(caller, spec, Exports.Kind.GEOJSON), GeoJson.MEDIA_TYPE, spec.id() + ".geojson");
    }

    private Map<String, Long> classes(Caller caller, DatasetSpec spec) {
        DatasetGraph dsg = context.store().dataset();
        dsg.begin(TxnType.READ);
        try {
            return Subjects.classes(context.view(caller), context.graphs().dataset(spec.id()));
        } finally {
            dsg.end();
        }
    }

    private void send(HttpServletRequest req, HttpServletResponse resp, DatasetSpec spec, Path file, String type, String name) throws IOException {
        boolean open = context.access().canSee(Caller.ANONYMOUS, spec);
        resp.setHeader("Cache-Control", (open ? "public" : "private") + ", no-cache");
        resp.setStatus(200);
        resp.setContentType(type);
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        resp.setContentLengthLong(Files.size(file));
        if (!req.getMethod().equals("HEAD")) {
            fr.regie.server.http.Downloads.send(req, resp, file);
        }
    }
}
