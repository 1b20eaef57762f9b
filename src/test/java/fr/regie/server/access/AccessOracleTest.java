package fr.regie.server.access;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Answers.Answer;
import fr.regie.server.access.OracleFixture.Who;
import fr.regie.server.access.QueryAst.Query;
import fr.regie.testing.TestServer;

/**
 * The access oracle: for each caller, thousands of generated queries run over HTTP as that
 * caller must answer exactly what they answer on a physically separate store holding only the
 * graphs the caller may see. Any difference is a leak (or a loss) on some evaluation path; the
 * failure names the seed, the caller and the smallest query that still shows it.
 *
 * <p>{@code -Dregie.oracle.seed=N} replays a seed; {@code -Dregie.oracle.scale=100} runs a hundred
 * times more queries (locally: CI runs 2,000 per caller).
 */
class AccessOracleTest {
    static final long SEED = Long.getLong("regie.oracle.seed", 20_261_204L);
    static final int PER_CALLER = 2_000 * Integer.getInteger("regie.oracle.scale", 1);

    @TempDir
    static Path dir;
    static OracleFixture fixture;
    static TestServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        System.out.println("access oracle: seed " + SEED + " (replay with -Dregie.oracle.seed=" + SEED + "), "
                + PER_CALLER + " queries per caller");
        fixture = OracleFixture.create(dir, SEED);
        ServerSettings open = new ServerSettings(0, true, Duration.ofSeconds(5), 1_000_000, 20_000, 1_000_000, 1_000_000,
                false, Optional.empty());
        ServerContext context = new ServerContext(fixture.registry, fixture.store, Access.of(fixture.registry, OracleFixture.ENV),
                open, null, null);
        server = TestServer.start(context, List.of());
    }

    @AfterAll
    static void stop() {
        SLOWEST.descendingMap().values().forEach(v -> System.out.println("access oracle: slowest: " + v));
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** What the server and the model say of one query; empty when the model cannot run it. */
    private record Outcome(Answer expected, Answer actual) {
        boolean differs() {
            return !expected.same(actual) && !timedOut();
        }

        /** The server gave up on a query (503 past its timeout): nothing was shown, nothing compared. */
        boolean timedOut() {
            return actual instanceof Answers.Failed f && f.status() == 503;
        }
    }

    /** The slowest queries of a run, to keep the corpus quick (printed at the end). */
    private static final java.util.concurrent.ConcurrentSkipListMap<Long, String> SLOWEST = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static Optional<Outcome> run(Who who, Query q) {
        String text = QueryGen.PREFIXES + q.render();
        try {
            QueryFactory.create(text);
        } catch (QueryException e) {
            return Optional.empty();
        }
        Answer expected;
        try {
            expected = Answers.local(fixture.modelOf(who), text);
        } catch (QueryException e) {
            return Optional.empty();
        }
        try {
            long t0 = System.nanoTime();
            Answer actual = Answers.remote(CLIENT, server.base(), who.key, text);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            SLOWEST.put(ms * 1_000_000 + SLOWEST.size(), ms + " ms: " + q.render());
            while (SLOWEST.size() > 5) {
                SLOWEST.pollFirstEntry();
            }
            return Optional.of(new Outcome(expected, actual));
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the server: " + e, e);
        }
    }

    private static boolean fails(Who who, Query q) {
        return run(who, q).map(Outcome::differs).orElse(false);
    }

    /** The smallest query that still fails: take the first smaller candidate that fails, until none does. */
    private static Query shrink(Who who, Query q) {
        Query current = q;
        int budget = 2_000;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        boolean progress = true;
        while (progress && budget > 0 && System.nanoTime() < deadline) {
            progress = false;
            List<Query> candidates = current.shrinks().stream().sorted(Comparator.comparingInt(Query::size)).toList();
            for (Query c : candidates) {
                if (--budget <= 0) {
                    break;
                }
                if (fails(who, c)) {
                    current = c;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void everyQueryAnswersAsOnAStoreOfTheCallersGraphsOnly(Who who) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("regie.oracle.caller", who.name()).equals(who.name()),
                "-Dregie.oracle.caller runs one caller only");
        long seed = SEED * 31 + who.ordinal();
        QueryGen gen = new QueryGen(fixture, seed);
        int compared = 0;
        int notRunnable = 0;
        int timedOut = 0;
        for (int i = 0; compared < PER_CALLER; i++) {
            Query q = gen.next();
            Optional<Outcome> o = run(who, q);
            if (o.isEmpty()) {
                notRunnable++;
                assertTrue(notRunnable < PER_CALLER / 4, "the generator writes too many queries Jena cannot run: "
                        + notRunnable + ", the last: " + q.render());
                continue;
            }
            if (o.get().timedOut()) {
                timedOut++;
                assertTrue(timedOut < PER_CALLER / 100, "too many queries run past the timeout: " + timedOut + ", the last: " + q.render());
                continue;
            }
            if (o.get().differs()) {
                Query smallest = shrink(who, q);
                Outcome s = run(who, smallest).orElseThrow();
                fail("seed " + SEED + " (-Dregie.oracle.seed=" + SEED + "), caller " + who + ", query #" + i + ":\n  "
                        + q.render() + "\nsmallest failing query:\n  " + smallest.render()
                        + "\non a store of the caller's graphs only:\n  " + s.expected() + "\nthe server answered:\n  " + s.actual());
            }
            compared++;
        }
        System.out.println("access oracle: " + who + ": " + compared + " queries agree (left out: " + notRunnable
                + " Jena cannot run, " + timedOut + " past the server's timeout)");
    }
}
