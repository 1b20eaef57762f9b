package fr.regie.server.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;
import fr.regie.server.http.Conditional;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.http.Problem;
import fr.regie.store.ChangeLog;
import fr.regie.store.ChangeMembers;
import fr.regie.store.MemberIndex;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A dataset's change feed as a Linked Data Event Stream (SEMIC LDES over W3C TREE).
 * {@code GET /datasets/{id}/ldes} is the {@code ldes:EventStream} with its {@code tree:view},
 * page 1; {@code GET /datasets/{id}/ldes/{p}} is page p, a {@code tree:Node} of at most
 * {@link #pageSize} members with a {@code tree:GreaterThanOrEqualToRelation} on the time to the
 * next page once it is full. A member is a version object: for version V and a subject its
 * patch touched, {@code …/ldes/member/V/HASH dct:isVersionOf <subject>} with
 * {@code prov:generatedAtTime} (the version's time) and the subject's triples at V, or, when V
 * removed it, the type {@code as:Delete} ({@code ldes:versionDeleteObject}). A full page is
 * immutable (long-lived cache, {@code ldes:immutable true}); the last one is short-lived.
 */
final class LdesFeed {
    static final int DEFAULT_PAGE_SIZE = 250;
    static final List<MediaFormat> OFFERED = List.of(MediaFormat.TURTLE, MediaFormat.JSONLD, MediaFormat.NTRIPLES);
    /** How long a cache may keep the last page (it grows with each version). */
    static final int LAST_PAGE_MAX_AGE = 30;
    /** How many full pages' members are kept in memory (at most {@code pageSize} members each). */
    static final int KEPT_PAGES = 16;

    private static final java.util.regex.Pattern PAGE = java.util.regex.Pattern.compile("[1-9][0-9]{0,17}");
    private final ServerContext context;
    private final int pageSize;
    private final Map<String, MemberIndex> indexes = new ConcurrentHashMap<>();
    /**
     * The members of the last full pages asked for (they never change; by dataset, page size, first
     * version and page): a consumer walking the stream, or several, costs one replay per page.
     */
    private final Map<String, List<ChangeMembers.Description>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ChangeMembers.Description>> eldest) {
            return size() > KEPT_PAGES;
        }
    };

    LdesFeed(ServerContext context, int pageSize) {
        this.context = context;
        this.pageSize = pageSize;
    }

    /** {@code /ldes}: the event stream and its view. */
    void stream(HttpServletRequest req, HttpServletResponse resp, DatasetSpec spec) throws IOException {
        Optional<MediaFormat> format = Negotiation.negotiate(req, resp, OFFERED);
        if (format.isEmpty()) {
            return;
        }
        DatasetGraph dsg = context.store().dataset();
        LiveVersion v = readLive(dsg, spec);
        String es = streamUrl(req, spec);
        Graph g = graph();
        describeStream(g, es, spec);
        cacheHeaders(resp, spec, "no-cache");
        send(req, resp, g, format.get(), "\"ldes-" + v.token() + format.get().suffix() + "\"");
    }

    /** {@code /ldes/{p}}: one page. */
    void page(HttpServletRequest req, HttpServletResponse resp, DatasetSpec spec, String page) throws IOException {
        // One URL per page: digits as written, no sign, no leading zero, no other script's digits, no
        // path parameter (a full page is cached for a year, under this URL only).
        long p = PAGE.matcher(page).matches() && req.getRequestURI().endsWith("/ldes/" + page) ? Long.parseLong(page) : 0;
        if (p < 1) {
            Problem.send(resp, 404, "no page '" + page + "' in the event stream of '" + spec.id() + "' (pages are numbered from 1)");
            return;
        }
        Optional<MediaFormat> format = Negotiation.negotiate(req, resp, OFFERED);
        if (format.isEmpty()) {
            return;
        }
        DatasetGraph dsg = context.store().dataset();
        ChangeLog log = context.store().layout().changeLog(spec.id());
        MemberIndex index = indexes.computeIfAbsent(spec.id(), id -> new MemberIndex(context.store().layout().ldes(id)));
        Node graphName = context.graphs().dataset(spec.id());
        String es = streamUrl(req, spec);
        dsg.begin(TxnType.READ);
        try {
            LiveVersion live = LiveVersion.of(dsg, context.graphs(), spec.id());
            Graph liveGraph = dsg.getGraph(graphName);
            LdesPlan plan;
            try {
                plan = LdesPlan.of(liveGraph, spec.id(), live.version(), MetaRecords.versions(dsg, context.graphs(), spec.id()),
                        log, index, pageSize);
            } catch (LdesPlan.NoPatchException e) {
                Problem.send(resp, 410, e.getMessage() + "; start from the dump " + context.publicBase(req) + "datasets/" + spec.id()
                        + "/dump.nq.gz");
                return;
            }
            if (p > plan.pages()) {
                Problem.send(resp, 404, "no page " + p + " in the event stream of '" + spec.id() + "' (it has " + plan.pages()
                        + " now)");
                return;
            }
            boolean full = plan.full(p);
            String etag = full ? "\"ldes-" + p + "-" + pageSize + "-" + plan.firstToken() + format.get().suffix() + "\""
                    : "\"ldes-" + p + "-" + plan.total() + "-" + live.token() + format.get().suffix() + "\"";
            cacheHeaders(resp, spec, full ? "max-age=31536000, immutable" : "max-age=" + LAST_PAGE_MAX_AGE);
            if (Conditional.matches(req.getHeader("If-None-Match"), etag)) {
                resp.setHeader("ETag", etag);
                resp.setStatus(304);
                return;
            }
            String key = spec.id() + "/" + pageSize + "/" + plan.firstToken() + "/" + p;
            List<ChangeMembers.Description> described = full ? described(key) : null;
            if (described == null) {
                described = describe(plan, p, log, index, liveGraph);
                if (full) {
                    keep(key, described);
                }
            }
            Graph g = pageGraph(es, spec, plan, p, described);
            send(req, resp, g, format.get(), etag);
        } finally {
            dsg.end();
        }
    }

    /** The members of page {@code p}, each described at its version. */
    private static List<ChangeMembers.Description> describe(LdesPlan plan, long p, ChangeLog log, MemberIndex index, Graph liveGraph)
            throws IOException {
        List<ChangeMembers.Member> members = new ArrayList<>();
        for (LdesPlan.Slot s : plan.slots(p)) {
            long version = s.entry().version();
            for (Node subject : index.slice(version, s.entry().token(), s.from(), s.count(), plan.lister(log, liveGraph, version))) {
                members.add(new ChangeMembers.Member(version, subject));
            }
        }
        return ChangeMembers.describe(log, plan.live(), liveGraph, members);
    }

    /** Page {@code p}: the stream, the node, its members and, when full, its relation to the next page. */
    private Graph pageGraph(String es, DatasetSpec spec, LdesPlan plan, long p, List<ChangeMembers.Description> described) {
        Graph g = graph();
        describeStream(g, es, spec);
        Node node = NodeFactory.createURI(es + "/" + p);
        g.add(node, RDF.Nodes.type, LdesTerms.Node);
        Map<Long, String> times = new HashMap<>();
        plan.versions().forEach(e -> times.put(e.version(), e.time()));
        String lastTime = null;
        for (ChangeMembers.Description d : described) {
            lastTime = times.get(d.member().version());
            addMember(g, es, d, lastTime);
        }
        if (plan.full(p)) {
            g.add(node, LdesTerms.immutable, NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
            Node rel = NodeFactory.createBlankNode();
            g.add(node, LdesTerms.relation, rel);
            g.add(rel, RDF.Nodes.type, LdesTerms.GreaterThanOrEqualToRelation);
            g.add(rel, LdesTerms.node, NodeFactory.createURI(es + "/" + (p + 1)));
            // Every member of the next pages is at least as recent as the last of this one.
            g.add(rel, LdesTerms.path, LdesTerms.generatedAtTime);
            g.add(rel, LdesTerms.value, NodeFactory.createLiteralDT(lastTime, XSDDatatype.XSDdateTime));
        }
        return g;
    }

    /** The members of a full page described before, if still kept. */
    private List<ChangeMembers.Description> described(String key) {
        synchronized (recent) {
            return recent.get(key);
        }
    }

    private void keep(String key, List<ChangeMembers.Description> described) {
        synchronized (recent) {
            recent.put(key, List.copyOf(described));
        }
    }

    private LiveVersion readLive(DatasetGraph dsg, DatasetSpec spec) {
        dsg.begin(TxnType.READ);
        try {
            return LiveVersion.of(dsg, context.graphs(), spec.id());
        } finally {
            dsg.end();
        }
    }

    private static Graph graph() {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("ldes", LdesTerms.LDES).setNsPrefix("tree", LdesTerms.TREE)
                .setNsPrefix("dct", "http://purl.org/dc/terms/").setNsPrefix("prov", "http://www.w3.org/ns/prov#")
                .setNsPrefix("as", "https://www.w3.org/ns/activitystreams#").setNsPrefix("rdf", RDF.getURI())
                .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        return g;
    }

    /** The stream's own description: on the stream document and on every page. */
    private void describeStream(Graph g, String es, DatasetSpec spec) {
        Node s = NodeFactory.createURI(es);
        g.add(s, RDF.Nodes.type, LdesTerms.EventStream);
        g.add(s, LdesTerms.title, NodeFactory.createLiteralString("Versions of " + spec.id()));
        g.add(s, LdesTerms.view, NodeFactory.createURI(es + "/1"));
        g.add(s, LdesTerms.timestampPath, LdesTerms.generatedAtTime);
        g.add(s, LdesTerms.versionOfPath, LdesTerms.isVersionOf);
        g.add(s, LdesTerms.versionDeletePath, RDF.Nodes.type);
        g.add(s, LdesTerms.versionDeleteObject, LdesTerms.Delete);
        g.add(NodeFactory.createURI(es + "/1"), RDF.Nodes.type, LdesTerms.Node);
    }

    /**
     * A version object: the subject's triples with the member as subject; blank nodes are made
     * anew for each member, so that no two members share one.
     */
    private static void addMember(Graph g, String es, ChangeMembers.Description d, String time) {
        Node subject = d.member().subject();
        Node m = NodeFactory.createURI(es + "/member/" + d.member().version() + "/" + hash(subject.getURI()));
        g.add(NodeFactory.createURI(es), LdesTerms.member, m);
        g.add(m, LdesTerms.isVersionOf, subject);
        g.add(m, LdesTerms.generatedAtTime, NodeFactory.createLiteralDT(time, XSDDatatype.XSDdateTime));
        if (d.removed()) {
            g.add(m, RDF.Nodes.type, LdesTerms.Delete);
            return;
        }
        Map<Node, Node> blanks = new HashMap<>();
        for (Triple t : d.triples()) {
            Node s = t.getSubject().equals(subject) ? m : fresh(t.getSubject(), blanks);
            g.add(s, t.getPredicate(), fresh(t.getObject(), blanks));
        }
    }

    private static Node fresh(Node n, Map<Node, Node> blanks) {
        return n.isBlank() ? blanks.computeIfAbsent(n, k -> NodeFactory.createBlankNode()) : n;
    }

    /** 16 hex digits of the SHA-256 of an IRI: a member's name within its version. */
    static String hash(String iri) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(iri.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void cacheHeaders(HttpServletResponse resp, DatasetSpec spec, String lifetime) {
        boolean open = context.access().canSee(Caller.ANONYMOUS, spec);
        resp.setHeader("Cache-Control", (open ? "public" : "private") + ", " + lifetime);
    }

    private static void send(HttpServletRequest req, HttpServletResponse resp, Graph g, MediaFormat format, String etag)
            throws IOException {
        resp.setHeader("ETag", etag);
        if (Conditional.matches(req.getHeader("If-None-Match"), etag)) {
            resp.setStatus(304);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(format.contentType());
        if (req.getMethod().equals("HEAD")) {
            return;
        }
        RDFFormat f = format == MediaFormat.TURTLE ? RDFFormat.TURTLE_BLOCKS : format == MediaFormat.JSONLD ? RDFFormat.JSONLD
                : RDFFormat.NTRIPLES;
        RDFWriter.source(g).format(f).output(resp.getOutputStream());
    }

    static String streamUrl(HttpServletRequest req, ServerContext context, DatasetSpec spec) {
        return context.publicBase(req) + "datasets/" + spec.id() + "/ldes";
    }

    private String streamUrl(HttpServletRequest req, DatasetSpec spec) {
        return streamUrl(req, context, spec);
    }
}
