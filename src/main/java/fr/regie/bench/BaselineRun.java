package fr.regie.bench;

import static fr.regie.bench.BenchMapping.CATEGORY_CLASS;
import static fr.regie.bench.BenchMapping.CATEGORY_IRI;
import static fr.regie.bench.BenchMapping.CATEGORY_NAME;
import static fr.regie.bench.BenchMapping.ITEM_CATEGORY;
import static fr.regie.bench.BenchMapping.ITEM_CLASS;
import static fr.regie.bench.BenchMapping.ITEM_COLUMNS;
import static fr.regie.bench.BenchMapping.ITEM_IRI;
import static fr.regie.bench.BenchMapping.RDF_TYPE;
import static fr.regie.bench.BenchMapping.XSD;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import fr.regie.r2rml.SourceException;

/**
 * The baseline: what a hand-written exporter costs. One JDBC scan of the items joined to their
 * category (the join the mapping asks for), with the engine's streaming settings, writing the
 * same N-Triples lines by string concatenation, without escaping or checking anything.
 */
final class BaselineRun {
    private static final int BUFFER = 1 << 16;
    private static final String TYPE = " <" + RDF_TYPE + "> ";
    private static final String END = " .\n";
    private static final String INTEGER = "\"^^<" + XSD + "integer>" + END;
    private static final String DECIMAL = "\"^^<" + XSD + "decimal>" + END;
    private static final String DATE = "\"^^<" + XSD + "date>" + END;
    private static final String DATE_TIME = "\"^^<" + XSD + "dateTime>" + END;
    private static final String BOOLEAN = "\"^^<" + XSD + "boolean>" + END;
    private static final String STRING = "\"" + END;

    private final String[] predicates = new String[ITEM_COLUMNS.length];
    private final long probeAtRow;
    private final HeapMeter heap;
    private long lines;
    private long rows;

    private BaselineRun(long probeAtRow, HeapMeter heap) {
        this.probeAtRow = probeAtRow;
        this.heap = heap;
        for (int i = 0; i < predicates.length; i++) {
            predicates[i] = " <" + ITEM_COLUMNS[i][1] + "> \"";
        }
    }

    /**
     * Exports the items with {@code id <= maxId} (all of them when negative) and every category;
     * the heap is probed after {@code probeAtRow} items, as for the engine.
     */
    static Measurement run(BenchDatabase source, long maxId, long probeAtRow, Path out) {
        try (Connection c = source.open(); HeapMeter heap = HeapMeter.start()) {
            BaselineRun b = new BaselineRun(probeAtRow, heap);
            long t0 = System.nanoTime();
            try (Writer w = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), BUFFER)) {
                // As the engine does: PostgreSQL streams only inside a transaction with a fetch size.
                c.setAutoCommit(false);
                b.items(c, maxId, w);
                b.categories(c, w);
                c.rollback();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Measurement("baseline", b.rows, b.lines, OutputFile.sizeAndDelete(out), elapsed,
                    heap.peakBytes(), heap.poolPeaksBytes(), heap.liveBytes(), Map.of());
        } catch (SQLException e) {
            throw new SourceException("baseline on database " + source.label(), e);
        }
    }

    private void items(Connection c, long maxId, Writer w) throws SQLException, IOException {
        String sql = "SELECT i.id, i.name, i.price, i.released_on, i.modified_at, i.available, i.note, i.category_id, c.id"
                + " FROM " + BenchData.ITEM + " i JOIN " + BenchData.CATEGORY + " c ON c.id = i.category_id"
                + (maxId < 0 ? "" : " WHERE i.id <= " + maxId);
        try (PreparedStatement st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(EngineRun.FETCH_SIZE);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String s = "<" + ITEM_IRI + rs.getLong(1) + ">";
                    line(w, s + TYPE + "<" + ITEM_CLASS + ">" + END);
                    line(w, s + predicates[0] + rs.getLong(1) + INTEGER);
                    line(w, s + predicates[1] + rs.getString(2) + STRING);
                    line(w, s + predicates[2] + rs.getBigDecimal(3).toPlainString() + DECIMAL);
                    line(w, s + predicates[3] + rs.getString(4) + DATE);
                    line(w, s + predicates[4] + rs.getString(5).replace(' ', 'T') + DATE_TIME);
                    line(w, s + predicates[5] + rs.getBoolean(6) + BOOLEAN);
                    String note = rs.getString(7);
                    if (note != null) {
                        line(w, s + predicates[6] + note + STRING);
                    }
                    line(w, s + predicates[7] + rs.getInt(8) + INTEGER);
                    line(w, s + " <" + ITEM_CATEGORY + "> <" + CATEGORY_IRI + rs.getInt(9) + ">" + END);
                    if (++rows == probeAtRow) {
                        heap.probeLive();
                    }
                }
            }
        }
    }

    private void categories(Connection c, Writer w) throws SQLException, IOException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, name FROM " + BenchData.CATEGORY)) {
            st.setFetchSize(EngineRun.FETCH_SIZE);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String s = "<" + CATEGORY_IRI + rs.getInt(1) + ">";
                    line(w, s + TYPE + "<" + CATEGORY_CLASS + ">" + END);
                    line(w, s + " <" + CATEGORY_NAME + "> \"" + rs.getString(2) + STRING);
                    rows++;
                }
            }
        }
    }

    private void line(Writer w, String line) throws IOException {
        w.write(line);
        lines++;
    }
}
