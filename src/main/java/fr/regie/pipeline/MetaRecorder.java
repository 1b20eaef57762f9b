package fr.regie.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;

import fr.regie.store.GraphNames;
import fr.regie.territory.LinkMethod;
import fr.regie.registry.DatasetSpec;

/**
 * Writes the record of a refresh (read back by {@link MetaRecords}) into the metadata graph: a {@code prov:Activity} (times,
 * outcome, mapping files and their hashes, source, rows read, triples added and removed) and its
 * DQV quality measurements; for an accepted refresh, the dataset's new version. Called inside the
 * write transaction that applies the change, so the record and the data commit together.
 */
final class MetaRecorder {
    /** How many of a run's records not placed its record names. */
    static final int NOT_PLACED_KEPT = 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final DatasetGraph dsg;
    private final GraphNames graphs;
    private Node meta;

    MetaRecorder(DatasetGraph dsg, GraphNames graphs) {
        this.dsg = dsg;
        this.graphs = graphs;
    }

    private void add(Node s, Node p, Node o) {
        dsg.add(meta, s, p, o);
    }

    private static Node literal(long v) {
        return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDinteger);
    }

    private static Node literal(String s) {
        return NodeFactory.createLiteralString(s);
    }

    private static Node time(Instant t) {
        return NodeFactory.createLiteralDT(DateTimeFormatter.ISO_INSTANT.format(t), XSDDatatype.XSDdateTime);
    }

    /**
     * Records a run; for an accepted one, also moves the dataset to {@code result.version()}. The
     * records are as visible as the dataset: the source is told by its kind, never its address,
     * and {@code message} is what may be published of the run's message.
     * {@code liveTriples} is the graph's new size, or negative to keep the recorded one.
     */
    Node record(DatasetSpec spec, RefreshResult r, List<String[]> mappingFiles, String message, String reportPath,
                Map<String, Double> completeness, long liveTriples) {
        meta = graphs.meta(spec.id());
        Node ds = MetaRecords.datasetNode(graphs, spec.id());
        Node act = NodeFactory.createURI(ds.getURI() + "/refresh/" + STAMP.format(r.start()));
        add(ds, RDF.Nodes.type, Prov.Dataset);
        if (!dsg.contains(meta, ds, Prov.identifier, Node.ANY)) {
            add(ds, Prov.identifier, literal(spec.id()));
            add(ds, Prov.title, literal(spec.title()));
        }
        add(ds, Prov.refresh, act);
        add(act, RDF.Nodes.type, Prov.Activity);
        add(act, Prov.startedAtTime, time(r.start()));
        add(act, Prov.endedAtTime, time(r.end()));
        add(act, Prov.outcome, literal(r.outcome().name().toLowerCase()));
        if (message != null && !message.isEmpty()) {
            add(act, Prov.message, literal(spec.source().publicMessage(message)));
        }
        add(act, Prov.used, ds);
        add(act, Prov.source, literal(spec.source().publicDescription()));
        for (int i = 0; i < mappingFiles.size(); i++) {
            Node m = NodeFactory.createURI(act.getURI() + "/mapping/" + (i + 1));
            add(act, Prov.mappingFile, m);
            add(m, RDF.Nodes.type, Prov.Entity);
            add(m, Prov.identifier, literal(mappingFiles.get(i)[0]));
            add(m, Prov.sha256, literal(mappingFiles.get(i)[1]));
        }
        add(act, Prov.rowsRead, literal(r.rowsRead()));
        add(act, Prov.triplesAdded, literal(r.added()));
        add(act, Prov.triplesRemoved, literal(r.removed()));
        add(act, Prov.incremental, NodeFactory.createLiteralDT(Boolean.toString(r.incremental()), XSDDatatype.XSDboolean));
        if (reportPath != null) {
            add(act, Prov.report, literal(reportPath));
        }
        int k = 0;
        if (r.quality() != null) {
            measure(act, ds, ++k, Prov.ShaclViolations, r.quality().violations(), null);
            measure(act, ds, ++k, Prov.ShaclWarnings, r.quality().warnings(), null);
            for (Map.Entry<String, Long> e : r.quality().byShape().entrySet()) {
                measure(act, ds, ++k, e.getKey().startsWith("violation") ? Prov.ShaclViolations : Prov.ShaclWarnings,
                        e.getValue(), e.getKey().substring(e.getKey().indexOf(' ') + 1));
            }
        }
        if (r.quality() != null) {
            measure(act, ds, ++k, Prov.UnmatchedRecords, r.unmatched(), null);
            if (spec.linkBy() != LinkMethod.NONE) {
                measure(act, ds, ++k, Prov.RecordsPlacedInIris, r.irisPlaced(), null);
            }
            // How the records were placed: by a code in force, through the COG history, by a point…
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(r.linking().paths()).entrySet()) {
                Node m = NodeFactory.createURI(act.getURI() + "/measurement/" + (++k));
                add(m, RDF.Nodes.type, Prov.QualityMeasurement);
                add(m, Prov.computedOn, ds);
                add(m, Prov.isMeasurementOf, Prov.RecordsPlaced);
                add(m, Prov.value, literal(e.getValue()));
                add(m, Prov.property, literal(e.getKey()));
                add(m, Prov.wasGeneratedBy, act);
            }
            for (String example : r.quality().samples()) {
                add(act, Prov.qualityExample, literal(spec.source().publicMessage(example)));
            }
            // The first records that could not be placed, with why (all are counted above; a check lists them all).
            r.unmatchedSamples().stream().limit(NOT_PLACED_KEPT).forEach(u -> add(act, Prov.notPlacedExample,
                    literal(u.subject() + " " + spec.source().publicMessage(u.reason()))));
        }
        for (Map.Entry<String, Double> e : completeness.entrySet()) {
            Node m = NodeFactory.createURI(act.getURI() + "/measurement/" + (++k));
            add(m, RDF.Nodes.type, Prov.QualityMeasurement);
            add(m, Prov.computedOn, ds);
            add(m, Prov.isMeasurementOf, Prov.Completeness);
            add(m, Prov.value, NodeFactory.createLiteralDT(String.format(java.util.Locale.ROOT, "%.4f", e.getValue()), XSDDatatype.XSDdecimal));
            add(m, Prov.property, literal(e.getKey()));
            add(m, Prov.wasGeneratedBy, act);
        }
        if (r.outcome() == RefreshResult.Outcome.ACCEPTED) {
            dsg.deleteAny(meta, ds, Prov.version, Node.ANY);
            dsg.deleteAny(meta, ds, Prov.modified, Node.ANY);
            add(ds, Prov.version, literal(r.version()));
            add(ds, Prov.modified, time(r.end()));
            Node v = MetaRecords.versionNode(graphs, spec.id(), r.version());
            add(act, Prov.generated, v);
            // The version is a resource of its own (its IRI answers): what it is a version of, and what made it.
            add(v, RDF.Nodes.type, Prov.Entity);
            add(v, Prov.specializationOf, ds);
            add(v, Prov.dcatVersion, literal(Long.toString(r.version())));
            add(v, Prov.wasGeneratedBy, act);
        }
        if (liveTriples >= 0) {
            dsg.deleteAny(meta, ds, Prov.triples, Node.ANY);
            add(ds, Prov.triples, literal(liveTriples));
        }
        dsg.deleteAny(meta, ds, Prov.lastRefresh, Node.ANY);
        add(ds, Prov.lastRefresh, act);
        return act;
    }

    private void measure(Node act, Node ds, int k, Node metric, long value, String shape) {
        Node m = NodeFactory.createURI(act.getURI() + "/measurement/" + k);
        add(m, RDF.Nodes.type, Prov.QualityMeasurement);
        add(m, Prov.computedOn, ds);
        add(m, Prov.isMeasurementOf, metric);
        add(m, Prov.value, literal(value));
        if (shape != null) {
            add(m, Prov.shape, literal(shape));
        }
        add(m, Prov.wasGeneratedBy, act);
    }
}
