package fr.regie.server.partner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Partner;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.StoreView;
import fr.regie.territory.Vocab;

/**
 * Reads a partner's page from the store: the datasets it publishes, and for each what
 * {@link MetaRecords} reads of its metadata graph, plus the two things MetaRecords does not
 * return (which version a run generated, which mapping files it read). Everything is read through
 * a {@link StoreView} holding the metadata graphs of the partner's own datasets and nothing else,
 * in one read transaction: the page cannot show a graph of anyone else's.
 */
final class PartnerRecords {
    /** Runs that made no version, shown per dataset (the newest). */
    static final int OTHER_RUNS = 10;

    private static final Node GENERATED = NodeFactory.createURI("http://www.w3.org/ns/prov#generated");
    private static final Node MAPPING_FILE = NodeFactory.createURI(Vocab.REGIE + "mappingFile");
    private static final Node SHA256 = NodeFactory.createURI(Vocab.REGIE + "sha256");
    private static final Node IDENTIFIER = NodeFactory.createURI("http://purl.org/dc/terms/identifier");

    private PartnerRecords() {}

    /** The datasets a partner publishes, in registry order. */
    static List<DatasetSpec> datasetsOf(Registry registry, Partner partner) {
        return registry.datasets().stream().filter(d -> d.publisher().equals(partner.iri())).toList();
    }

    /** The page {@code page} (from 1) of the partner's view, {@code perPage} versions per dataset. */
    static PartnerView read(DatasetGraph store, GraphNames graphs, Registry registry, Partner partner, int page, int perPage) {
        List<DatasetSpec> own = datasetsOf(registry, partner);
        DatasetGraph view = StoreView.of(store, own.stream().map(d -> graphs.meta(d.id())).toList());
        List<PartnerView.Dataset> out = Txn.calculateRead(view, () -> {
            List<PartnerView.Dataset> ds = new ArrayList<>();
            for (DatasetSpec d : own) {
                ds.add(dataset(view, graphs, registry, d, page, perPage));
            }
            return ds;
        });
        return new PartnerView(partner.id(), partner.name(), page, perPage, out);
    }

    private static PartnerView.Dataset dataset(DatasetGraph view, GraphNames graphs, Registry registry, DatasetSpec d, int page,
                                               int perPage) {
        Node meta = graphs.meta(d.id());
        MetaRecords.DatasetStatus status = MetaRecords.of(view, graphs, List.of(d.id()), Integer.MAX_VALUE).get(0);
        Map<String, PartnerView.Run> runs = new HashMap<>();
        for (MetaRecords.Run r : status.recentRuns()) {
            runs.put(r.activity(), run(view, meta, r));
        }
        // Which run made which version: the run's prov:generated.
        Map<Long, String> madeBy = new HashMap<>();
        view.find(meta, Node.ANY, GENERATED, Node.ANY).forEachRemaining(q -> {
            String v = q.getObject().isURI() ? q.getObject().getURI() : "";
            int at = v.lastIndexOf("/version/");
            if (at >= 0 && q.getSubject().isURI()) {
                try {
                    madeBy.put(Long.parseLong(v.substring(at + "/version/".length())), q.getSubject().getURI());
                } catch (NumberFormatException notAVersion) {
                    // Not one of the version IRIs MetaRecorder mints: not a version.
                }
            }
        });
        List<MetaRecords.Version> all = MetaRecords.versions(view, graphs, d.id()).values().stream()
                .sorted(Comparator.comparingLong(MetaRecords.Version::version).reversed()).toList();
        int from = Math.min(all.size(), (page - 1) * perPage);
        List<PartnerView.Version> shown = all.subList(from, Math.min(all.size(), from + perPage)).stream()
                .map(v -> new PartnerView.Version(v.version(), v.time(), v.added(), v.removed(),
                        Optional.ofNullable(madeBy.get(v.version())).map(runs::get)))
                .toList();
        java.util.Set<String> makers = new java.util.HashSet<>(madeBy.values());
        List<PartnerView.Run> others = status.recentRuns().stream().filter(r -> !makers.contains(r.activity()))
                .limit(OTHER_RUNS).map(r -> runs.get(r.activity())).toList();
        return new PartnerView.Dataset(d.id(), d.title(), registry.accessOf(d), status.version(), status.modified(), status.triples(),
                all.size(), shown, others);
    }

    private static PartnerView.Run run(DatasetGraph view, Node meta, MetaRecords.Run r) {
        long violations = 0;
        long warnings = 0;
        long notPlaced = 0;
        Map<String, Long> placed = new TreeMap<>();
        Map<String, Long> byShape = new TreeMap<>();
        Map<String, String> completeness = new TreeMap<>();
        for (Map.Entry<String, String> e : r.measurements().entrySet()) {
            String key = e.getKey();
            int sp = key.indexOf(' ');
            String metric = sp < 0 ? key : key.substring(0, sp);
            String what = sp < 0 ? "" : key.substring(sp + 1);
            switch (metric) {
                case "shaclViolations" -> {
                    if (what.isEmpty()) {
                        violations = number(e.getValue());
                    } else {
                        byShape.put("violation " + what, number(e.getValue()));
                    }
                }
                case "shaclWarnings" -> {
                    if (what.isEmpty()) {
                        warnings = number(e.getValue());
                    } else {
                        byShape.put("warning " + what, number(e.getValue()));
                    }
                }
                case "unmatchedRecords" -> notPlaced = number(e.getValue());
                case "recordsPlaced" -> placed.put(what, number(e.getValue()));
                case "completeness" -> completeness.put(what, e.getValue());
                default -> { } // a metric this page does not know yet: left to /status
            }
        }
        List<PartnerView.MappingFile> mappings = new ArrayList<>();
        Node act = NodeFactory.createURI(r.activity());
        view.find(meta, act, MAPPING_FILE, Node.ANY).forEachRemaining(q -> mappings.add(new PartnerView.MappingFile(
                text(view, meta, q.getObject(), IDENTIFIER), text(view, meta, q.getObject(), SHA256))));
        mappings.sort(Comparator.comparing(PartnerView.MappingFile::file).thenComparing(PartnerView.MappingFile::sha256));
        return new PartnerView.Run(r.activity(), r.started(), r.ended(), r.outcome(), r.message(), r.rowsRead(), r.added(), r.removed(),
                new PartnerView.Quality(violations, warnings, notPlaced, placed, byShape, completeness), r.examples(), r.notPlaced(), List.copyOf(mappings));
    }

    private static String text(DatasetGraph view, Node g, Node s, Node p) {
        var it = view.find(g, s, p, Node.ANY);
        if (!it.hasNext()) {
            return "";
        }
        Quad q = it.next();
        return q.getObject().isLiteral() ? q.getObject().getLiteralLexicalForm() : q.getObject().toString();
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
