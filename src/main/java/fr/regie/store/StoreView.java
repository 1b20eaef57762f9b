package fr.regie.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.shared.Lock;
import org.apache.jena.sparql.JenaTransactionException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphReadOnly;
import org.apache.jena.sparql.graph.GraphZero;
import org.apache.jena.sparql.util.Context;

/**
 * The store as one caller sees it: a read-only dataset that holds only some of the store's named
 * graphs, whose default graph is their union (as the store's own default graph is the union of
 * all). Every read, whoever makes it (SPARQL patterns, property paths, DESCRIBE, property
 * functions, {@code GRAPH ?g}, resources, taps), goes through {@link #find}, which never returns
 * a quad of another graph: visibility is decided here, below query evaluation, not by filters
 * on particular operators.
 *
 * <p>Only the visible graphs are ever read, graph by graph (the store's graph-first indexes), so
 * that how long an answer takes depends on what the caller may see and on nothing else: a lookup
 * across all graphs then dropping the invisible quads would let the time of an empty answer tell
 * how much restricted data matches it. Which visible graphs hold a predicate at all is looked up
 * once per view, so a lookup only visits the graphs that can answer it.
 *
 * <p>It is deliberately not a {@code DatasetGraphWrapper}: TDB2's query engine (which would
 * unwrap a wrapper and query the whole store) never claims it, so queries run on ARQ's general
 * engine over these finds. Transactions are the store's: begin a read on the view, or read it
 * inside a read transaction of the store. A view serves one read transaction (what it learns of
 * the graphs holds for that snapshot): make a new one for the next.
 */
public final class StoreView implements DatasetGraph {
    private final DatasetGraph store;
    /** The visible named graphs, in a fixed order (the union's duplicates are told apart by it). */
    private final List<Node> graphs;
    private final Set<Node> visible;
    private final Context context = new Context();
    /** For a predicate (or {@code ANY}), the visible graphs that hold a triple with it, in order. */
    private final Map<Node, List<Node>> holding = new ConcurrentHashMap<>();

    private StoreView(DatasetGraph store, Collection<Node> graphs) {
        this.store = store;
        Set<Node> names = new LinkedHashSet<>();
        for (Node g : graphs) {
            if (g.isURI() && !Quad.isDefaultGraph(g) && !Quad.isUnionGraph(g)) {
                names.add(g);
            }
        }
        this.graphs = List.copyOf(names);
        this.visible = Set.copyOf(names);
    }

    /** The store seen through these named graphs only (other nodes, and the special graph names, are ignored). */
    public static StoreView of(DatasetGraph store, Collection<Node> graphs) {
        return new StoreView(store, graphs);
    }

    /** The named graphs this view may show (some may be empty). */
    public List<Node> graphs() {
        return graphs;
    }

    // Reads: everything comes down to find.

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        if (isAny(g)) {
            return inAnyGraph(s, p, o);
        }
        if (Quad.isDefaultGraph(g)) {
            return Iter.map(unionTriples(s, p, o), t -> Quad.create(Quad.defaultGraphIRI, t));
        }
        if (Quad.isUnionGraph(g)) {
            return Iter.map(unionTriples(s, p, o), t -> Quad.create(Quad.unionGraph, t));
        }
        return visible.contains(g) ? store.find(g, s, p, o) : Iter.nullIterator();
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        return find(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
        return isAny(g) ? inAnyGraph(s, p, o) : find(g, s, p, o);
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        return find(g, s, p, o).hasNext();
    }

    @Override
    public boolean contains(Quad quad) {
        return find(quad).hasNext();
    }

    private static boolean isAny(Node n) {
        return n == null || n == Node.ANY;
    }

    /** The visible graphs that hold a triple with this predicate (with anything, for {@code ANY}). */
    private List<Node> holding(Node p) {
        Node key = isAny(p) ? Node.ANY : p;
        return holding.computeIfAbsent(key, k -> graphs.stream()
                .filter(g -> store.find(g, Node.ANY, k, Node.ANY).hasNext()).toList());
    }

    /** The quads of the visible graphs (a triple in two graphs comes once per graph). */
    private Iterator<Quad> inAnyGraph(Node s, Node p, Node o) {
        return Iter.flatMap(holding(p).iterator(), g -> store.find(g, s, p, o));
    }

