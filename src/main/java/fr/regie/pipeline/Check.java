package fr.regie.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.Progress;
import fr.regie.r2rml.R2rmlException;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.error.RegieException;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkPath;
import fr.regie.territory.TerritoryIndex;

/**
 * A dry run of one dataset's refresh: maps it from its source (or another one), against the
 * territory and the live graph of an existing store, and says what a refresh would do, without
 * changing anything live (no write transaction, no change log, no row state, no report of a
 * rejection). What a partner runs, by command or over HTTP, before a refresh does it for real.
 */
public final class Check {
    /** At most this many records not placed are kept in a report (all are counted). */
    public static final int MAX_NOT_PLACED = 100_000;
    /** The most triples a check of an uploaded mapping may make. */
    public static final long MAX_UPLOADED_TRIPLES = 5_000_000;
    private static final int EXAMPLES = 10;
    /**
     * Triples a check stages in memory before it moves them to a temporary TDB2 database in its
     * scratch folder (system property {@code regie.check.inMemoryTriples}; 0 always stages on disk).
     */
    public static final long IN_MEMORY_TRIPLES = Long.getLong("regie.check.inMemoryTriples", 200_000);

    private final Registry registry;
    private final Store store;
    private final Path workDir;
    private final GraphNames graphs;
    private final long inMemoryTriples;
    private final int window;

    public Check(Registry registry, Store store, Path workDir) {
        this(registry, store, workDir, IN_MEMORY_TRIPLES);
    }

    /** As above, staging at most {@code inMemoryTriples} triples in memory (0: always on disk). */
    public Check(Registry registry, Store store, Path workDir, long inMemoryTriples) {
        this(registry, store, workDir, inMemoryTriples, CheckValidation.WINDOW);
    }

    /** As above, validating a staging on disk {@code window} subjects at a time (tests make it small). */
    Check(Registry registry, Store store, Path workDir, long inMemoryTriples, int window) {
        if (inMemoryTriples < 0 || window < 1) {
            throw new IllegalArgumentException("triples staged in memory: at least 0, not " + inMemoryTriples);
        }
        this.registry = registry;
        this.store = store;
        this.workDir = workDir;
        this.graphs = new GraphNames(registry.territory().baseIri());
        this.inMemoryTriples = inMemoryTriples;
        this.window = window;
    }

