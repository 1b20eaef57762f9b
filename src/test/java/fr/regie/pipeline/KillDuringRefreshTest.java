package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.store.GraphNames;
import fr.regie.store.Outbox;
import fr.regie.store.OutboxEntry;
import fr.regie.store.Store;
import fr.regie.registry.Registry;

/**
 * Crash safety: a refresh runs in a child JVM that is killed with SIGKILL at moments spread over
 * its run (mapping, diff, patch writing, commit). After each kill the store, reopened, holds the
 * complete previous graph or the complete new one, never a mix, and the change log ends at the
 * committed version; the replication outbox holds one entry per committed run, none of a killed one.
 */
class KillDuringRefreshTest {
    private static final int ROWS = 40_000;

    @TempDir
    Path dir;

    private String url(Path db) {
        return "jdbc:h2:" + db.toAbsolutePath() + ";USER=sa;PASSWORD=";
    }

    private void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    /** State A (places = id % 40) or B (every row changed: places + 1, another name). */
    private void setState(String url, boolean b) throws SQLException {
        sql(url, b ? "UPDATE station SET places = MOD(id, 40) + 1, nom = 'B ' || id"
                : "UPDATE station SET places = MOD(id, 40), nom = 'A ' || id");
    }

    private Set<Triple> refreshInProcess(Path registry, Path store, boolean territoryToo) {
        Registry reg = Registry.read(registry);
        try (Store s = Store.open(store)) {
            Refresher r = new Refresher(reg, s, dir, new Refresher.Options(0, Duration.ofMillis(10), 0));
            if (territoryToo) {
                RefreshResult t = r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, t.outcome(), t.line());
            }
            RefreshResult res = r.refresh(reg.dataset("stations").orElseThrow()).orElseThrow();
            assertEquals(RefreshResult.Outcome.ACCEPTED, res.outcome(), res.line());
            return RefreshFixture.graph(s, "stations");
        }
    }

    private Process child(Path store, Path registry, String tag) throws java.io.IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m", "fr.regie.cli.Main", "refresh",
                "--store", store.toString(), "--registry", registry.toString(), "--work", dir.toString(), "stations")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + tag + ".log").toFile()).start();
    }

    private static long runs(Store s) {
        DatasetGraph dsg = s.dataset();
        return Txn.calculateRead(dsg, () -> MetaRecords.outcomes(dsg, new GraphNames(RefreshFixture.BASE), "stations"))
                .values().stream().mapToLong(Long::longValue).sum();
    }

    /** After recovery: one outbox entry per run committed since the outbox was enabled, chained, none of a killed run. */
    private static void outboxMatchesRuns(Store s, long runsBefore, String firstPrev, long delay) throws Exception {
        Outbox outbox = new Outbox(s.layout());
        List<Outbox.Item> items = outbox.list("stations");
        assertEquals(runs(s) - runsBefore, items.size(), "after a kill at " + delay + " ms: one entry per committed run");
        String prev = firstPrev;
        for (Outbox.Item item : items) {
            OutboxEntry e = outbox.read(item, 1 << 24);
            assertEquals(prev, e.prev(), "after a kill at " + delay + " ms: entries chained");
            assertTrue(Outbox.committed(s.dataset(), new GraphNames(RefreshFixture.BASE), "stations", e.run()));
            prev = e.run();
        }
    }

    @Test
    void sigkillLeavesTheOldGraphOrTheNewOneAndAConsistentLog() throws Exception {
        Path dbFile = dir.resolve("src/db");
        String url = url(dbFile);
        sql(url, RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO station SELECT X, 'A ' || X, CASE MOD(X, 2) WHEN 0 THEN '93066' ELSE '93001' END, MOD(X, 40)"
                        + " FROM SYSTEM_RANGE(1, " + ROWS + ")");
        Path registry = RefreshFixture.write(dir, url);

        // The two graphs a refresh may leave, computed in a scratch store.
        Path scratch = dir.resolve("scratch");
        Set<Triple> graphA = refreshInProcess(registry, scratch, true);
        setState(url, true);
        Set<Triple> graphB = refreshInProcess(registry, scratch, false);
        assertTrue(graphA.size() > 4 * ROWS && graphB.size() == graphA.size());

        // The store under test starts at A.
        setState(url, false);
        Path store = dir.resolve("store");
        refreshInProcess(registry, store, true);
        // From here the store keeps a replication outbox: every committed run, and only those, has its entry.
        String firstPrev;
        long runsBefore;
        try (Store s = Store.open(store)) {
            new Outbox(s.layout()).enable();
            runsBefore = runs(s);
            DatasetGraph dsg = s.dataset();
            firstPrev = Txn.calculateRead(dsg, () -> MetaRecords.lastRun(dsg, new GraphNames(RefreshFixture.BASE), "stations")).orElseThrow();
        }
        boolean target = true;
        setState(url, target);
        List<String> seen = new ArrayList<>();
        // One child refresh left to finish tells how long a refresh takes here; kills are then
        // spread over that time, the last ones around the commit.
        long t0 = System.nanoTime();
        Process first = child(store, registry, "full");
        assertEquals(0, first.waitFor(), "a child refresh runs to the end");
        long full = (System.nanoTime() - t0) / 1_000_000;
        try (Store s = Store.open(store)) {
            assertEquals(graphB, RefreshFixture.graph(s, "stations"));
        }
        target = false;
        setState(url, target);
        double[] fractions = {0.3, 0.7, 0.82, 0.87, 0.9, 0.93, 0.96, 1.0, 1.1, 1.25};
        for (double f : fractions) {
            long delay = (long) (full * f);
            Process child = child(store, registry, Long.toString(delay));
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                child.destroyForcibly();
                // A process killed in the middle of a disk write ends when the write does: never read the
                // store before the child is gone (two processes on one TDB2 store read anything).
                assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the killed child ended");
            }
            Set<Triple> expectedNew = target ? graphB : graphA;
            Set<Triple> expectedOld = target ? graphA : graphB;
            try (Store s = Store.open(store)) {
                Set<Triple> live = RefreshFixture.graph(s, "stations");
                boolean isNew = live.equals(expectedNew);
                boolean isOld = live.equals(expectedOld);
                assertTrue(isNew || isOld, "after a kill at " + delay + " ms the graph is a mix: " + live.size() + " triples");
                DatasetGraph dsg = s.dataset();
                long committed = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, new GraphNames(RefreshFixture.BASE), "stations"));
                new Refresher(Registry.read(registry), s, dir, Refresher.Options.defaults());
                List<Long> versions = s.layout().changeLog("stations").written();
                assertEquals(committed, versions.size(), "one patch per committed version");
                outboxMatchesRuns(s, runsBefore, firstPrev, delay);
                assertEquals(committed, (long) versions.get(versions.size() - 1));
                seen.add(delay + "ms:" + (finished ? "finished" : "killed") + ":" + (isNew ? "new" : "old") + ":v" + committed);
                if (isNew) {
                    // Completed: aim the next refresh at the other state.
                    target = !target;
                    setState(url, target);
                }
            }
        }
        System.out.println("kill test: " + seen);
        assertTrue(seen.stream().anyMatch(x -> x.contains("killed:old")), "a refresh was killed before its commit: " + seen);
        // Whatever the kills left, the next refresh runs to its end and lands the new graph with
        // its patch (how many kills landed after a commit depends on this machine's speed).
        Process last = child(store, registry, "after-kills");
        assertEquals(0, last.waitFor(), "a refresh after the kills runs to the end: " + seen);
        try (Store s = Store.open(store)) {
            assertEquals(target ? graphB : graphA, RefreshFixture.graph(s, "stations"), "the last refresh landed: " + seen);
            DatasetGraph dsg = s.dataset();
            long committed = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, new GraphNames(RefreshFixture.BASE), "stations"));
            List<Long> versions = s.layout().changeLog("stations").written();
            assertEquals(committed, versions.size(), "one patch per committed version: " + seen);
            new Refresher(Registry.read(registry), s, dir, Refresher.Options.defaults());
            outboxMatchesRuns(s, runsBefore, firstPrev, -1);
        }
    }
}
