package fr.regie.pipeline.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Check;
import fr.regie.pipeline.CheckReport;
import fr.regie.pipeline.CheckRequest;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * Plays one sequence from scratch (a new schema, a new store) and checks the store after every
 * refresh against the independent models: the live graph is what mapping the current source into
 * an empty store gives, the change log replays to it, the figures a refresh reports are the
 * change it made, and a source left alone is skipped by its fingerprint.
 */
final class OracleRun {
    /** What went wrong, after which step. */
    record Failure(int step, String what) {}

    private static final int SHOWN = 8;

    private final TestDb.Kind kind;
    private final Path scratch;

    OracleRun(TestDb.Kind kind, Path scratch) {
        this.kind = kind;
        this.scratch = scratch;
    }

    Optional<Failure> play(OracleCase c) throws IOException, SQLException {
        Path dir = Files.createTempDirectory(scratch, "case");
        try (TestDb db = TestDb.create(kind)) {
            Registry reg = Registry.read(OracleSchema.create(db, dir));
            DatasetSpec spec = reg.dataset(OracleSchema.DATASET).orElseThrow();
            Node graph = new GraphNames(OracleSchema.BASE).dataset(spec.id());
            OracleValues values = new OracleValues(kind);
            try (Store store = Store.open(dir.resolve("store")); Connection source = DriverManager.getConnection(db.url())) {
                Refresher refresher = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
                RefreshResult t = refresher.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
                if (t.outcome() != RefreshResult.Outcome.ACCEPTED) {
                    throw new IllegalStateException("the oracle's territory was not loaded: " + t.line());
                }
                for (int i = 0; i < c.steps().size(); i++) {
                    OracleCase.Step step = c.steps().get(i);
                    for (OracleCase.Mutation m : step.mutations()) {
                        apply(source, values, m);
                    }
                    Set<Triple> before = OracleImages.triples(store.dataset(), graph);
                    // A check first: it must change nothing live, and foretell what the refresh then does.
                    CheckReport foretold = new Check(reg, store, dir).run(CheckRequest.of(spec));
                    Set<Triple> afterCheck = OracleImages.triples(store.dataset(), graph);
                    if (!afterCheck.equals(before)) {
                        return Optional.of(new Failure(i + 1, "a check changed the live graph" + difference(before, afterCheck)));
                    }
                    // Random deletes often take more than a fifth of a small graph: the guard has its own tests.
                    Set<Refresher.Flag> flags = step.mode() == OracleCase.Mode.FULL
                            ? Set.of(Refresher.Flag.FULL, Refresher.Flag.ALLOW_MASS_DELETION) : Set.of(Refresher.Flag.ALLOW_MASS_DELETION);
                    RefreshResult r = refresher.refresh(spec, flags).orElseThrow();
                    Optional<String> wrong = check(step, r, before, store, db.url(), dir.resolve("pupils.ttl"), graph)
                            .or(() -> foretold(foretold, before, OracleImages.triples(store.dataset(), graph), r));
                    if (wrong.isPresent()) {
                        return Optional.of(new Failure(i + 1, wrong.get()));
                    }
                }
            }
            return Optional.empty();
        } finally {
            Store.deleteTree(dir);
        }
    }

    private Optional<String> check(OracleCase.Step step, RefreshResult r, Set<Triple> before, Store store, String url, Path mapping,
                                   Node graph) {
        if (r.outcome() != RefreshResult.Outcome.ACCEPTED && r.outcome() != RefreshResult.Outcome.UNCHANGED) {
            return Optional.of("the refresh did not go through: " + r.line());
        }
        if (step.mode() == OracleCase.Mode.SKIPPED && !(r.outcome() == RefreshResult.Outcome.UNCHANGED && r.rowsRead() == 0)) {
            return Optional.of("the source did not change, yet its fingerprint did not let the refresh skip it: " + r.line());
        }
        Set<Triple> live = OracleImages.triples(store.dataset(), graph);
        long size = store.size(graph);
        Set<Triple> fresh = OracleImages.freshMap(url, mapping, graph);
        if (!live.equals(fresh) || size != fresh.size()) {
            return Optional.of("the live graph (" + size + " triples) is not the source mapped into an empty store (" + fresh.size()
                    + " triples) after " + r.line() + difference(fresh, live));
        }
        Set<Triple> added = minus(live, before);
        Set<Triple> removed = minus(before, live);
        if (added.size() != r.added() || removed.size() != r.removed()) {
            return Optional.of("the refresh reported +" + r.added() + " -" + r.removed() + " but changed the graph by +" + added.size()
                    + " -" + removed.size());
        }
        Set<Triple> replayed = OracleImages.replay(store.layout().changeLog(OracleSchema.DATASET), r.version(), graph);
        if (!replayed.equals(live)) {
            return Optional.of("the change log replayed from version 1 to " + r.version() + " is not the live graph" + difference(live, replayed));
        }
        return Optional.empty();
    }

    /** The check's difference is the one the refresh made. */
    private static Optional<String> foretold(CheckReport c, Set<Triple> before, Set<Triple> after, RefreshResult r) {
        long added = minus(after, before).size();
        long removed = minus(before, after).size();
        boolean errors = c.errors().stream().anyMatch(e -> !e.startsWith("mass-deletion guard"));
        if (errors || c.added() != added || c.removed() != removed) {
            return Optional.of("the check foretold +" + c.added() + " -" + c.removed() + " (errors " + c.errors() + "), the refresh made +"
                    + added + " -" + removed + ": " + r.line());
        }
        return Optional.empty();
    }

    private static Set<Triple> minus(Set<Triple> a, Set<Triple> b) {
        Set<Triple> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static String difference(Set<Triple> expected, Set<Triple> actual) {
        StringBuilder sb = new StringBuilder();
        Set<Triple> missing = minus(expected, actual);
        Set<Triple> extra = minus(actual, expected);
        sb.append("\n    missing ").append(missing.size()).append(", extra ").append(extra.size());
        missing.stream().map(Triple::toString).sorted().limit(SHOWN).forEach(t -> sb.append("\n    - ").append(t));
        extra.stream().map(Triple::toString).sorted().limit(SHOWN).forEach(t -> sb.append("\n    + ").append(t));
        return sb.toString();
    }

    private void apply(Connection c, OracleValues values, OracleCase.Mutation m) throws SQLException {
        String table = m.table().sqlName();
        switch (m) {
            case OracleCase.Insert ins -> {
                List<OracleSchema.Column> cols = m.table().columns();
                List<String> names = new ArrayList<>(List.of("id"));
                cols.forEach(col -> names.add(col.name()));
                String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (?"
                        + ", ?".repeat(cols.size()) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, (int) ins.id());
                    for (int k = 0; k < cols.size(); k++) {
                        values.bind(ps, k + 2, cols.get(k).kind(), ins.values().get(k));
                    }
                    ps.executeUpdate();
                }
            }
            case OracleCase.Update u -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + u.column().name() + " = ? WHERE id = ?")) {
                    values.bind(ps, 1, u.column().kind(), u.value());
                    ps.setInt(2, (int) u.id());
                    ps.executeUpdate();
                }
            }
            case OracleCase.Delete d -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + table + " WHERE id = " + d.id());
                }
            }
        }
    }
}
