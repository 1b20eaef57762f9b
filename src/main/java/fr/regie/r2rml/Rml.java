package fr.regie.r2rml;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * An RML-Core processor: runs a checked RML mapping over its logical sources and streams the
 * output into a {@link StreamRDF}, as {@link R2rml} does for SQL. Records are read one at a time;
 * only joins hold something in memory (the parent's join keys and subjects, bounded by
 * {@link Builder#joinLimit}).
 *
 * <pre>
 * Rml.create().mapping(MappingReader.read(path)).sources(sources).baseIri(base).build().run(sink);
 * </pre>
 */
public final class Rml {
    /** Parent records a join may hold in memory by default. */
    public static final long DEFAULT_JOIN_LIMIT = 2_000_000;
    private static final int PROGRESS_EVERY = 10_000;

    private final MappingDocument mapping;
    private final LogicalSources sources;
    private final String baseIri;
    private final Consumer<DataException> onDataError;
    private final Progress progress;
    private final RowGate gate;
    private final long joinLimit;
    private final long maxRecords;

    private Rml(Builder b) {
        this.mapping = Objects.requireNonNull(b.mapping, "mapping");
        this.sources = Objects.requireNonNull(b.sources, "sources");
        if (!mapping.isRml()) {
            throw new MappingException(Position.of(mapping.source()), null, null,
                    "this is an R2RML mapping (SQL logical tables); it runs with R2rml over a database, not over files");
        }
        this.baseIri = b.baseIri;
        this.onDataError = b.onDataError;
        this.progress = b.progress;
        this.gate = b.gate;
        this.joinLimit = b.joinLimit;
        this.maxRecords = b.maxRecords;
    }

    public static Builder create() {
        return new Builder();
    }

    /** Collects the settings of a run. */
    public static final class Builder {
        private MappingDocument mapping;
        private LogicalSources sources;
        private String baseIri = R2rml.DEFAULT_BASE_IRI;
        private Consumer<DataException> onDataError;
        private Progress progress = Progress.NONE;
        private RowGate gate;
        private long joinLimit = DEFAULT_JOIN_LIMIT;
        private long maxRecords = Long.MAX_VALUE;

        private Builder() {}

        public Builder mapping(MappingDocument mapping) {
            this.mapping = mapping;
            return this;
        }

        /** Who opens the records of each logical source. */
        public Builder sources(LogicalSources sources) {
            this.sources = sources;
            return this;
        }

        /** The base IRI relative IRIs resolve against, unless a triples map declares {@code rml:baseIRI}. */
        public Builder baseIri(String baseIri) {
            this.baseIri = baseIri;
            return this;
        }

        /** Report data errors here and skip the term concerned, instead of stopping at the first (the default). */
        public Builder onDataError(Consumer<DataException> handler) {
            this.onDataError = handler;
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress == null ? Progress.NONE : progress;
            return this;
        }

        /**
         * Show each (record, subject) to {@code gate} first; only admitted ones make triples. The pass
         * is the triples map's name; the hash covers the record and the subjects it joins to.
         */
        public Builder rowGate(RowGate gate) {
            this.gate = gate;
            return this;
        }

        /** Read at most {@code n} records of each triples map's source (a sample: a dry run over the first records). */
        public Builder maxRecordsPerPass(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one record per pass, not " + n);
            }
            this.maxRecords = n;
            return this;
        }

        /** The most parent records one join may hold in memory. */
        public Builder joinLimit(long joinLimit) {
            this.joinLimit = joinLimit;
            return this;
        }

        public Rml build() {
            return new Rml(this);
        }
    }

    /** Runs the mapping; the sink gets {@code start()}, the triples and quads, then {@code finish()}. */
    public RunStats run(StreamRDF sink) {
        long t0 = System.nanoTime();
        R2rml.Emitter out = new R2rml.Emitter(sink, progress);
        long[] errors = new long[1];
        Consumer<DataException> errs = e -> {
            if (onDataError == null) {
                throw e;
            }
            errors[0]++;
            onDataError.accept(e);
        };
        Map<String, Long> records = new LinkedHashMap<>();
        Map<List<Object>, RmlJoinIndex> indexes = new HashMap<>();
        sink.start();
        try {
            for (RmlTriplesMap tm : mapping.rmlTriplesMaps()) {
                records.merge(tm.name(), scan(tm, out, errs, indexes), Long::sum);
            }
        } finally {
            sink.finish();
        }
        return new RunStats(records, out.triples, errors[0] + out.dataErrors, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Runs the mapping into a new in-memory dataset (for tests and small mappings). */
    public DatasetGraph toDataset() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    private RmlTerms.Context context(RmlTriplesMap tm, Consumer<DataException> errs) {
        return new RmlTerms.Context(tm.name(), tm.baseIri().orElse(baseIri), seed(tm.id().toString()), errs);
    }

    private static long seed(String s) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < s.length(); k++) {
            h = (h ^ s.charAt(k)) * 0x100000001b3L;
        }
        return h;
    }

    /** A referencing object map ready for the child's records: the parent's subject on the same record, or a join. */
    private record Ref(RmlTriplesMap parent, RmlTerms.Context parentCx, List<RmlExpression> childKeys, RmlJoinIndex index) {}

    private long scan(RmlTriplesMap tm, R2rml.Emitter out, Consumer<DataException> errs, Map<List<Object>, RmlJoinIndex> indexes) {
        RmlTerms.Context cx = context(tm, errs);
        List<List<Ref>> refs = new ArrayList<>();
        for (RmlTriplesMap.PredicateObjectMap pom : tm.predicateObjectMaps()) {
            List<Ref> rs = new ArrayList<>();
            for (RmlTriplesMap.RefObjectMap ref : pom.refObjectMaps()) {
                RmlTriplesMap parent = mapping.findRml(ref.parentTriplesMap()).orElseThrow();
                RmlTerms.Context pcx = context(parent, errs);
                if (ref.joinConditions().isEmpty()) {
                    rs.add(new Ref(parent, pcx, List.of(), null));
                    continue;
                }
                List<RmlExpression> parentKeys = ref.joinConditions().stream().map(RmlTriplesMap.JoinCondition::parent).toList();
                RmlJoinIndex index = indexes.computeIfAbsent(List.of(parent.id(), parentKeys),
                        k -> RmlJoinIndex.build(parent, parentKeys, sources, pcx, joinLimit));
                rs.add(new Ref(parent, pcx, ref.joinConditions().stream().map(RmlTriplesMap.JoinCondition::child).toList(), index));
            }
            refs.add(rs);
        }
        long n = 0;
        try (Records rec = sources.open(tm.logicalSource())) {
            out.pass = tm.name();
            while (n < maxRecords && rec.next()) {
                n++;
                out.rows = n;
                record(tm, rec, n, cx, refs, out);
                if (n % PROGRESS_EVERY == 0) {
                    progress.update(tm.name(), n, out.triples);
                }
            }
        } catch (IOException e) {
            throw new SourceException(tm.position() + ": triples map " + tm.name(), e.getMessage());
        }
        progress.update(tm.name(), n, out.triples);
        return n;
    }

    private static final Node[] NO_GRAPHS = new Node[0];

    private void record(RmlTriplesMap tm, Records rec, long n, RmlTerms.Context cx, List<List<Ref>> refs, R2rml.Emitter out) {
        RmlTriplesMap.SubjectMap sm = tm.subjectMap();
        List<Node> subjects = RmlTerms.terms(sm.term(), rec, cx, n);
        long hash = rec.hash();
        List<List<Node>> refObjects = new ArrayList<>(refs.size());
        for (List<Ref> rs : refs) {
            List<Node> objs = new ArrayList<>();
            for (Ref r : rs) {
                if (r.index() == null) {
                    objs.addAll(RmlTerms.terms(r.parent().subjectMap().term(), rec, r.parentCx(), n));
                } else {
                    Set<Node> found = r.index().lookup(RmlJoinIndex.keys(r.childKeys(), rec, cx, tm.position(), n));
                    for (Node p : found) {
                        // A changed parent changes the child's joined triples: the gate must see it as a changed record.
                        hash = mix(hash, seed(p.toString()));
                    }
                    objs.addAll(found);
                }
            }
            refObjects.add(objs);
        }
        if (subjects.isEmpty()) {
            if (gate != null) {
                gate.admit(tm.name(), hash, null);
            }
            return;
        }
        Node[] sg = graphs(sm.graphMaps(), rec, cx, n);
        List<Group> groups = null;
        for (Node s : subjects) {
            long rowHash = subjects.size() == 1 ? hash : mix(hash, seed(s.toString()));
            if (gate != null && !gate.admit(tm.name(), rowHash, s)) {
                continue;
            }
            if (groups == null) {
                groups = groups(tm, rec, cx, n, refObjects);
            }
            for (Node cls : sm.classes()) {
                out.emit(s, RDF.Nodes.type, cls, sg, null);
            }
            for (Group g : groups) {
                for (Node p : g.predicates()) {
                    for (Node o : g.objects()) {
                        out.emit(s, p, o, sg, g.graphs());
                    }
                }
            }
        }
    }

    /** The terms of one predicate-object map on the current record, shared by all its subjects. */
    private record Group(List<Node> predicates, Set<Node> objects, Node[] graphs) {}

    private List<Group> groups(RmlTriplesMap tm, Records rec, RmlTerms.Context cx, long n, List<List<Node>> refObjects) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < tm.predicateObjectMaps().size(); i++) {
            RmlTriplesMap.PredicateObjectMap pom = tm.predicateObjectMaps().get(i);
            List<Node> predicates = new ArrayList<>();
            pom.predicateMaps().forEach(m -> predicates.addAll(RmlTerms.terms(m, rec, cx, n)));
            Set<Node> objects = new LinkedHashSet<>();
            pom.objectMaps().forEach(m -> objects.addAll(RmlTerms.terms(m, rec, cx, n)));
            objects.addAll(refObjects.get(i));
            if (!predicates.isEmpty() && !objects.isEmpty()) {
                groups.add(new Group(predicates, objects, graphs(pom.graphMaps(), rec, cx, n)));
            }
        }
        return groups;
    }

    private static Node[] graphs(List<RmlTermMap> maps, Records rec, RmlTerms.Context cx, long n) {
        if (maps.isEmpty()) {
            return NO_GRAPHS;
        }
        List<Node> gs = new ArrayList<>();
        maps.forEach(m -> gs.addAll(RmlTerms.terms(m, rec, cx, n)));
        return new LinkedHashSet<>(gs).toArray(Node[]::new);
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }
}
