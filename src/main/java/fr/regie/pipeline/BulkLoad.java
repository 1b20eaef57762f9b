package fr.regie.pipeline;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;
import fr.regie.store.GraphNames;
import fr.regie.store.OutboxEntry;
import fr.regie.store.ChangeLog;
import fr.regie.store.Store;
import fr.regie.store.StoreTerms;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.TerritoryIndex;
import fr.regie.registry.DatasetSpec;

/**
 * The first load of a large dataset: the mapping streams straight into TDB2's phased bulk loader,
 * no staging, no intermediate file. It writes the version-1 patch (unless told not to) and the
 * row state, so later refreshes are incremental; it then validates what was loaded and removes it
 * again if the quality gate refuses it. Only for a dataset with no live version.
 */
public final class BulkLoad {
    private BulkLoad() {}

    /**
     * Loads; {@code territory} is null for the territory itself, {@code territoryVersion} the
     * live version of the territory reference the records are linked to (0 for the territory).
     */
    public static RefreshResult load(DatasetSpec spec, Store store, GraphNames graphs, String baseIri, Database db,
                                     TerritoryIndex territory, long territoryVersion, boolean writePatch, long maxViolations,
                                     MonitorOutput monitor) throws IOException {
        Instant start = Instant.now();
        DatasetGraph dsg = store.dataset();
        Node graph = graphs.dataset(spec.id());
        long live = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, spec.id()));
        if (live > 0) {
            throw new IllegalStateException("dataset " + spec.id() + " already has version " + live + ": use regie refresh");
        }
        if (!spec.within().isEmpty()) {
            // The bulk loader streams straight into the store: it cannot leave records out afterwards.
            throw new IllegalStateException("dataset " + spec.id() + " has a regie:within scope, which the bulk loader cannot apply: use regie refresh");
        }
        if (spec.source().isMirror()) {
            throw new IllegalStateException("dataset " + spec.id() + " mirrors " + spec.source().describe()
                    + ": regie refresh copies it from the upstream's dump");
        }
        MappingDocument mapping = MappingReader.read(spec.mappings());
        RowState.Builder state = new RowState.Builder();
        AtomicBoolean blank = new AtomicBoolean();
        // Quads into the dataset: a loader aimed at a graph ignores quads streamed to it.
        DataLoader loader = LoaderFactory.phasedLoader(dsg, monitor);
        ChangeLog log = store.layout().changeLog(spec.id());
        log.truncateAfter(0);
        Path patchTmp = log.pending(1);
        RunStats run;
        AtomicLong count = new AtomicLong();
        CommuneLinker linker;
        try (FileOutputStream fos = new FileOutputStream(patchTmp.toFile());
             OutputStream patchOut = new BufferedOutputStream(fos, 1 << 16)) {
            RDFChanges patch = writePatch ? RDFPatchOps.textWriter(patchOut) : null;
            if (patch != null) {
                patch.start();
                patch.header("id", log.id(1));
                patch.txnBegin();
            }
            StreamRDF into = new StreamRDFWrapper(loader.stream()) {
                @Override
                public void triple(Triple written) {
                    // The patch holds the terms the store serves, as a refresh's patches do.
                    Triple t = StoreTerms.canonical(written);
                    super.quad(Quad.create(graph, t));
                    count.incrementAndGet();
                    if (patch != null) {
                        patch.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
                    }
                }
            };
            linker = territory != null && spec.linkBy() != LinkMethod.NONE ? new CommuneLinker(into, territory, spec.linkBy()) : null;
            loader.startBulk();
            try {
                run = R2rml.create().mapping(mapping).database(db).baseIri(baseIri).rowGate((pass, hash, subject) -> {
                    if (subject != null && !subject.isURI()) {
                        blank.set(true);
                    }
                    state.add(pass, hash, subject != null && subject.isURI() ? subject.getURI() : null);
                    return true;
                }).build().run(linker == null ? into : linker);
                loader.finishBulk();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            if (patch != null) {
                patch.txnCommit();
                patch.finish();
            }
            patchOut.flush();
            fos.getFD().sync();
        }
        Quality quality = Txn.calculateRead(dsg, () -> Validation.validate(spec, dsg.getGraph(graph), new OtherGraphs(dsg, graph)));
        boolean rejected = quality.violations() > maxViolations;
        RefreshResult.Linking linking = linker == null ? RefreshResult.Linking.NONE
                : new RefreshResult.Linking(linker.linked(), linker.unmatchedCount(), linker.unmatched(), linker.paths(),
                        linker.irisPlaced());
        RefreshResult r = new RefreshResult(spec.id(), rejected ? RefreshResult.Outcome.REJECTED : RefreshResult.Outcome.ACCEPTED,
                rejected ? 0 : 1, new RefreshResult.Changes(run.rows(), rejected ? 0 : count.get(), 0, false), linking, quality,
                rejected ? "quality gate: " + quality.violations() + " violation(s)" : "bulk load", 1, start, Instant.now());
        if (rejected || !writePatch) {
            log.abandon(1);
        } else {
            log.install(1);
        }
        // The loader committed the data on its own: a replica takes version 1 from its patch, or
        // from the primary's snapshot when none was written.
        OutboxEntry.Data data = rejected ? OutboxEntry.Data.NONE : writePatch ? OutboxEntry.Data.PATCH : OutboxEntry.Data.SNAPSHOT;
        Recorded.write(store, graphs, spec.id(), r.version(), data, recorder -> {
            if (rejected) {
                dsg.removeGraph(graph);
            }
            return recorder.record(spec, r, List.of(), r.message(), null,
                    rejected ? Map.of() : Completeness.of(spec, dsg.getGraph(graph)), rejected ? -1 : count.get());
        });
        if (!rejected && !blank.get()) {
            state.build(1, RefreshKey.of(spec, territoryVersion).value(), SourceDigest.compute(db, mapping))
                    .save(store.layout().rowState(spec.id()));
        }
        return r;
    }
}
