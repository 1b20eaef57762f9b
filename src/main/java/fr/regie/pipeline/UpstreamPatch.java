package fr.regie.pipeline;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;

import fr.regie.store.StoreTerms;
import fr.regie.territory.ReferenceIris;

/**
 * One upstream version's RDF Patch as a mirror reads it: its {@code id} and {@code prev}
 * headers, and the triples it deletes and adds in the upstream dataset's graph, in the store's
 * terms, their reference IRIs moved to the local base. A patch that does not parse, names
 * another graph, aborts its transaction or never commits it is {@link Corrupt}: the mirror does
 * not apply any of it.
 */
record UpstreamPatch(Optional<Node> id, Optional<Node> prev, Node graph, List<Triple> deleted, List<Triple> added) {

    /** A patch that cannot be applied as it is. */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a patch of the upstream dataset {@code upstreamId}; reference IRIs under the
     * upstream's base (learned from the patch's graph, {@code {base}graph/{id}}) go to {@code localBase}.
     */
    static UpstreamPatch read(InputStream in, String upstreamId, String localBase) throws Corrupt {
        Collector c = new Collector();
        try {
            RDFPatchOps.read(in).apply(c);
        } catch (RuntimeException e) {
            fr.regie.r2rml.SourceException source = sourceCause(e);
            if (source != null) {
                throw source; // the upstream stalled or sent too much: a failure, not a corrupt patch
            }
            throw new Corrupt("the patch does not parse: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (c.problem != null) {
            throw new Corrupt(c.problem);
        }
        if (!c.committed) {
            throw new Corrupt("the patch does not end with its commit (TC): it was cut");
        }
        if (c.graph == null) {
            return new UpstreamPatch(Optional.ofNullable(c.id), Optional.ofNullable(c.prev), null, List.of(), List.of());
        }
        String base = baseOf(c.graph, upstreamId).orElseThrow(() -> new Corrupt("the patch changes the graph <" + c.graph.getURI()
                + ">, not the upstream dataset's ({base}graph/" + upstreamId + ")"));
        ReferenceIris rewrite = new ReferenceIris(base, localBase);
        List<Triple> deleted = new ArrayList<>(c.deleted.size());
        List<Triple> added = new ArrayList<>(c.added.size());
        for (List<Triple> ts : List.of(c.deleted, c.added)) {
            for (Triple t : ts) {
                String refusal = rewrite.refusal(t);
                if (refusal != null) {
                    throw new Corrupt("a triple of the patch is refused: " + refusal);
                }
            }
        }
        c.deleted.forEach(t -> deleted.add(StoreTerms.canonical(rewrite.rewrite(t))));
        c.added.forEach(t -> added.add(StoreTerms.canonical(rewrite.rewrite(t))));
        return new UpstreamPatch(Optional.ofNullable(c.id), Optional.ofNullable(c.prev), c.graph, deleted, added);
    }

    /** The base of a graph named {@code {base}graph/{id}}. */
    static Optional<String> baseOf(Node graph, String upstreamId) {
        String suffix = "graph/" + upstreamId;
        if (graph == null || !graph.isURI() || !graph.getURI().endsWith(suffix) || !graph.getURI().endsWith("/" + suffix)) {
            return Optional.empty();
        }
        return Optional.of(graph.getURI().substring(0, graph.getURI().length() - suffix.length()));
    }

    static fr.regie.r2rml.SourceException sourceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof fr.regie.r2rml.SourceException s) {
                return s;
            }
        }
        return null;
    }

    /** Gathers the headers and changes, noting the first thing that makes the patch unusable. */
    private static final class Collector extends RDFChangesBase {
        Node id;
        Node prev;
        Node graph;
        boolean committed;
        String problem;
        final List<Triple> deleted = new ArrayList<>();
        final List<Triple> added = new ArrayList<>();

        @Override
        public void header(String field, Node value) {
            if (field.equals("id")) {
                id = value;
            } else if (field.equals("prev") || field.equals("previous")) {
                prev = value;
            }
        }

        private void change(Node g, Node s, Node p, Node o, List<Triple> into) {
            if (committed && problem == null) {
                problem = "the patch changes data after its commit";
            }
            if (g == null || graph != null && !graph.equals(g)) {
                problem = problem != null ? problem : "the patch changes more than one graph (or the default graph)";
                return;
            }
            graph = g;
            into.add(Triple.create(s, p, o));
        }

        @Override
        public void add(Node g, Node s, Node p, Node o) {
            change(g, s, p, o, added);
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            change(g, s, p, o, deleted);
        }

        @Override
        public void addPrefix(Node gn, String prefix, String uriStr) {
            // Prefixes change no triple.
        }

        @Override
        public void deletePrefix(Node gn, String prefix) {
            // Prefixes change no triple.
        }

        @Override
        public void txnCommit() {
            committed = true;
        }

        @Override
        public void txnAbort() {
            problem = problem != null ? problem : "the patch aborts its transaction (TA)";
        }
    }
}
