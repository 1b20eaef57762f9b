package fr.regie.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

import fr.regie.error.RegieException;
import fr.regie.registry.DatasetSpec;
import fr.regie.territory.Vocab;

/**
 * The scope of a dataset ({@code regie:within}): the communes in force that lie in the
 * territories it names, read from the territory graph. A staged record placed in a commune
 * outside, or one that gives a commune code or a geometry but could be placed in no commune (it
 * is reported as not placed, as everywhere), is left out of the dataset, with what only it
 * describes (its geometry, its blank nodes). A dataset without {@code regie:within} is
 * {@link #EVERYWHERE}.
 */
final class Extent {
    static final Extent EVERYWHERE = new Extent(null);
    private final Set<Node> communes;

    private Extent(Set<Node> communes) {
        this.communes = communes;
    }

    /** The extent of {@code spec} in {@code territory} (read it inside a read transaction). */
    static Extent of(DatasetSpec spec, Graph territory) {
        if (spec.within().isEmpty()) {
            return EVERYWHERE;
        }
        Set<Node> communes = new HashSet<>();
        for (Node w : spec.within()) {
            int before = communes.size();
            if (territory.contains(w, RDF.Nodes.type, Vocab.Commune)) {
                communes.add(w);
            }
            territory.find(Node.ANY, Vocab.subdivisionDe, w).mapWith(Triple::getSubject)
                    .filterKeep(c -> territory.contains(c, RDF.Nodes.type, Vocab.Commune)).forEach(communes::add);
            if (communes.size() == before) {
                throw new NoCommune(spec.id() + ": regie:within <" + w.getURI() + "> holds no commune of the territorial reference"
                        + " (is the reference loaded, and is the IRI one of its territories?)", null);
            }
        }
        return new Extent(Set.copyOf(communes));
    }

    /** Whether this extent keeps everything. */
    boolean everywhere() {
        return communes == null;
    }

    /**
     * Removes from {@code staged} the records placed only outside the extent or not placed, and
     * the nodes only they point to; returns how many records were left out. A staged record is
     * always whole (see {@link Staging}), so its code or geometry is there to judge it by.
     */
    long keepWithin(Graph staged) {
        if (communes == null) {
            return 0;
        }
        Set<Node> inside = new HashSet<>();
        Set<Node> out = new HashSet<>();
        staged.find(Node.ANY, Vocab.inCommune, Node.ANY).forEach(t -> (communes.contains(t.getObject()) ? inside : out).add(t.getSubject()));
        out.removeAll(inside);
        for (Node p : List.of(Vocab.communeCode, Vocab.hasGeometry)) {
            staged.find(Node.ANY, p, Node.ANY).mapWith(Triple::getSubject)
                    .filterDrop(s -> inside.contains(s) || staged.contains(s, Vocab.inCommune, Node.ANY)).forEach(out::add);
        }
        long records = out.size();
        // What only left-out records point to (a station's geometry, a blank node) goes with them.
        Deque<Node> todo = new ArrayDeque<>(out);
        while (!todo.isEmpty()) {
            Node s = todo.pop();
            for (Triple t : staged.find(s, Node.ANY, Node.ANY).toList()) {
                Node o = t.getObject();
                if (!o.isLiteral() && !out.contains(o) && !inside.contains(o) && staged.contains(o, Node.ANY, Node.ANY)
                        && !staged.contains(o, Vocab.inCommune, Node.ANY)
                        && staged.find(Node.ANY, Node.ANY, o).filterDrop(x -> out.contains(x.getSubject())).toList().isEmpty()) {
                    out.add(o);
                    todo.push(o);
                }
            }
        }
        List<Triple> drop = new ArrayList<>();
        for (Node s : out) {
            staged.find(s, Node.ANY, Node.ANY).forEach(drop::add);
        }
        drop.forEach(staged::delete);
        return records;
    }

    /** A {@code regie:within} that names no territory of the reference holding a commune. */
    static final class NoCommune extends RegieException {
        private static final long serialVersionUID = 1L;

        NoCommune(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
