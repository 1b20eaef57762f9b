package fr.regie.pipeline.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.RefreshResult.Outcome;

/**
 * A mirror kept to a territory ({@code regie:within}): after each sync it holds the upstream's
 * dump (reference IRIs moved to the local base) cut, in plain Java here, to the records placed
 * in the territory and what only they reach; records moving in and out of it follow; nothing new
 * upstream writes nothing.
 */
class ScopedMirrorTest {
    private static final Node IN_COMMUNE = NodeFactory.createURI("https://w3id.org/regie#inCommune");
    private static final Node SAINT_DENIS = NodeFactory.createURI(MirrorFixture.DOWN + "id/commune/93066");

    @TempDir
    Path dir;
    MirrorFixture f;

    @BeforeEach
    void start() throws Exception {
        f = MirrorFixture.create(dir, "1.0", "; regie:within <" + SAINT_DENIS.getURI() + ">");
        f.sql("INSERT INTO lieu VALUES (1, 'Gare', 'Station', NULL, '93066', 12.500, 1.5, TRUE, DATE '2020-01-31', NULL)",
                "INSERT INTO lieu VALUES (2, 'Mairie', NULL, 'Rathaus', '93001', -0.001, -0.0, FALSE, NULL, 1)");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** The upstream's dump without the records placed outside Saint-Denis, nor the blank nodes only they reach. */
    private Set<Triple> expected() throws Exception {
        Set<Triple> all = f.expected();
        Set<Node> out = new HashSet<>();
        all.stream().filter(t -> t.getPredicate().equals(IN_COMMUNE) && !t.getObject().equals(SAINT_DENIS)).forEach(t -> out.add(t.getSubject()));
        all.stream().filter(t -> out.contains(t.getSubject()) && t.getObject().isBlank()).forEach(t -> out.add(t.getObject()));
        Set<Triple> kept = new HashSet<>(all);
        kept.removeIf(t -> out.contains(t.getSubject()));
        return kept;
    }

    private void assertScoped() throws Exception {
        Set<Triple> expected = expected();
        Set<Triple> actual = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);
        assertTrue(MirrorFixture.same(expected, actual), "expected " + expected + "\nbut the mirror holds " + actual);
    }

    @Test
    void recordsFollowTheirPlaceInAndOutOfTheTerritory() throws Exception {
        RefreshResult first = f.syncDown();
        assertEquals(Outcome.ACCEPTED, first.outcome(), first.line());
        assertTrue(first.message().contains("1 records outside"), first.message());
        assertScoped();

        f.sql("UPDATE lieu SET code = '93066' WHERE id = 2", "UPDATE lieu SET nom = 'Gare centrale' WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        RefreshResult in = f.syncDown();
        assertEquals(Outcome.ACCEPTED, in.outcome(), in.line());
        assertScoped();

        f.sql("UPDATE lieu SET code = '93001' WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        f.sql("INSERT INTO lieu VALUES (3, 'École', NULL, NULL, '93066', 0.000, 1.0E300, NULL, NULL, 2)");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        RefreshResult out = f.syncDown();
        assertEquals(Outcome.ACCEPTED, out.outcome(), out.line());
        assertEquals(in.version() + 1, out.version(), "two upstream versions read from one dump: one local version");
        assertScoped();

        RefreshResult idle = f.syncDown();
        assertEquals(Outcome.UNCHANGED, idle.outcome(), idle.line());
        assertEquals(out.version(), idle.version());
    }
}
