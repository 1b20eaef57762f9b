package fr.regie.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.Progress;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.store.StoreTerms;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.TerritoryIndex;

/**
 * One attempt at refreshing one dataset (see {@link Refresher}). The mapping runs over the source
 * into a staging graph; with the row state of the last refresh, only rows that changed, and the
 * subjects they touch, are mapped and compared with the live graph; without it, everything is.
 * The staged change is validated, gated, written to the change log, and applied with its
 * provenance in one write transaction.
 */
final class RefreshRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final DatasetSpec spec;
    private final Store store;
    private final GraphNames graphs;
    private final String baseIri;
    private final TerritoryIndex territory;
    private final long maxViolations;
    private final Set<Refresher.Flag> flags;
    private final Instant start;
    private final Progress progress;

    RefreshRun(DatasetSpec spec, Store store, GraphNames graphs, String baseIri, TerritoryIndex territory,
               long maxViolations, Set<Refresher.Flag> flags, Instant start, Progress progress) {
        this.progress = progress;
        this.spec = spec;
        this.store = store;
        this.graphs = graphs;
        this.baseIri = baseIri;
        this.territory = territory;
        this.maxViolations = maxViolations;
        this.flags = Set.copyOf(flags);
        this.start = start;
    }

    static Path stateFile(Store store, String id) {
        return store.dir().resolve("regie").resolve("state").resolve(id + ".state");
    }

    static ChangeLog changeLog(Store store, String id) {
        return new ChangeLog(store.dir().resolve("regie").resolve("changes").resolve(id));
    }

    /** Runs; source and mapping errors propagate (the caller retries or records the failure). */
    RefreshResult run(Database db, MappingDocument mapping, RefreshKey key, List<String[]> mappingFiles) throws IOException {
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        long live = Txn.calculateRead(dsg, () -> MetaRecorder.version(dsg, graphs, spec.id()));
        // A full refresh forgets what the last one saw: no fingerprint skip, no row state.
        Optional<RowState> state = flags.contains(Refresher.Flag.FULL) ? Optional.empty() : RowState.load(stateFile(store, spec.id()))
                .filter(s -> s.version() == live && live > 0 && s.key().equals(key.value()));
        Map<String, String> digests = SourceDigest.compute(db, mapping);
        if (state.isPresent() && !digests.isEmpty() && digests.equals(state.get().digests())) {
            return finish(new Staged(GraphFactory.createGraphMem(), Set.of(), 0, 0, 0, List.of(), null, true), live,
                    List.of(), List.of(), mappingFiles, db.description(), digests, key, true);
        }
        Staged staged = stage(db, mapping, state.orElse(null));
        // The difference with the live graph: for the subjects touched, or for everything.
        List<Triple> added = new ArrayList<>();
        List<Triple> removed = new ArrayList<>();
        Txn.executeRead(dsg, () -> {
            Graph liveGraph = dsg.getGraph(graph);
            if (staged.incremental()) {
                for (Node s : staged.touched()) {
                    liveGraph.find(s, Node.ANY, Node.ANY).forEach(t -> {
                        if (!staged.graph().contains(t)) {
                            removed.add(t);
                        }
                    });
                }
            } else {
                liveGraph.find().forEach(t -> {
                    if (!staged.graph().contains(t)) {
                        removed.add(t);
                    }
                });
            }
            staged.graph().find().forEach(t -> {
                if (!liveGraph.contains(t)) {
                    added.add(t);
                }
            });
        });
        return finish(staged, live, added, removed, mappingFiles, db.description(), digests, key, false);
    }

    /** What the mapping produced this time. */
    private record Staged(Graph graph, Set<Node> touched, long rows, long linked, long unmatched,
                          List<CommuneLinker.Unmatched> unmatchedSamples, RowState.Builder newState, boolean incremental) {}

    private StreamRDF linked(Graph into, CommuneLinker[] holder) {
        // Staged in the store's terms, so that the difference with the live graph is by one identity.
        StreamRDF sink = StoreTerms.canonical(StreamRDFLib.graph(into));
        if (territory != null && spec.linkBy() != LinkMethod.NONE) {
            holder[0] = new CommuneLinker(sink, territory, spec.linkBy());
            return holder[0];
        }
        return sink;
    }

    private Staged stage(Database db, MappingDocument mapping, RowState old) {
        Graph fresh = GraphFactory.createGraphMem();
        CommuneLinker[] linker = new CommuneLinker[1];
        RowState.Builder next = new RowState.Builder();
        Set<Node> touched = new HashSet<>();
        Map<String, Set<Long>> seen = new LinkedHashMap<>();
        boolean[] blank = new boolean[1];
        RunStats run = R2rml.create().mapping(mapping).database(db).baseIri(baseIri).progress(progress).rowGate((pass, hash, subject) -> {
            // A blank-node subject cannot be found again in the live graph: no row state then.
            blank[0] |= subject != null && !subject.isURI();
            next.add(pass, hash, subject != null && subject.isURI() ? subject.getURI() : null);
            if (old == null) {
                return true;
            }
            RowState.PassRows before = old.pass(pass);
            seen.computeIfAbsent(pass, k -> new HashSet<>()).add(hash);
            if (before != null && before.contains(hash)) {
                return false;
            }
            if (subject != null) {
                touched.add(subject);
            }
            return true;
        }).build().run(linked(fresh, linker));
        long rows = run.rows();
        if (old != null) {
            // Rows gone since last time: their subjects are touched too.
            for (Map.Entry<String, RowState.PassRows> e : old.passes().entrySet()) {
                Set<Long> now = seen.getOrDefault(e.getKey(), Set.of());
                RowState.PassRows p = e.getValue();
                for (int i = 0; i < p.hashes().length; i++) {
                    if (!now.contains(p.hashes()[i]) && p.subjects()[i] != null) {
                        touched.add(NodeFactory.createURI(p.subjects()[i]));
                    }
                }
            }
            // Unchanged rows of touched subjects (another pass, or another row of the same
            // subject) are mapped again, so that each touched subject is complete.
            if (!touched.isEmpty() && needsSecondScan(next, touched, old)) {
                R2rml.create().mapping(mapping).database(db).baseIri(baseIri).rowGate((pass, hash, subject) -> {
                    RowState.PassRows before = old.pass(pass);
                    return subject != null && touched.contains(subject) && before != null && before.contains(hash);
                }).build().run(linked(fresh, new CommuneLinker[1]));
            }
        }
        CommuneLinker l = linker[0];
        return new Staged(fresh, touched, rows, l == null ? 0 : l.linked(), l == null ? 0 : l.unmatchedCount(),
                l == null ? List.of() : l.unmatched(), blank[0] ? null : next, old != null);
    }

    private static boolean needsSecondScan(RowState.Builder next, Set<Node> touched, RowState old) {
        RowState now = next.build(0, "", Map.of());
        Set<String> names = new HashSet<>();
        touched.forEach(n -> names.add(n.getURI()));
        for (Map.Entry<String, RowState.PassRows> e : now.passes().entrySet()) {
            RowState.PassRows before = old.pass(e.getKey());
            RowState.PassRows p = e.getValue();
            for (int i = 0; i < p.hashes().length; i++) {
                if (p.subjects()[i] != null && names.contains(p.subjects()[i]) && before != null && before.contains(p.hashes()[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private RefreshResult finish(Staged staged, long live, List<Triple> added, List<Triple> removed, List<String[]> mappingFiles,
                                 String source, Map<String, String> digests, RefreshKey key, boolean digestUnchanged)
            throws IOException {
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        Quality quality = digestUnchanged ? null : validate(staged, added, removed);
        RefreshResult.Outcome outcome;
        String message = "";
        String reportPath = null;
        if (digestUnchanged) {
            outcome = RefreshResult.Outcome.UNCHANGED;
            message = "source fingerprint unchanged";
        } else if (quality.violations() > maxViolations) {
            outcome = RefreshResult.Outcome.REJECTED;
            message = "quality gate: " + quality.violations() + " violation(s), at most " + maxViolations + " allowed";
            reportPath = keepReport(quality);
        } else if (added.isEmpty() && removed.isEmpty()) {
            outcome = RefreshResult.Outcome.UNCHANGED;
        } else {
            outcome = RefreshResult.Outcome.ACCEPTED;
        }
        long version = outcome == RefreshResult.Outcome.ACCEPTED ? live + 1 : live;
        RefreshResult result = new RefreshResult(spec.id(), outcome, version, staged.rows(),
                outcome == RefreshResult.Outcome.ACCEPTED ? added.size() : 0, outcome == RefreshResult.Outcome.ACCEPTED ? removed.size() : 0,
                staged.incremental() || digestUnchanged, quality, staged.linked(), staged.unmatched(), staged.unmatchedSamples(), message, 1,
                start, Instant.now());
        if (outcome == RefreshResult.Outcome.ACCEPTED) {
            // Write-ahead: the patch is on disk before the version that it describes commits.
            changeLog(store, spec.id()).write(version, graph, removed, added);
        }
        String report = reportPath;
        Txn.executeWrite(dsg, () -> {
            if (result.outcome() == RefreshResult.Outcome.ACCEPTED) {
                Graph g = dsg.getGraph(graph);
                removed.forEach(g::delete);
                added.forEach(g::add);
            }
            // Size and completeness change only with the data; other runs keep the last figures.
            boolean changed = result.outcome() == RefreshResult.Outcome.ACCEPTED;
            new MetaRecorder(dsg, graphs).record(spec, result, mappingFiles, source, report,
                    changed ? Completeness.of(spec, dsg.getGraph(graph)) : Map.of(), changed ? dsg.getGraph(graph).size() : -1);
        });
        if (outcome == RefreshResult.Outcome.ACCEPTED || outcome == RefreshResult.Outcome.UNCHANGED) {
            if (staged.newState() != null) {
                staged.newState().build(version, key.value(), digests).save(stateFile(store, spec.id()));
            } else if (!digestUnchanged) {
                Files.deleteIfExists(stateFile(store, spec.id()));
            }
        }
        return result;
    }

    private Quality validate(Staged staged, List<Triple> added, List<Triple> removed) {
        if (staged.graph().isEmpty()) {
            return new Quality(true, 0, 0, 0, Map.of(), List.of());
        }
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> {
            // The store as it would be: the staged subjects' old triples hidden, their new ones beside.
            Set<Node> replaced = new HashSet<>(staged.touched());
            staged.graph().find().forEach(t -> replaced.add(t.getSubject()));
            Graph context = new WithoutSubjects(dsg.getUnionGraph(), replaced);
            return Validation.validate(spec, staged.graph(), context);
        });
    }

    /** Keeps a rejected run's SHACL summary beside the store, for the operator and the partner. */
    private String keepReport(Quality quality) {
        Path dir = store.dir().resolve("regie").resolve("reports").resolve(spec.id());
        Path file = dir.resolve(STAMP.format(start) + ".txt");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("Refresh of " + spec.id() + " rejected at " + start + ": " + quality.summary() + "\n").getBytes());
                for (Map.Entry<String, Long> e : quality.byShape().entrySet()) {
                    out.write(String.format("%,8d × %s%n", e.getValue(), e.getKey()).getBytes());
                }
                for (String s : quality.samples()) {
                    out.write(("  " + s + "\n").getBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the quality report in " + dir, e);
        }
        return store.dir().relativize(file).toString();
    }
}
