package fr.regie.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

import fr.regie.r2rml.SourceException;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.MirrorSource;
import fr.regie.source.UpstreamRegie;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.store.StoreTerms;
import fr.regie.territory.ReferenceIris;

/**
 * One refresh of a mirror ({@code regie:mirrorOf}): the dataset follows another Régie's. The
 * first time, and whenever the upstream's change feed cannot take it from where it is, it reads
 * the upstream's dump and makes one local version of the full difference with its live graph.
 * Otherwise it applies each upstream patch after the upstream version it reached as one local
 * version (at most {@link MirrorSource#MAX_PATCHES_PER_RUN} per run). Every version goes
 * through the same gate and commit as a refresh: SHACL, the mass-deletion guard, the local RDF
 * Patch, the provenance ({@code prov:wasDerivedFrom} the upstream dataset, the upstream version).
 * A gap in the feed (410, versions that do not follow, a {@code prev} header that does not name
 * the last patch applied), a corrupt patch, or a patch that does not fit the live graph sends
 * the run to the dump; an upstream that cannot be reached is a {@link SourceException}: the
 * run fails and the live graph stays as it was.
 */
final class MirrorRun {
    private final DatasetSpec spec;
    private final MirrorSource mirror;
    private final Store store;
    private final GraphNames graphs;
    private final long maxViolations;
    private final Set<Refresher.Flag> flags;
    private final Node upstreamNode;
    private final Path workDir;
    private final Extent extent;
    private Instant start;

    /**
     * A run; the upstream's dump is downloaded under {@code workDir/mirror/} before it is read.
     * A mirror scoped by {@code regie:within} ({@code extent}) cannot apply a patch to records
     * it does not hold: when the upstream has moved on it reads the dump again, cut to the
     * extent, and makes the difference one local version.
     */
    MirrorRun(DatasetSpec spec, Store store, GraphNames graphs, Path workDir, Extent extent, long maxViolations,
              Set<Refresher.Flag> flags, Instant start) {
        this.workDir = workDir;
        this.extent = extent;
        this.spec = spec;
        this.mirror = spec.source().mirror().orElseThrow();
        this.store = store;
        this.graphs = graphs;
        this.maxViolations = maxViolations;
        this.flags = Set.copyOf(flags);
        this.start = start;
        this.upstreamNode = NodeFactory.createURI(mirror.dataset().toString());
    }

    /** Runs; an upstream that cannot be read propagates as a {@link SourceException}. */
    RefreshResult run() throws IOException {
        try (UpstreamRegie up = new UpstreamRegie(mirror.dataset(), mirror.timeout(), mirror.maxBytes())) {
            DatasetGraph dsg = store.dataset();
            Optional<UpstreamVersion> at = Txn.calculateRead(dsg, () -> MetaRecords.upstream(dsg, graphs, spec.id()))
                    .filter(u -> u.dataset().equals(upstreamNode));
            if (at.isEmpty()) {
                return fromDump(up, "first copy");
            }
            if (flags.contains(Refresher.Flag.FULL)) {
                return fromDump(up, "full refresh asked for");
            }
            if (!extent.everywhere()) {
                return scoped(up, at.get());
            }
            return follow(up, at.get());
        }
    }

    /** A scoped mirror: nothing new upstream writes nothing; anything new is read from the dump, cut to the extent. */
    private RefreshResult scoped(UpstreamRegie up, UpstreamVersion at) throws IOException {
        Optional<List<Long>> listed = up.versionsAfter(at.version(), 1);
        if (listed.isPresent() && listed.get().isEmpty()) {
            return new RefreshResult(spec.id(), RefreshResult.Outcome.UNCHANGED, liveVersion(), RefreshResult.Changes.NONE,
                    RefreshResult.Linking.NONE, null, "upstream unchanged at version " + at.version() + " (not recorded)", 1, start,
                    Instant.now());
        }
        return fromDump(up, "the upstream moved on from version " + at.version() + "; a mirror kept to its territory reads the dump");
    }