    /**
     * The union of the visible graphs, each triple once, in constant memory: a triple of a graph
     * is left out when a graph before it (among those holding its predicate) holds it too.
     */
    private Iterator<Triple> unionTriples(Node s, Node p, Node o) {
        List<Node> in = holding(p);
        if (in.size() == 1) {
            return Iter.map(store.find(in.get(0), s, p, o), Quad::asTriple);
        }
        List<Iterator<Triple>> parts = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            List<Node> before = in.subList(0, i);
            Iterator<Quad> quads = store.find(in.get(i), s, p, o);
            parts.add(Iter.map(Iter.filter(quads, q -> before.stream().noneMatch(b -> store.contains(b, q.getSubject(),
                    q.getPredicate(), q.getObject()))), Quad::asTriple));
        }
        return Iter.flatMap(parts.iterator(), it -> it);
    }

    // Graphs.

    @Override
    public Graph getDefaultGraph() {
        return new GraphReadOnly(GraphView.createDefaultGraph(this));
    }

    /**
     * The same union as the default graph (Jena's own union view would also keep every triple it
     * returned in memory to drop duplicates, which {@link #find} already never gives).
     */
    @Override
    public Graph getUnionGraph() {
        return getDefaultGraph();
    }

    @Override
    public Graph getGraph(Node graphNode) {
        if (Quad.isUnionGraph(graphNode)) {
            return getUnionGraph();
        }
        if (Quad.isDefaultGraph(graphNode)) {
            return getDefaultGraph();
        }
        if (!visible.contains(graphNode)) {
            return GraphZero.instance();
        }
        return new GraphReadOnly(GraphView.createNamedGraph(this, graphNode));
    }

    /** The visible graphs that hold something (a graph exists in a quad store when it has a quad). */
    @Override
    public Iterator<Node> listGraphNodes() {
        return holding(Node.ANY).iterator();
    }

    @Override
    public boolean containsGraph(Node graphNode) {
        if (Quad.isDefaultGraph(graphNode) || Quad.isUnionGraph(graphNode)) {
            return true;
        }
        return holding(Node.ANY).contains(graphNode);
    }

    @Override
    public long size() {
        return Iter.count(listGraphNodes());
    }

    @Override
    public boolean isEmpty() {
        return !listGraphNodes().hasNext();
    }

    @Override
    public PrefixMap prefixes() {
        return PrefixMapFactory.unmodifiablePrefixMap(store.prefixes());
    }

    @Override
    public Context getContext() {
        return context;
    }

    @Override
    public Lock getLock() {
        return store.getLock();
    }

    /** A view never closes the store under it. */
    @Override
    public void close() {}

    // Writes: none.

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a caller's view of the store is read-only");
    }

    @Override
    public void addGraph(Node graphName, Graph graph) {
        throw readOnly();
    }

    @Override
    public void removeGraph(Node graphName) {
        throw readOnly();
    }

    @Override
    public void add(Quad quad) {
        throw readOnly();
    }

    @Override
    public void delete(Quad quad) {
        throw readOnly();
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        throw readOnly();
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        throw readOnly();
    }

    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    // Transactions: the store's, read only.

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public boolean supportsTransactionAbort() {
        return false;
    }

    @Override
    public void begin(TxnType type) {
        if (type != TxnType.READ) {
            throw new JenaTransactionException("a caller's view of the store is read-only (asked for " + type + ")");
        }
        store.begin(TxnType.READ);
    }

    @Override
    public void begin(ReadWrite readWrite) {
        begin(TxnType.convert(readWrite));
    }

    @Override
    public boolean promote(Promote mode) {
        return false;
    }

    @Override
    public void commit() {
        store.commit();
    }

    @Override
    public void abort() {
        store.abort();
    }

    @Override
    public void end() {
        store.end();
    }

    @Override
    public ReadWrite transactionMode() {
        return store.transactionMode();
    }

    @Override
    public TxnType transactionType() {
        return store.transactionType();
    }

    @Override
    public boolean isInTransaction() {
        return store.isInTransaction();
    }

    @Override
    public String toString() {
        return "StoreView" + graphs;
    }
}
