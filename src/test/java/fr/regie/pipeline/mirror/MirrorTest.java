package fr.regie.pipeline.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.RefreshResult.Outcome;
import fr.regie.pipeline.Refresher;
import fr.regie.store.GraphNames;

/**
 * A Régie that mirrors another, both real servers over real HTTP: the first sync copies the
 * dump, each later upstream version arrives as one local version with its provenance, the copy
 * links to the local reference, an upstream that is down leaves the last good copy served, and
 * a gap or a corrupt patch sends the mirror back to the dump. After every sync the mirror must
 * hold the upstream's dump with its reference IRIs moved (rewritten as plain text by the fixture).
 */
class MirrorTest {
    private static final String PROV = "http://www.w3.org/ns/prov#";
    private static final String REGIE = "https://w3id.org/regie#";

    @TempDir
    Path dir;
    MirrorFixture f;

    @BeforeEach
    void start() throws Exception {
        f = MirrorFixture.create(dir);
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

    private void assertMirrors() throws Exception {
        Set<Triple> expected = f.expected();
        Set<Triple> actual = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);
        assertTrue(MirrorFixture.same(expected, actual), "expected " + expected + "\nbut the mirror holds " + actual);
    }

    private Node meta(long version) {
        return NodeFactory.createURI(MirrorFixture.DOWN + "id/dataset/" + MirrorFixture.DOWN_ID + "/version/" + version);
    }

    private long recordedUpstreamVersion(long localVersion) {
        DatasetGraph dsg = f.down.store.dataset();
        Node g = new GraphNames(MirrorFixture.DOWN).meta(MirrorFixture.DOWN_ID);
        return Txn.calculateRead(dsg, () -> {
            var it = dsg.find(g, meta(localVersion), NodeFactory.createURI(REGIE + "upstreamVersion"), Node.ANY);
            return it.hasNext() ? Long.parseLong(it.next().getObject().getLiteralLexicalForm()) : -1L;
        });
    }

    private boolean derivedFromUpstream(long localVersion) {
        DatasetGraph dsg = f.down.store.dataset();
        Node g = new GraphNames(MirrorFixture.DOWN).meta(MirrorFixture.DOWN_ID);
        Node upstream = NodeFactory.createURI("http://localhost:" + f.upPort + "/datasets/lieux");
        return Txn.calculateRead(dsg, () -> dsg.contains(g, meta(localVersion), NodeFactory.createURI(PROV + "wasDerivedFrom"), upstream));
    }

    @Test
    void theFirstSyncCopiesTheDumpThenEachUpstreamVersionIsOneLocalVersion() throws Exception {
        RefreshResult first = f.syncDown();
        assertEquals(Outcome.ACCEPTED, first.outcome(), first.line());
        assertEquals(1, first.version());
        assertMirrors();
        assertEquals(1, recordedUpstreamVersion(1));
        assertTrue(derivedFromUpstream(1));
        // The copy links to the local reference, which the local shapes checked (sh:class igeo:Commune).
        Set<Triple> down = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);
        assertTrue(down.contains(Triple.create(NodeFactory.createURI(MirrorFixture.UP + "id/lieu/1"),
                NodeFactory.createURI(REGIE + "inCommune"), NodeFactory.createURI(MirrorFixture.DOWN + "id/commune/93066"))), down.toString());