    /** Applies the upstream's patches after {@code at}, one local version each. */
    private RefreshResult follow(UpstreamRegie up, UpstreamVersion at) throws IOException {
        Optional<List<Long>> listed = up.versionsAfter(at.version(), MirrorSource.MAX_PATCHES_PER_RUN);
        if (listed.isEmpty()) {
            return fromDump(up, "the upstream's change feed cannot go on from version " + at.version());
        }
        List<Long> versions = listed.get();
        long live = liveVersion();
        if (versions.isEmpty()) {
            // Polled often and nothing new: no trace, as for a web feed that did not change.
            return new RefreshResult(spec.id(), RefreshResult.Outcome.UNCHANGED, live, RefreshResult.Changes.NONE,
                    RefreshResult.Linking.NONE, null, "upstream unchanged at version " + at.version() + " (not recorded)", 1, start,
                    Instant.now());
        }
        UpstreamVersion reached = at;
        RefreshResult last = null;
        for (long v : versions) {
            if (v != reached.version() + 1) {
                return fromDump(up, "the upstream's change feed jumps from version " + reached.version() + " to " + v);
            }
            Optional<UpstreamRegie.Body> body = up.patch(v);
            if (body.isEmpty()) {
                return fromDump(up, "upstream version " + v + " has no patch");
            }
            UpstreamPatch patch;
            try (InputStream in = body.get().in()) {
                patch = UpstreamPatch.read(in, mirror.upstreamId(), graphs.base());
            } catch (UpstreamPatch.Corrupt e) {
                return fromDump(up, "upstream patch " + v + " is corrupt (" + e.getMessage() + ")");
            }
            if (reached.patch().isPresent() && !patch.prev().equals(reached.patch())) {
                return fromDump(up, "upstream patch " + v + " does not follow the last one applied (its prev header)");
            }
            UpstreamVersion next = new UpstreamVersion(upstreamNode, v, patch.id());
            Optional<Difference> diff = fit(patch, live);
            if (diff.isEmpty()) {
                return fromDump(up, "upstream patch " + v + " does not fit the live graph (the copy drifted)");
            }
            last = commit(staged(patch.added(), diff.get()), diff.get(), next, "upstream version " + v);
            if (last.outcome() != RefreshResult.Outcome.ACCEPTED && last.outcome() != RefreshResult.Outcome.UNCHANGED) {
                return last; // rejected by the gate: the mirror waits at the last version it accepted
            }
            reached = next;
            live = last.version();
            nextStart();
        }
        return last;
    }