    /** A check that took longer than it was allowed. */
    private static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message, null, false, false);
        }
    }

    /** Maps one dataset as a refresh would; changes nothing live. Never throws for the partner's mistakes: the report says them. */
    public CheckReport run(CheckRequest request) {
        Instant start = Instant.now();
        Timings timings = new Timings();
        DatasetSpec spec = request.dataset();
        List<Path> mappingFiles = request.mappings().orElse(spec.mappings());
        if (spec.source().isMirror()) {
            return CheckReport.failed(spec.id(), start, List.of("dataset " + spec.id() + " mirrors " + spec.source().describe()
                    + ": it has no mapping of its own to check"), Map.of());
        }
        MappingDocument mapping;
        try {
            mapping = MappingReader.read(mappingFiles);
        } catch (MappingException e) {
            return CheckReport.failed(spec.id(), start, List.of(e.getMessage()), Map.of());
        }
        if (request.uploads().isPresent()) {
            Optional<String> refused = UploadedMapping.refusal(mapping, spec);
            if (refused.isPresent()) {
                return CheckReport.failed(spec.id(), start, List.of(refused.get()), Map.of());
            }
        }
        timings.lap("mapping file");
        boolean isTerritory = spec.id().equals(registry.territory().referenceDataset());
        TerritoryIndex territory = null;
        Extent extent = Extent.EVERYWHERE;
        // A dataset whose records are not placed needs no index of the territory (seconds to read).
        if (!isTerritory && spec.linkBy() != fr.regie.territory.LinkMethod.NONE) {
            String ref = registry.territory().referenceDataset();
            DatasetGraph dsg = store.dataset();
            long v = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, ref));
            if (v == 0) {
                return CheckReport.failed(spec.id(), start, List.of("the store has no territory reference (dataset '" + ref
                        + "'): build or refresh it first"), Map.of());
            }
            territory = Txn.calculateRead(dsg, () -> TerritoryIndex.of(dsg.getGraph(graphs.dataset(ref))));
            try {
                extent = Txn.calculateRead(dsg, () -> Extent.of(spec, dsg.getGraph(graphs.dataset(ref))));
            } catch (RegieException e) {
                return CheckReport.failed(spec.id(), start, List.of(e.getMessage()), Map.of());
            }
        }
        timings.lap("territory");
        Path scratch;
        try {
            scratch = Files.createTempDirectory(tempRoot(), "check-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the check", e);
        }
        Instant deadline = start.plus(request.timeout());
        long maxTriples = request.uploads().isPresent() ? MAX_UPLOADED_TRIPLES : Long.MAX_VALUE;
        Progress watch = (pass, rows, triples) -> {
            if (triples > maxTriples) {
                throw new TimedOut("the mapping made more than " + maxTriples + " triples (at " + rows + " rows of " + pass
                        + "), the most a check of an uploaded mapping may make; check a sample, or run regie check");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TimedOut("the check took longer than " + request.timeout().toSeconds() + " s (at " + rows
                        + " rows of " + pass + "); check a sample (--sample N) or a smaller file");
            }
        };
        try (OpenedSource source = CheckSources.open(spec, request.source(), workDir, scratch, request.uploads());
             StagingGraph into = new StagingGraph(scratch.resolve("staging"), inMemoryTriples)) {
            Staging staging = new Staging(spec, registry.territory().baseIri(), territory, extent, watch);
            timings.lap("source");
            // No row state: a check never saves one, and on a large source its hashes would fill the heap.
            Staging.Staged staged = staging.stage(source, mapping, null,
                    request.sample().orElse(Long.MAX_VALUE), MAX_NOT_PLACED, into, false);
            into.settle();
            timings.lap("mapping");
            Map<String, String> notes = new LinkedHashMap<>(source.notes());
            if (into.onDisk()) {
                notes.put("staging", "on disk (more than " + inMemoryTriples + " triples)");
            }
            return report(request, start, notes, staged, into.onDisk(), timings);
        } catch (TimedOut e) {
            return CheckReport.failed(spec.id(), start, List.of(e.getMessage()), Map.of());
        } catch (R2rmlException e) {
            return CheckReport.failed(spec.id(), start, List.of(e.getMessage()), Map.of());
        } catch (IOException e) {
            return CheckReport.failed(spec.id(), start, List.of(e.getMessage()), Map.of());
        } finally {
            Store.deleteTree(scratch);
        }
    }

    private Path tempRoot() throws IOException {
        Path p = workDir.resolve("checks");
        Files.createDirectories(p);
        return p;
    }

    /** Where the seconds of a check went, for its notes. */
    private static final class Timings {
        private final Map<String, Long> laps = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void lap(String step) {
            long now = System.nanoTime();
            laps.put(step, (now - last) / 1_000_000);
            last = now;
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            laps.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format(java.util.Locale.ROOT, "%.1f s", v / 1000.0)));
            return sb.toString();
        }
    }

    private CheckReport report(CheckRequest request, Instant start, Map<String, String> notes, Staging.Staged staged, boolean onDisk,
                               Timings timings) {
        DatasetSpec spec = request.dataset();
        DatasetGraph dsg = store.dataset();
        long live = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, spec.id()));
        // A sample says nothing of the records it did not read: compare only the subjects it made.
        Staging.Staged compared = request.sample().isPresent() ? staged.touching(subjects(staged)) : staged;
        DifferenceCount diff = DifferenceCount.of(store, graphs, spec.id(), compared, live, EXAMPLES);
        timings.lap("difference");
        Quality quality = CheckValidation.validate(spec, store, graphs, compared, diff, onDisk ? window : 0);
        timings.lap("SHACL");
        List<String> errors = new ArrayList<>();
        List<String> undeclared = Terms.undeclared(spec, staged.graph());
        if (request.strict() && !undeclared.isEmpty()) {
            errors.add(undeclared.size() + " term(s) that no ontology or vocabulary declares (strict): " + String.join(", ", undeclared));
        }
        if (quality.violations() > 0) {
            errors.add("SHACL: " + quality.summary());
        }
        MassDeletion deletion = diff.deletion();
        if (request.sample().isEmpty() && deletion.exceeds(spec.maxRemovalShare().doubleValue())) {
            errors.add(deletion.message(spec.maxRemovalShare().doubleValue()));
        }
        List<String> notPlaced = new ArrayList<>();
        for (CommuneLinker.Unmatched u : staged.unmatchedSamples()) {
            notPlaced.add(u.subject() + "\t" + u.reason());
        }
        List<String> removedExamples = new ArrayList<>();
        for (Triple t : diff.removedExamples()) {
            removedExamples.add(org.apache.jena.sparql.util.FmtUtils.stringForTriple(t, (org.apache.jena.shared.PrefixMapping) null));
        }
        long stagedTriples = staged.graph().size();
        Map<String, String> allNotes = new LinkedHashMap<>(notes);
        request.sample().ifPresent(n -> allNotes.put("sample", "the first " + n + " row(s) of each logical table or source;"
                + " the difference covers only the subjects they make"));
        allNotes.put("live version", Long.toString(live));
        allNotes.put("time", timings.text());
        return new CheckReport(spec.id(), start, java.time.Duration.between(start, Instant.now()), errors.isEmpty(), errors,
                staged.rows(), stagedTriples, LinkPath.DIRECT.count(staged.paths()), LinkPath.THROUGH_HISTORY.count(staged.paths()),
                LinkPath.BY_GEOMETRY.count(staged.paths()), staged.unmatched(), notPlaced, quality.conforms(), quality.violations(),
                quality.warnings(), quality.samples(), undeclared, diff.added(), diff.removed(),
                stagedTriples - diff.added(), removedExamples, allNotes);
    }

    private static Set<Node> subjects(Staging.Staged staged) {
        Set<Node> out = new HashSet<>();
        staged.graph().find().forEach(t -> out.add(t.getSubject()));
        return out;
    }
}