        f.sql("UPDATE lieu SET nom = 'Gare centrale', surface = 12.0 WHERE id = 1", "INSERT INTO lieu VALUES (3, 'École', NULL, NULL,"
                + " '93001', 0.000, 1.0E300, NULL, NULL, 2)");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        f.sql("DELETE FROM lieu WHERE id = 2");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());

        RefreshResult second = f.syncDown();
        assertEquals(Outcome.ACCEPTED, second.outcome(), second.line());
        assertEquals(3, second.version(), "two upstream versions, two local versions");
        assertFalse(second.message().contains("dump"), "the patches applied as they are, blank nodes included: " + second.message());
        assertMirrors();
        assertEquals(2, recordedUpstreamVersion(2));
        assertEquals(3, recordedUpstreamVersion(3));
        assertTrue(derivedFromUpstream(3));
        // The local change feed holds them, as any refresh's.
        assertEquals(List.of(1L, 2L, 3L), f.down.store.layout().changeLog(MirrorFixture.DOWN_ID).written());
        var page = f.down.server.get("/datasets/" + MirrorFixture.DOWN_ID + "/changes?after=1");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(List.of(2L, 3L), new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.body()).get("changes")
                .findValuesAsText("version").stream().map(Long::parseLong).toList(), page.body());

        RefreshResult idle = f.syncDown();
        assertEquals(Outcome.UNCHANGED, idle.outcome(), idle.line());
        assertEquals(3, idle.version());
    }

    @Test
    void anUpstreamThatIsDownLeavesTheLastGoodCopyServed() throws Exception {
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        MirrorFixture.Dump before = MirrorFixture.dump(f.down, MirrorFixture.DOWN_ID, false);
        Set<Triple> stored = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);
        f.sql("DELETE FROM lieu WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        f.stopUp();

        RefreshResult failed = f.syncDown();
        assertEquals(Outcome.FAILED, failed.outcome(), failed.line());
        assertEquals(2, failed.attempts(), "one retry, then the run fails");
        assertTrue(failed.message().contains("localhost:" + f.upPort), failed.message());
        MirrorFixture.Dump after = MirrorFixture.dump(f.down, MirrorFixture.DOWN_ID, false);
        assertEquals(before.version(), after.version());
        assertEquals(before.text(), after.text(), "the same dump, byte for byte");
        assertEquals(stored, MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID));

        // The next tick, with the upstream back, catches up.
        f.startUp();
        RefreshResult back = f.syncDown();
        assertEquals(Outcome.ACCEPTED, back.outcome(), back.line());
        assertMirrors();
    }

    @Test
    void aLostPatchSendsTheMirrorBackToTheDump() throws Exception {
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        f.sql("UPDATE lieu SET mesure = 2.5 WHERE id = 2");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        f.sql("INSERT INTO lieu VALUES (4, 'Parc', 'Park', NULL, '93066', 99999999999999999.999, NULL, TRUE, NULL, NULL)");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        f.losePatch(2);

        RefreshResult r = f.syncDown();
        assertEquals(Outcome.ACCEPTED, r.outcome(), r.line());
        assertEquals(2, r.version(), "the dump is one local version");
        assertTrue(r.message().contains("dump"), r.message());
        assertEquals(3, recordedUpstreamVersion(2));
        assertMirrors();

        // From there it follows the feed again.
        f.sql("UPDATE lieu SET nom_de = 'Bahnhof' WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        RefreshResult next = f.syncDown();
        assertEquals(Outcome.ACCEPTED, next.outcome(), next.line());
        assertFalse(next.message().contains("dump"), next.message());
        assertMirrors();
    }

    @Test
    void aCorruptPatchIsNeverPartlyApplied() throws Exception {
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        f.sql("UPDATE lieu SET nom = 'Gare du Nord' WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        f.sql("UPDATE lieu SET nom = 'Hôtel de ville' WHERE id = 2");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        // Version 3's patch loses its end (the commit line): a cut patch.
        Path p3 = f.patchFile(3);
        String text = Files.readString(p3);
        Files.writeString(p3, text.substring(0, text.indexOf("TC")));

        RefreshResult r = f.syncDown();
        assertEquals(Outcome.ACCEPTED, r.outcome(), r.line());
        assertTrue(r.message().contains("dump"), r.message());
        assertEquals(2, recordedUpstreamVersion(2), "version 2 came as a patch");
        assertEquals(3, recordedUpstreamVersion(3), "version 3 from the dump");
        assertMirrors();
    }

    @Test
    void theLocalShapesGateEveryUpstreamVersion() throws Exception {
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        // A record the upstream cannot place in a commune: the local shapes require one.
        f.sql("INSERT INTO lieu VALUES (5, 'Ailleurs', NULL, NULL, '99999', NULL, NULL, NULL, NULL, NULL)");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        Set<Triple> before = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);
        RefreshResult r = f.syncDown();
        assertEquals(Outcome.REJECTED, r.outcome(), r.line());
        assertEquals(before, MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID));

        // Fixed upstream: the mirror waits at the version it refused until it is told to take the dump.
        f.sql("DELETE FROM lieu WHERE id = 5", "UPDATE lieu SET nom = 'Gare RER' WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        assertEquals(Outcome.REJECTED, f.syncDown().outcome());
        RefreshResult full = f.syncDown(Set.of(Refresher.Flag.FULL));
        assertEquals(Outcome.ACCEPTED, full.outcome(), full.line());
        assertEquals(2, full.version());
        assertMirrors();
        // And it follows the feed again from the dump's version.
        assertEquals(Outcome.UNCHANGED, f.syncDown().outcome());
    }

    @Test
    void aRestartedMirrorResumesWhereItWas() throws Exception {
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        f.sql("UPDATE lieu SET ouvert = FALSE WHERE id = 1");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        f.restartDown();
        f.sql("UPDATE lieu SET depuis = DATE '1999-12-31' WHERE id = 2");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        RefreshResult r = f.syncDown();
        assertEquals(Outcome.ACCEPTED, r.outcome(), r.line());
        assertEquals(3, r.version());
        assertEquals("upstream version 3", r.message(), "from the feed, where it stopped: no dump");
        assertMirrors();
    }

    @Test
    void aPatchThatDoesNotFollowTheLastOneSendsTheMirrorToTheDump() throws Exception {
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        f.sql("UPDATE lieu SET nom_en = 'Town hall' WHERE id = 2");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome(), "upstream patch 2 applied: its id is the one patch 3 must follow");
        f.sql("UPDATE lieu SET nom_en = 'City hall' WHERE id = 2");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        // Patch 3 now claims to follow some other patch (a rebuilt upstream whose numbers happen to go on).
        Path p3 = f.patchFile(3);
        String text = Files.readString(p3);
        assertTrue(text.contains("H prev"), text);
        Files.writeString(p3, text.replaceFirst("H prev <[^>]+>", "H prev <uuid:00000000-0000-0000-0000-000000000000>"));

        RefreshResult r = f.syncDown();
        assertEquals(Outcome.ACCEPTED, r.outcome(), r.line());
        assertTrue(r.message().contains("dump") && r.message().contains("prev"), r.message());
        assertMirrors();
    }

    @Test
    void theLocalMassDeletionGuardHolds() throws Exception {
        f.close();
        f = MirrorFixture.create(dir.resolve("guarded"), "0.2");
        f.sql("INSERT INTO lieu VALUES (1, 'Gare', NULL, NULL, '93066', NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO lieu VALUES (2, 'Mairie', NULL, NULL, '93001', NULL, NULL, NULL, NULL, NULL)");
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        assertEquals(Outcome.ACCEPTED, f.syncDown().outcome());
        // The upstream renames every record (a new IRI template): all its triples go, as many come.
        Path mapping = f.dir.resolve("lieux.ttl");
        Files.writeString(mapping, Files.readString(mapping).replace("\"id/lieu/{id}\"", "\"id/site/{id}\""));
        assertEquals(Outcome.ACCEPTED, f.refreshUp().outcome());
        Set<Triple> before = MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID);

        RefreshResult r = f.syncDown();
        assertEquals(Outcome.REJECTED, r.outcome(), r.line());
        assertTrue(r.message().contains("mass-deletion guard"), r.message());
        assertEquals(before, MirrorFixture.stored(f.down, MirrorFixture.DOWN_ID));

        RefreshResult allowed = f.syncDown(Set.of(Refresher.Flag.ALLOW_MASS_DELETION));
        assertEquals(Outcome.ACCEPTED, allowed.outcome(), allowed.line());
        assertFalse(allowed.message().contains("dump"), "the patch itself, allowed: " + allowed.message());
        assertMirrors();
    }
}
