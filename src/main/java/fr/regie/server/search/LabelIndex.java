package fr.regie.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.territory.Vocab;

/**
 * A Lucene index of the labels in the store (rdfs:label, schema:name, igeo:nom, dct:title of the
 * resources of each dataset's graph) and of the datasets' titles, each entry remembering the
 * graph it came from so that a search keeps only the graphs the caller may see. Words are folded
 * ({@link Folding}) and searched by prefix.
 *
 * <p>In memory: the demo's labels take a few megabytes. Kept current by {@link #sync}: each
 * search compares every dataset's live version (one index lookup in its metadata graph) with the
 * version indexed, and re-indexes the datasets that changed, the others staying as they are.
 * A registry reload re-indexes everything at the next search.
 */
final class LabelIndex implements AutoCloseable {
    /** The properties that name a resource (as the resource pages read them). */
    static final List<Node> LABELS = List.of(RDFS.label.asNode(), NodeFactory.createURI("https://schema.org/name"), Vocab.nom,
            NodeFactory.createURI("http://purl.org/dc/terms/title"));
    /** Entries kept per dataset and characters per label: the index stays bounded whatever a dataset holds. */
    static final int MAX_PER_DATASET = 200_000;
    static final int MAX_LABEL = 300;

    /** One entry found. {@code dataset} is the registry id; {@code type} may be null. */
    record Hit(String iri, String label, String type, String dataset, boolean isDataset) {}

    /** Some hits and how many there were in all. */
    record Result(List<Hit> hits, long total) {}

    private static final Logger LOG = LoggerFactory.getLogger(LabelIndex.class);

    private final GraphNames graphs;
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** dataset id → version indexed (and the registry generation it was indexed under). */
    private final Map<String, Long> indexed = new HashMap<>();
    private volatile Registry registryIndexed;
    /** Whether a first index is complete (until then, searches wait for it). */
    private volatile boolean ready;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    /** The communes of the territory (from its reference dataset), whose places rank first. */
    private Set<Node> home = Set.of();