    /**
     * The difference a patch makes to the live graph, or empty when it does not fit: a triple it
     * deletes that is not live, or one it adds that is (the copy is not the upstream's version).
     */
    private Optional<Difference> fit(UpstreamPatch patch, long live) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> {
            Graph g = dsg.getGraph(graphs.dataset(spec.id()));
            Set<Triple> deleted = new HashSet<>(patch.deleted());
            if (deleted.size() != patch.deleted().size() || new HashSet<>(patch.added()).size() != patch.added().size()) {
                return Optional.<Difference>empty();
            }
            for (Triple t : patch.deleted()) {
                if (!g.contains(t)) {
                    return Optional.<Difference>empty();
                }
            }
            for (Triple t : patch.added()) {
                if (g.contains(t) || deleted.contains(t)) {
                    return Optional.<Difference>empty();
                }
            }
            long size = g.size();
            return Optional.of(new Difference(live, size, size, List.copyOf(patch.deleted()), List.copyOf(patch.added())));
        });
    }

    /** What the gate judges of a patch: its additions staged, the subjects it touches, the upstream's triples after it. */
    private static Staging.Staged staged(List<Triple> added, Difference diff) {
        Graph g = GraphFactory.createGraphMem();
        added.forEach(g::add);
        Set<Node> touched = new HashSet<>();
        diff.removed().forEach(t -> touched.add(t.getSubject()));
        added.forEach(t -> touched.add(t.getSubject()));
        long after = diff.liveTriples() - diff.removed().size() + added.size();
        return new Staging.Staged(g, touched, after, 0, 0, List.of(), Map.of(), null, true, 0, 0);
    }

    /** Reads the upstream's dump and makes the full difference with the live graph one local version. */
    private RefreshResult fromDump(UpstreamRegie up, String why) throws IOException {
        Graph g = GraphFactory.createGraphMem();
        long version;
        try (UpstreamRegie.Body dump = up.dump(workDir.resolve("mirror"))) {
            version = dump.version();
            DumpSink sink = new DumpSink(g, mirror.upstreamId(), graphs.base());
            try {
                // Blank nodes keep the upstream's labels, so that its later patches name them as the store does.
                RDFParser.source(dump.in()).lang(Lang.NQUADS).labelToNode(LabelToNode.createUseLabelEncoded()).parse(sink);
            } catch (RuntimeException e) {
                SourceException s = UpstreamPatch.sourceCause(e);
                throw s != null ? s : new SourceException(mirror.describe() + " dump", "it does not parse as N-Quads: " + e.getMessage());
            }
            if (sink.problem != null) {
                throw new SourceException(mirror.describe() + " dump", sink.problem);
            }
        }
        long outside = extent.keepWithin(g);
        Staging.Staged staged = new Staging.Staged(g, Set.of(), g.size(), 0, 0, List.of(), Map.of(), null, false, 0, outside);
        Difference diff = Difference.of(store, graphs, spec.id(), staged, liveVersion());
        // A copy of the upstream: the rows it is made of are the upstream's triples, before and after.
        diff = new Difference(diff.live(), diff.liveTriples(), diff.liveTriples(), diff.removed(), diff.added());
        return commit(staged, diff, new UpstreamVersion(upstreamNode, version, Optional.empty()),
                "upstream version " + version + " from its dump (" + why + ")");
    }

    private RefreshResult commit(Staging.Staged staged, Difference diff, UpstreamVersion upstream, String note) throws IOException {
        Gate gate = new Gate(spec, store, graphs, maxViolations, flags.contains(Refresher.Flag.ALLOW_MASS_DELETION), start);
        Gate.Verdict v = gate.judge(staged, diff);
        String message = v.message() == null || v.message().isEmpty() ? note : note + "; " + v.message();
        Gate.Verdict noted = new Gate.Verdict(v.outcome(), message, v.quality(), v.report());
        return new Commit(spec, store, graphs, start).apply(staged, diff, noted, new Commit.Provenance(List.of(), Map.of(), null, upstream));
    }

    private long liveVersion() {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, spec.id()));
    }

    /** Each version's run has its own record, named by its start: the next one starts at least a millisecond later. */
    private void nextStart() {
        Instant now = Instant.now();
        start = now.toEpochMilli() > start.toEpochMilli() ? now : start.plusMillis(1);
    }

    /** The dump's quads into the staging graph: one graph ({@code {base}graph/{id}}), reference IRIs moved, store terms. */
    private static final class DumpSink extends StreamRDFBase {
        private final Graph into;
        private final String upstreamId;
        private final String localBase;
        private ReferenceIris rewrite;
        Node graph;
        String problem;

        DumpSink(Graph into, String upstreamId, String localBase) {
            this.into = into;
            this.upstreamId = upstreamId;
            this.localBase = localBase;
        }

        @Override
        public void quad(Quad q) {
            if (problem != null) {
                return;
            }
            if (graph == null) {
                Optional<String> base = UpstreamPatch.baseOf(q.getGraph(), upstreamId);
                if (base.isEmpty()) {
                    problem = "its quads are in <" + q.getGraph() + ">, not in the upstream dataset's graph ({base}graph/" + upstreamId + ")";
                    return;
                }
                graph = q.getGraph();
                rewrite = new ReferenceIris(base.get(), localBase);
            } else if (!graph.equals(q.getGraph())) {
                problem = "it holds more than one graph (<" + graph + "> and <" + q.getGraph() + ">)";
                return;
            }
            String refusal = rewrite.refusal(q.asTriple());
            if (refusal != null) {
                problem = "a quad is refused: " + refusal;
                return;
            }
            into.add(StoreTerms.canonical(rewrite.rewrite(q.asTriple())));
        }

        @Override
        public void triple(Triple t) {
            problem = problem != null ? problem : "it holds a triple outside any named graph";
        }
    }
}
