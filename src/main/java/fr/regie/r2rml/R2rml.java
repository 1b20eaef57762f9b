package fr.regie.r2rml;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * An R2RML processor: runs a checked mapping over a database and streams the output dataset
 * (R2RML §11) into a {@link StreamRDF}. Built once with {@link #create()}, immutable after.
 *
 * <pre>
 * R2rml.create().mapping(MappingReader.read(path)).database(db).baseIri(base).build().run(sink);
 * </pre>
 */
public final class R2rml {
    /** The base IRI used when none is given; the W3C test cases use it too. */
    public static final String DEFAULT_BASE_IRI = "http://example.com/base/";
    private static final int PROGRESS_EVERY = 10_000;

    private final MappingDocument mapping;
    private final Database database;
    private final String baseIri;
    private final int fetchSize;
    private final Consumer<DataException> onDataError;
    private final Progress progress;
    private final RowGate gate;
    private final long maxRows;

    private R2rml(Builder b) {
        this.mapping = Objects.requireNonNull(b.mapping, "mapping");
        if (mapping.isRml()) {
            throw new MappingException(Position.of(mapping.source()), null, null,
                    "this is an RML mapping (logical sources: files and feeds); it runs with Rml, not over a database");
        }
        this.database = Objects.requireNonNull(b.database, "database");
        this.baseIri = b.baseIri;
        this.fetchSize = b.fetchSize;
        this.onDataError = b.onDataError;
        this.progress = b.progress;
        this.gate = b.gate;
        this.maxRows = b.maxRows;
    }

    public static Builder create() {
        return new Builder();
    }

    /** Collects the settings of a run. */
    public static final class Builder {
        private MappingDocument mapping;
        private Database database;
        private String baseIri = DEFAULT_BASE_IRI;
        private int fetchSize = 10_000;
        private Consumer<DataException> onDataError;
        private Progress progress = Progress.NONE;
        private RowGate gate;
        private long maxRows = Long.MAX_VALUE;

        private Builder() {}

        /** Read at most {@code n} rows of each pass (a sample: a dry run over the first rows). */
        public Builder maxRowsPerPass(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one row per pass, not " + n);
            }
            this.maxRows = n;
            return this;
        }

        public Builder mapping(MappingDocument mapping) {
            this.mapping = mapping;
            return this;
        }

        public Builder database(Database database) {
            this.database = database;
            return this;
        }

        /** The base IRI that relative IRIs made by the mapping are resolved against (R2RML §11.2). */
        public Builder baseIri(String baseIri) {
            this.baseIri = baseIri;
            return this;
        }

        /** Rows fetched per round trip; the whole table is never held in memory. */
        public Builder fetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        /**
         * Report data errors (R2RML §11) here and skip the term concerned, instead of stopping the
         * run with the first one (the default).
         */
        public Builder onDataError(Consumer<DataException> handler) {
            this.onDataError = handler;
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress == null ? Progress.NONE : progress;
            return this;
        }

        /** Show every row to {@code gate} first; only admitted rows make triples. */
        public Builder rowGate(RowGate gate) {
            this.gate = gate;
            return this;
        }

        public R2rml build() {
            return new R2rml(this);
        }
    }

    /**
     * Checks the mapping against the database without reading rows: every logical table, column
     * and joint query must exist. Throws the first {@link MappingException} found.
     */
    public void check() {
        new PassCompiler(mapping, database, baseIri).compile();
    }

    /** Runs the mapping; the sink gets {@code start()}, the triples and quads, then {@code finish()}. */
    public RunStats run(StreamRDF sink) {
        long t0 = System.nanoTime();
        List<Pass> passes = new PassCompiler(mapping, database, baseIri).compile();
        Emitter out = new Emitter(sink, progress);
        Map<String, Long> rows = new LinkedHashMap<>();
        sink.start();
        try {
            for (Pass pass : passes) {
                rows.merge(pass.triplesMap(), scan(pass, out), Long::sum);
            }
        } finally {
            sink.finish();
            endReadTransaction();
        }
        return new RunStats(rows, out.triples, out.dataErrors, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Runs the mapping into a new in-memory dataset (for tests and small mappings). */
    public DatasetGraph toDataset() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    private void endReadTransaction() {
        try {
            Connection c = database.connection();
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // Only reads happened; nothing to undo.
        }
    }

    private long scan(Pass pass, Emitter out) {
        Connection c = database.connection();
        try (PreparedStatement st = c.prepareStatement(pass.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            database.dialect().prepareForStreaming(c, st, fetchSize);
            try (ResultSet rs = st.executeQuery()) {
                Row row = new Row(rs, pass.readers());
                out.pass = pass.triplesMap();
                while (row.number() < maxRows && row.next()) {
                    out.rows = row.number();
                    emitRow(pass, row, out);
                    if (row.number() % PROGRESS_EVERY == 0) {
                        progress.update(pass.triplesMap(), row.number(), out.triples);
                    }
                }
                progress.update(pass.triplesMap(), row.number(), out.triples);
                return row.number();
            }
        } catch (Row.RowReadException e) {
            throw new SourceException(pass.position() + ": triples map " + pass.triplesMap() + ": reading column "
                    + (e.column + 1), e.sqlException());
        } catch (SQLException e) {
            throw new SourceException(pass.position() + ": triples map " + pass.triplesMap() + ": "
                    + database.description(), e);
        }
    }

    private Node gen(TermGenerator g, Row row, Emitter out) {
        if (onDataError == null) {
            return g.generate(row);
        }
        try {
            return g.generate(row);
        } catch (DataException e) {
            out.dataErrors++;
            onDataError.accept(e);
            return null;
        }
    }

    private void emitRow(Pass pass, Row row, Emitter out) {
        Node s = gen(pass.subject(), row, out);
        if (gate != null && !gate.admit(pass.triplesMap(), row.hash(), s)) {
            return;
        }
        if (s == null) {
            return;
        }
        Node[] sg = graphs(pass.subjectGraphs(), row, out);
        for (Node cls : pass.classes()) {
            out.emit(s, RDF.Nodes.type, cls, sg, null);
        }
        for (Pass.Group group : pass.groups()) {
            Node[] pg = graphs(group.graphs(), row, out);
            for (TermGenerator pgen : group.predicates()) {
                Node p = gen(pgen, row, out);
                if (p == null) {
                    continue;
                }
                for (TermGenerator ogen : group.objects()) {
                    Node o = gen(ogen, row, out);
                    if (o != null) {
                        out.emit(s, p, o, sg, pg);
                    }
                }
            }
        }
    }

    private static final Node[] NO_GRAPHS = new Node[0];

    private Node[] graphs(TermGenerator[] maps, Row row, Emitter out) {
        if (maps.length == 0) {
            return NO_GRAPHS;
        }
        Node[] gs = new Node[maps.length];
        int n = 0;
        for (TermGenerator m : maps) {
            Node g = gen(m, row, out);
            if (g != null) {
                gs[n++] = g;
            }
        }
        return n == gs.length ? gs : java.util.Arrays.copyOf(gs, n);
    }

    /** Writes each triple into the union of its graphs (R2RML §11.3), the default graph when there are none. */
    static final class Emitter {
        /** Progress is told at least every this many triples, however few rows make them (a join can make millions from one). */
        private static final long BEAT = 1 << 16;
        private final StreamRDF sink;
        private final Progress progress;
        long triples;
        long dataErrors;
        /** The pass and row being read, for the progress told between rows. */
        String pass = "";
        long rows;

        Emitter(StreamRDF sink) {
            this(sink, Progress.NONE);
        }

        Emitter(StreamRDF sink, Progress progress) {
            this.sink = sink;
            this.progress = progress;
        }

        private void counted() {
            if (++triples % BEAT == 0) {
                progress.update(pass, rows, triples);
            }
        }

        void emit(Node s, Node p, Node o, Node[] g1, Node[] g2) {
            int n1 = g1.length;
            int n2 = g2 == null ? 0 : g2.length;
            if (n1 + n2 == 0) {
                sink.triple(Triple.create(s, p, o));
                counted();
                return;
            }
            for (int i = 0; i < n1 + n2; i++) {
                Node g = i < n1 ? g1[i] : g2[i - n1];
                if (seenBefore(g, g1, g2, i, n1)) {
                    continue;
                }
                if (g.equals(RR.defaultGraph)) {
                    sink.triple(Triple.create(s, p, o));
                } else {
                    sink.quad(Quad.create(g, s, p, o));
                }
                counted();
            }
        }

        private static boolean seenBefore(Node g, Node[] g1, Node[] g2, int upTo, int n1) {
            for (int j = 0; j < upTo; j++) {
                if ((j < n1 ? g1[j] : g2[j - n1]).equals(g)) {
                    return true;
                }
            }
            return false;
        }
    }
}
