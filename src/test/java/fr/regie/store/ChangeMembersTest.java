package fr.regie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The version objects computed from a change log against an independent model: a seeded random
 * sequence of versions (subjects added, removed, modified; some with blank nodes, changed on
 * their own or replaced) applied to an in-memory graph, each version's patch written to a real
 * change log and a copy of the graph kept. The subjects a version touched must be exactly the IRIs
 * whose description (blank-node closure included) differs between the copies before and after,
 * and every member's description must be that copy's, read back from the live graph and the
 * patches alone.
 */
class ChangeMembersTest {
    private static final Node G = NodeFactory.createURI("https://t.example/graph/d");
    private static final String EX = "https://t.example/id/";
    private static final Node GEO = NodeFactory.createURI(EX + "geo");
    private static final Node WKT = NodeFactory.createURI(EX + "wkt");

    @TempDir
    Path dir;

    static Node p(int i) {
        return NodeFactory.createURI(EX + "p" + i);
    }

    static Graph copy(Graph g) {
        Graph c = GraphFactory.createGraphMem();
        g.find().forEachRemaining(c::add);
        return c;
    }

    /** A subject's triples and those of the blank nodes it reaches, in plain Java. */
    static Set<Triple> closure(Graph g, Node s) {
        Set<Triple> out = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(s));
        Set<Node> seen = new HashSet<>(List.of(s));
        while (!todo.isEmpty()) {
            for (Triple t : g.find(todo.pop(), Node.ANY, Node.ANY).toList()) {
                out.add(t);
                if (t.getObject().isBlank() && seen.add(t.getObject())) {
                    todo.add(t.getObject());
                }
            }
        }
        return out;
    }

    static Set<Node> iris(Graph g) {
        Set<Node> out = new HashSet<>();
        g.find().forEachRemaining(t -> {
            if (t.getSubject().isURI()) {
                out.add(t.getSubject());
            }
        });
        return out;
    }

    /** Adds a subject with 1 to 3 values and, one time in two, a blank node with a value. */
    static void addSubject(Graph g, Node s, Random rnd) {
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            g.add(s, p(i), NodeFactory.createLiteralString("v" + rnd.nextInt(1000)));
        }
        if (rnd.nextBoolean()) {
            Node b = NodeFactory.createBlankNode();
            g.add(s, GEO, b);
            g.add(b, WKT, NodeFactory.createLiteralString("POINT(" + rnd.nextInt(100) + " 1)"));
        }
    }

    static void removeSubject(Graph g, Node s) {
        for (Triple t : closure(g, s)) {
            g.delete(t);
        }
    }

    /** One random change: add, remove, a new value, a blank node changed in place, or replaced. */
    static void change(Graph g, Random rnd, int[] next) {
        List<Node> subjects = new ArrayList<>(new TreeSet<>(iris(g).stream().map(Node::getURI).toList()).stream()
                .map(NodeFactory::createURI).toList());
        int op = subjects.isEmpty() ? 0 : rnd.nextInt(5);
        Node s = subjects.isEmpty() ? null : subjects.get(rnd.nextInt(subjects.size()));
        switch (op) {
            case 0 -> addSubject(g, NodeFactory.createURI(EX + "s" + next[0]++), rnd);
            case 1 -> removeSubject(g, s);
            case 2 -> {
                Triple old = g.find(s, p(0), Node.ANY).toList().stream().findFirst().orElse(null);
                if (old != null) {
                    g.delete(old);
                }
                g.add(s, p(0), NodeFactory.createLiteralString("w" + rnd.nextInt(1000)));
            }
            case 3 -> {
                // The blank node's own value changes: the patch names only the blank node.
                for (Triple link : g.find(s, GEO, Node.ANY).toList()) {
                    for (Triple t : g.find(link.getObject(), WKT, Node.ANY).toList()) {
                        g.delete(t);
                    }
                    g.add(link.getObject(), WKT, NodeFactory.createLiteralString("POINT(" + rnd.nextInt(100) + " 2)"));
                }
            }
            default -> {
                removeSubject(g, s);
                addSubject(g, s, rnd);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void membersAreTheDescriptionsOfTheCopies(long seed) throws Exception {
        Random rnd = new Random(seed);
        ChangeLog log = new StoreLayout(dir).changeLog("d");
        Graph live = GraphFactory.createGraphMem();
        int[] next = {0};
        List<Graph> copies = new ArrayList<>(List.of(copy(live)));
        int versions = 6 + rnd.nextInt(10);
        for (int v = 1; v <= versions; v++) {
            Graph before = copy(live);
            int changes = v == 1 ? 8 + rnd.nextInt(8) : 1 + rnd.nextInt(4);
            for (int i = 0; i < changes; i++) {
                change(live, rnd, next);
            }
            Set<Triple> deleted = new HashSet<>(before.find().toList());
            deleted.removeAll(live.find().toList());
            Set<Triple> added = new HashSet<>(live.find().toList());
            added.removeAll(before.find().toList());
            log.write(v, G, deleted, added);
            copies.add(copy(live));
        }
        List<ChangeMembers.Member> all = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            Graph before = copies.get(v - 1);
            Graph after = copies.get(v);
            Set<Node> expected = new HashSet<>(iris(before));
            expected.addAll(iris(after));
            expected.removeIf(s -> closure(before, s).equals(closure(after, s)));
            List<Node> touched = ChangeMembers.touched(log, v, versions, live);
            assertEquals(touched.size(), new HashSet<>(touched).size(), "no subject twice in version " + v);
            assertEquals(expected, new HashSet<>(touched), "seed " + seed + ", version " + v);
            if (v == 1) {
                assertEquals(iris(after), new HashSet<>(touched), "the first version has every subject");
            }
            for (Node s : touched) {
                all.add(new ChangeMembers.Member(v, s));
            }
        }
        assertTrue(all.size() > versions, "enough members to check: " + all.size());
        // All at once, then page by page (4 members: the other subjects' blank nodes are not followed).
        check(ChangeMembers.describe(log, versions, live, all), copies, seed);
        for (int from = 0; from < all.size(); from += 4) {
            check(ChangeMembers.describe(log, versions, live, all.subList(from, Math.min(all.size(), from + 4))), copies, seed);
        }
        // A stream that starts at version 3 (the versions before without patch) lists every subject then.
        assertEquals(iris(copies.get(3)), new HashSet<>(ChangeMembers.everySubject(log, 3, versions, live)));
    }

    private static void check(List<ChangeMembers.Description> described, List<Graph> copies, long seed) {
        for (ChangeMembers.Description d : described) {
            Graph at = copies.get((int) d.member().version());
            Set<Triple> expected = closure(at, d.member().subject());
            assertEquals(expected, new HashSet<>(d.triples()), "seed " + seed + ": " + d.member());
            assertEquals(expected.isEmpty(), d.removed());
        }
    }
}
