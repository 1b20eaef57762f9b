package fr.regie.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;

/**
 * The version objects of a dataset's event stream, computed from its change log: which subjects
 * a version touched ({@link #touched}) and what each said at that version ({@link #describe}).
 * The state of a subject at version V is its live description with the patches after V undone,
 * newest first: only the subjects asked for (and the blank nodes they reach) are held, so memory
 * follows the members asked for, not the dataset, and the patches are streamed. A blank node is
 * assumed to change only while an IRI reaches it or together with the link to it (as a refresh
 * writes them): one changed while nothing linked to it is not followed.
 * Every method reads the live graph: call it inside one read transaction, with {@code live} the
 * version that transaction sees (the log may hold a patch beyond it, never read).
 */
public final class ChangeMembers {
    /** How far up a chain of blank nodes an owner is looked for. */
    private static final int MAX_BLANK_DEPTH = 16;

    private ChangeMembers() {}

    /** A subject at a version. */
    public record Member(long version, Node subject) {}

    /** What a member said at its version: its triples, blank-node closure included; none when removed. */
    public record Description(Member member, List<Triple> triples) {
        public boolean removed() {
            return triples.isEmpty();
        }
    }

    /**
     * The IRI subjects the patch of {@code version} touches, in the order the patch first names
     * them: the subjects of its triples, and for a blank node it changes, the IRIs that own it
     * (link to it, in the patch or in the live graph or, when neither does, in a later patch that
     * removed the link; through at most 16 blank nodes).
     */
    public static List<Node> touched(ChangeLog log, long version, long liveVersion, Graph live) throws IOException {
        Set<Node> out = new LinkedHashSet<>();
        Set<Node> blanks = new LinkedHashSet<>();
        Map<Node, Set<Node>> linkedFrom = new HashMap<>();
        read(log, version, new RDFChangesBase() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                note(s, o);
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                note(s, o);
            }

            private void note(Node s, Node o) {
                if (s.isURI()) {
                    out.add(s);
                } else if (s.isBlank()) {
                    blanks.add(s);
                }
                if (o.isBlank()) {
                    linkedFrom.computeIfAbsent(o, k -> new HashSet<>()).add(s);
                }
            }
        });
        List<Node> orphans = new ArrayList<>();
        for (Node b : blanks) {
            Set<Node> owners = owners(b, linkedFrom, live);
            out.addAll(owners);
            if (owners.isEmpty()) {
                orphans.add(b);
            }
        }
        if (!orphans.isEmpty()) {
            // Owned at this version through a link a later version removed: the later patches say which.
            for (long v = version + 1; v <= liveVersion; v++) {
                read(log, v, new RDFChangesBase() {
                    @Override
                    public void delete(Node g, Node s, Node p, Node o) {
                        if (o.isBlank()) {
                            linkedFrom.computeIfAbsent(o, k -> new HashSet<>()).add(s);
                        }
                    }
                });
            }
            for (Node b : orphans) {
                out.addAll(owners(b, linkedFrom, live));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every IRI subject the graph had at {@code version}, for a stream that starts there (the
     * versions before it have no patch): the live graph's subjects and those the patches after
     * it touched, kept when they had triples at that version. It holds every subject's IRI at once.
     */
    public static List<Node> everySubject(ChangeLog log, long version, long live, Graph liveGraph) throws IOException {
        Set<Node> candidates = new LinkedHashSet<>();
        liveGraph.find().forEachRemaining(t -> {
            if (t.getSubject().isURI()) {
                candidates.add(t.getSubject());
            }
        });
        for (long v = version + 1; v <= live; v++) {
            candidates.addAll(touched(log, v, live, liveGraph));
        }
        List<Node> out = new ArrayList<>();
        List<Member> chunk = new ArrayList<>();
        for (Node s : candidates) {
            chunk.add(new Member(version, s));
            if (chunk.size() == 1000) {
                keepPresent(log, live, liveGraph, chunk, out);
            }
        }
        keepPresent(log, live, liveGraph, chunk, out);
        return out;
    }

    private static void keepPresent(ChangeLog log, long live, Graph liveGraph, List<Member> chunk, List<Node> out) throws IOException {
        for (Description d : describe(log, live, liveGraph, chunk)) {
            if (!d.removed()) {
                out.add(d.member().subject());
            }
        }
        chunk.clear();
    }

    /** The IRIs that reach a blank node through the patch's links or the live graph's. */
    private static Set<Node> owners(Node blank, Map<Node, Set<Node>> linkedFrom, Graph live) {
        Set<Node> owners = new LinkedHashSet<>();
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(blank));
        for (int depth = 0; depth < MAX_BLANK_DEPTH && !todo.isEmpty(); depth++) {
            Deque<Node> next = new ArrayDeque<>();
            for (Node b : todo) {
                if (!seen.add(b)) {
                    continue;
                }
                Set<Node> from = new LinkedHashSet<>(linkedFrom.getOrDefault(b, Set.of()));
                live.find(Node.ANY, Node.ANY, b).forEachRemaining(t -> from.add(t.getSubject()));
                for (Node s : from) {
                    if (s.isURI()) {
                        owners.add(s);
                    } else if (s.isBlank()) {
                        next.add(s);
                    }
                }
            }
            todo = next;
        }
        return owners;
    }

    /**
     * The description of each member at its version, in the order given: the live graph (at
     * version {@code live}) with the patches from {@code live} down to the oldest member's
     * version + 1 undone, reading each patch once.
     */
    public static List<Description> describe(ChangeLog log, long live, Graph liveGraph, List<Member> members) throws IOException {
        if (members.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, List<Member>> byVersion = new TreeMap<>();
        Set<Node> wanted = new HashSet<>();
        for (Member m : members) {
            if (m.version() > live) {
                throw new IllegalArgumentException("version " + m.version() + " is beyond the live version " + live);
            }
            byVersion.computeIfAbsent(m.version(), k -> new ArrayList<>()).add(m);
            wanted.add(m.subject());
        }
        State state = new State(liveGraph);
        Map<Member, List<Triple>> found = new HashMap<>();
        long oldest = byVersion.firstKey();
        for (long v = live; v >= oldest; v--) {
            for (Member m : byVersion.getOrDefault(v, List.of())) {
                found.put(m, state.closure(m.subject()));
            }
            if (v > oldest) {
                undo(log, v, wanted, state);
            }
        }
        List<Description> out = new ArrayList<>(members.size());
        for (Member m : members) {
            out.add(new Description(m, found.get(m)));
        }
        return out;
    }

    /**
     * Undoes version v for the subjects asked for: what it deleted comes back, what it added
     * goes. Blank nodes are followed only when the subjects reach them, so that what is held
     * stays the page's, whatever the dataset.
     */
    private static void undo(ChangeLog log, long v, Set<Node> wanted, State state) throws IOException {
        Map<Node, Set<Triple>> blankAdded = new HashMap<>();
        Map<Node, Set<Triple>> blankDeleted = new HashMap<>();
        read(log, v, new RDFChangesBase() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                if (wanted.contains(s)) {
                    state.of(s).remove(Triple.create(s, p, o));
                } else if (s.isBlank()) {
                    blankAdded.computeIfAbsent(s, k -> new HashSet<>()).add(Triple.create(s, p, o));
                }
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                if (wanted.contains(s)) {
                    state.of(s).add(Triple.create(s, p, o));
                } else if (s.isBlank()) {
                    blankDeleted.computeIfAbsent(s, k -> new HashSet<>()).add(Triple.create(s, p, o));
                }
            }
        });
        if (blankAdded.isEmpty() && blankDeleted.isEmpty()) {
            return;
        }
        // The blank nodes the subjects reach once the version is undone, and what each says then.
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(wanted);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            Set<Triple> before = new LinkedHashSet<>(state.triples(n));
            if (n.isBlank()) {
                before.removeAll(blankAdded.getOrDefault(n, Set.of()));
                before.addAll(blankDeleted.getOrDefault(n, Set.of()));
                if (blankAdded.containsKey(n) || blankDeleted.containsKey(n)) {
                    state.held.put(n, before);
                }
            }
            for (Triple t : before) {
                if (t.getObject().isBlank() && seen.add(t.getObject())) {
                    todo.add(t.getObject());
                }
            }
        }
    }

    /** The subjects whose state differs from the live graph's, or may: the rest is read live. */
    private static final class State {
        private final Graph live;
        private final Map<Node, Set<Triple>> held = new HashMap<>();

        State(Graph live) {
            this.live = live;
        }

        /** The state of a subject, taken from the live graph when first needed. */
        Set<Triple> of(Node s) {
            return held.computeIfAbsent(s, k -> new LinkedHashSet<>(live.find(k, Node.ANY, Node.ANY).toList()));
        }

        List<Triple> triples(Node s) {
            Set<Triple> h = held.get(s);
            return h != null ? List.copyOf(h) : live.find(s, Node.ANY, Node.ANY).toList();
        }

        /** The subject's triples and those of the blank nodes it reaches. */
        List<Triple> closure(Node subject) {
            List<Triple> out = new ArrayList<>();
            Set<Node> seen = new HashSet<>(List.of(subject));
            Deque<Node> todo = new ArrayDeque<>(List.of(subject));
            while (!todo.isEmpty()) {
                for (Triple t : triples(todo.pop())) {
                    out.add(t);
                    if (t.getObject().isBlank() && seen.add(t.getObject())) {
                        todo.add(t.getObject());
                    }
                }
            }
            return out;
        }
    }

    private static void read(ChangeLog log, long version, RDFChangesBase changes) throws IOException {
        try (InputStream in = log.open(version)) {
            new RDFPatchReaderText(in).apply(changes);
        }
    }
}
