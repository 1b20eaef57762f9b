package fr.regie.bench;

import static fr.regie.bench.BenchMapping.ITEM_COLUMNS;
import static fr.regie.bench.BenchMapping.ITEM_IRI;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.r2rml.SourceException;
import fr.regie.store.Store;

/**
 * The change the incremental refresh is measured on: one item in a hundred gets a new name and
 * a new price, as a partner's daily corrections would. Each changed row changes two triples
 * (one removed, one added, for each of name and price) and leaves the number of triples as it
 * was. Afterwards a few changed items are looked up in the store.
 */
final class RowChange {
    static final String CHANGED = "id % 100 = 0";
    static final int TRIPLES_PER_ROW = 2;
    private static final Node NAME = NodeFactory.createURI(ITEM_COLUMNS[1][1]);
    private static final Node PRICE = NodeFactory.createURI(ITEM_COLUMNS[2][1]);

    private RowChange() {}

    /** What one changed item looks like in the source and in the store. */
    record Sample(long id, String name, BigDecimal price, List<String> storeNames, List<BigDecimal> storePrices) {
        /** The store holds the new values, and only them. */
        boolean ok() {
            return storeNames.equals(List.of(name)) && storePrices.size() == 1 && storePrices.get(0).compareTo(price) == 0;
        }
    }

    /** Changes the rows; returns how many. */
    static long apply(Connection c) {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate("UPDATE " + BenchData.ITEM + " SET name = name || ' (modifié)', price = price + 1 WHERE " + CHANGED);
        } catch (SQLException e) {
            throw new SourceException("changing the benchmark rows", e);
        }
    }

    /** Looks up the first, middle and last changed items of {@code rows} in the source and in {@code graph}. */
    static List<Sample> check(Connection c, Store store, Node graph, long rows) {
        TreeSet<Long> ids = new TreeSet<>(List.of(100L, rows / 200 * 100, rows / 100 * 100));
        ids.remove(0L);
        List<Sample> out = new ArrayList<>();
        DatasetGraph dsg = store.dataset();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, price FROM " + BenchData.ITEM + " WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    Node s = NodeFactory.createURI(ITEM_IRI + id);
                    List<String> names = new ArrayList<>();
                    List<BigDecimal> prices = new ArrayList<>();
                    Txn.executeRead(dsg, () -> {
                        Graph g = dsg.getGraph(graph);
                        g.find(s, NAME, Node.ANY).mapWith(Triple::getObject).forEach(o -> names.add(o.getLiteralLexicalForm()));
                        g.find(s, PRICE, Node.ANY).mapWith(Triple::getObject)
                                .forEach(o -> prices.add(new BigDecimal(o.getLiteralLexicalForm())));
                    });
                    out.add(new Sample(id, rs.getString(1), rs.getBigDecimal(2), names, prices));
                }
            }
        } catch (SQLException e) {
            throw new SourceException("reading the changed rows back", e);
        }
        return out;
    }
}