    LabelIndex(GraphNames graphs) {
        this.graphs = graphs;
        try {
            this.writer = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            writer.commit();
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Brings the index up to the live versions in {@code dsg} (the whole store, read transaction
     * open) for the datasets of {@code registry}. Cheap when nothing changed. Returns how many
     * datasets were re-indexed.
     */
    int sync(DatasetGraph dsg, Registry registry) {
        if (!lock.tryLock()) {
            if (ready) {
                return 0; // another request is re-indexing: search what is indexed meanwhile
            }
            lock.lock();
        }
        try {
            if (registry != registryIndexed) {
                indexed.clear();
                writer.deleteAll();
                registryIndexed = registry;
            }
            home = communes(dsg, registry);
            int done = 0;
            long start = System.nanoTime();
            for (DatasetSpec ds : registry.datasets()) {
                long v = MetaRecords.version(dsg, graphs, ds.id());
                Long had = indexed.get(ds.id());
                if (had == null || had != v) {
                    writer.deleteDocuments(new Term("dataset", ds.id()));
                    add(dsg, ds);
                    indexed.put(ds.id(), v);
                    done++;
                }
            }
            if (done > 0) {
                writer.commit();
                searchers.maybeRefreshBlocking();
                LOG.info("search index: {} dataset(s) indexed in {} ms; {} labels, {} KiB", done,
                        (System.nanoTime() - start) / 1_000_000, size(), bytes() / 1024);
            }
            ready = true;
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private static Set<Node> communes(DatasetGraph dsg, Registry registry) {
        Set<Node> out = new HashSet<>(TerritoryCommunes.places(registry));
        out.addAll(TerritoryCommunes.of(dsg, registry, 10_000));
        return out;
    }

    /**
     * The group an entry is ordered in: what lies in the territory (its communes and what is
     * placed in them) first, then datasets, then the rest, dated boundaries and commune changes
     * last. Within a group, a label equal to the query comes first, then shorter labels.
     */
    private int group(Set<Node> placed, Node s, String type) {
        if (type != null && (type.equals(Vocab.Boundary.getURI()) || type.equals(Vocab.CommuneChange.getURI()))) {
            return 3;
        }
        if (home.contains(s) || placed.contains(s)) {
            return 0;
        }
        return 2;
    }

    private void add(DatasetGraph dsg, DatasetSpec ds) throws IOException {
        Node meta = graphs.meta(ds.id());
        Node dataGraph = graphs.dataset(ds.id());
        writer.addDocument(doc(MetaRecords.datasetNode(graphs, ds.id()).getURI(), ds.title(), null, ds.id(), meta, true, 1));
        Map<Node, Set<String>> seen = new HashMap<>();
        Map<Node, String> types = new HashMap<>();
        // What the dataset places in one of the territory's communes (one scan of regie:inCommune).
        Set<Node> placed = new HashSet<>();
        Iterator<Quad> in = dsg.find(dataGraph, Node.ANY, Vocab.inCommune, Node.ANY);
        while (in.hasNext()) {
            Quad q = in.next();
            if (home.contains(q.getObject())) {
                placed.add(q.getSubject());
            }
        }
        int n = 0;
        for (Node p : LABELS) {
            Iterator<Quad> it = dsg.find(dataGraph, Node.ANY, p, Node.ANY);
            while (it.hasNext() && n < MAX_PER_DATASET) {
                Quad q = it.next();
                if (!q.getSubject().isURI() || !q.getObject().isLiteral()) {
                    continue;
                }
                String label = q.getObject().getLiteralLexicalForm();
                if (label.length() > MAX_LABEL) {
                    label = label.substring(0, MAX_LABEL);
                }
                if (seen.computeIfAbsent(q.getSubject(), k -> new HashSet<>()).add(label)) {
                    String type = types.computeIfAbsent(q.getSubject(), k -> type(dsg, dataGraph, k));
                    writer.addDocument(doc(q.getSubject().getURI(), label, type, ds.id(), dataGraph, false,
                            group(placed, q.getSubject(), type)));
                    n++;
                }
            }
        }
    }

    private static String type(DatasetGraph dsg, Node graph, Node s) {
        Iterator<Quad> it = dsg.find(graph, s, RDF.type.asNode(), Node.ANY);
        String best = null;
        while (it.hasNext()) {
            Node t = it.next().getObject();
            if (t.isURI() && (best == null || t.getURI().compareTo(best) < 0)) {
                best = t.getURI();
            }
        }
        return best;
    }

    private static Document doc(String iri, String label, String type, String dataset, Node graph, boolean isDataset, int group) {
        Document d = new Document();
        d.add(new StoredField("iri", iri));
        d.add(new StoredField("label", label));
        if (type != null) {
            d.add(new StoredField("type", type));
        }
        d.add(new StringField("dataset", dataset, Field.Store.YES));
        d.add(new StringField("graph", graph.getURI(), Field.Store.NO));
        d.add(new StoredField("kind", isDataset ? 1 : 0));
        for (String w : Folding.words(label)) {
            d.add(new StringField("word", w, Field.Store.NO));
        }
        d.add(new StringField("exact", String.join(" ", Folding.words(label)), Field.Store.NO));
        d.add(new NumericDocValuesField("group", group));
        d.add(new NumericDocValuesField("length", label.length()));
        d.add(new SortedDocValuesField("key", new BytesRef(Folding.fold(label) + "\u0000" + iri)));
        return d;
    }

    /**
     * The entries whose label has every word of {@code query} as the beginning of one of its
     * words, from the graphs in {@code visible} only, best first, at most {@code limit}.
     */
    Result search(String query, Set<Node> visible, int limit) {
        List<String> words = Folding.words(query);
        if (words.isEmpty() || visible.isEmpty()) {
            return new Result(List.of(), 0);
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String w : words) {
            q.add(new PrefixQuery(new Term("word", w)), BooleanClause.Occur.FILTER);
        }
        // A label that is exactly the query comes first (scores 1; the others 0).
        q.add(new org.apache.lucene.search.ConstantScoreQuery(new org.apache.lucene.search.TermQuery(new Term("exact", String.join(" ", words)))),
                BooleanClause.Occur.SHOULD);
        List<BytesRef> g = visible.stream().map(n -> new BytesRef(n.getURI())).toList();
        q.add(new TermInSetQuery("graph", g), BooleanClause.Occur.FILTER);
        Query built = q.build();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Sort sort = new Sort(new SortField("group", SortField.Type.LONG), SortField.FIELD_SCORE,
                        new SortField("length", SortField.Type.LONG), new SortField("key", SortField.Type.STRING));
                TopFieldDocs top = s.search(built, Math.max(1, limit), sort);
                List<Hit> hits = new ArrayList<>();
                for (var sd : top.scoreDocs) {
                    if (hits.size() >= limit) {
                        break;
                    }
                    Document d = s.storedFields().document(sd.doc);
                    hits.add(new Hit(d.get("iri"), d.get("label"), d.get("type"), d.get("dataset"),
                            d.getField("kind").numericValue().intValue() == 1));
                }
                return new Result(hits, s.count(built));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries in the index. */
    int size() {
        return writer.getDocStats().numDocs;
    }

    /** Bytes the index takes in memory. */
    long bytes() {
        long n = 0;
        try {
            for (String f : dir.listAll()) {
                n += dir.fileLength(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        dir.close();
    }
}
