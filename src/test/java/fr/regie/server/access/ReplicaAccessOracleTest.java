package fr.regie.server.access;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.server.access.Answers.Answer;
import fr.regie.server.access.OracleFixture.Who;
import fr.regie.server.access.QueryAst.Query;
import fr.regie.testing.Node;
import fr.regie.testing.PrivateNats;

/**
 * The access oracle's corpus against a read replica (issue 13, point 3): the oracle's store is
 * served by a primary ({@code regie serve --stream}, a child JVM), a replica ({@code regie
 * replica}, another) takes it from the primary's snapshots through a private JetStream server,
 * and each caller's generated queries, sent to the replica's {@code /sparql} with that caller's
 * key, must answer exactly what they answer on the separate store of the graphs that caller may
 * see (the oracle's model), and what the primary answers. Keys come from each node's own
 * environment, as in production. {@code -Dregie.oracle.seed=N} replays a seed;
 * {@code -Dregie.test.cases=N} runs N times more queries (300 per caller by default).
 */
class ReplicaAccessOracleTest {
    static final long SEED = Long.getLong("regie.oracle.seed", 20_261_206L);
    static final int PER_CALLER = 300 * Integer.getInteger("regie.test.cases", 1);

    @TempDir
    static Path dir;
    static OracleFixture fixture;
    static PrivateNats nats;
    static Node primary;
    static Node replica;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        System.out.println("replica access oracle: seed " + SEED + ", " + PER_CALLER + " queries per caller");
        fixture = OracleFixture.create(dir, SEED);
        // The models are built; the store is the primary's now.
        fixture.store.close();
        nats = PrivateNats.begin();
        String stream = "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String[] bounds = {"--query-timeout", "5", "--result-limit", "1000000", "--rate-limit", "1000000", "--partner-rate-limit", "1000000"};
        primary = Node.start("oracle-primary-" + stream, OracleFixture.ENV, concat(new String[] {"serve", "--store",
                dir.resolve("store").toString(), "--registry", dir.resolve("registry.ttl").toString(), "--no-schedule", "--stream",
                nats.url(), "--stream-name", stream}, bounds)).awaitUp(Duration.ofSeconds(60));
        replica = Node.start("oracle-replica-" + stream, OracleFixture.ENV, concat(new String[] {"replica", "--store",
                dir.resolve("replica").toString(), "--primary", primary.base(), "--stream", nats.url(), "--stream-name", stream, "--admin-key-env", "ADMIN_KEY"}, bounds))
                .awaitUp(Duration.ofSeconds(120));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    /** The model's answer, the replica's and the primary's; empty when the model cannot run the query. */
    private record Outcome(Answer expected, Answer replica, Answer primary) {
        /** A node gave up on a query (503 past its timeout): nothing was shown, nothing compared. */
        static boolean timedOut(Answer a) {
            return a instanceof Answers.Failed f && f.status() == 503;
        }

        boolean timedOut() {
            return timedOut(replica) || timedOut(primary);
        }

        boolean differs() {
            return !timedOut() && (!expected.same(replica) || !expected.same(primary));
        }
    }

    private static Optional<Outcome> run(Who who, Query q) {
        String text = QueryGen.PREFIXES + q.render();
        Answer expected;
        try {
            QueryFactory.create(text);
            expected = Answers.local(fixture.modelOf(who), text);
        } catch (QueryException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Outcome(expected, Answers.remote(CLIENT, replica.base(), who.key, text),
                    Answers.remote(CLIENT, primary.base(), who.key, text)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the nodes: " + e, e);
        }
    }

    /** Not a corpus of empty answers: the replica holds every graph a caller may see, as many quads as the model. */
    @org.junit.jupiter.api.Test
    void theReplicaHoldsTheGraphsOfTheOracle() throws Exception {
        String count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
        for (Who who : Who.values()) {
            Answer expected = Answers.local(fixture.modelOf(who), count);
            assertTrue(expected instanceof Answers.Rows r && !r.rows().get(0).contains("\"0\""), "the model of " + who + " has quads");
            Answer onReplica = Answers.remote(CLIENT, replica.base(), who.key, count);
            assertTrue(expected.same(onReplica), who + ": the model counts " + expected + ", the replica " + onReplica);
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void everyQueryAnswersOnTheReplicaAsOnAStoreOfTheCallersGraphsOnly(Who who) {
        QueryGen gen = new QueryGen(fixture, SEED * 31 + who.ordinal());
        int compared = 0;
        int notRunnable = 0;
        int timedOut = 0;
        for (int i = 0; compared < PER_CALLER; i++) {
            Query q = gen.next();
            Optional<Outcome> o = run(who, q);
            if (o.isEmpty()) {
                notRunnable++;
                assertTrue(notRunnable < PER_CALLER, "the generator writes too many queries Jena cannot run: " + notRunnable);
                continue;
            }
            if (o.get().timedOut()) {
                timedOut++;
                assertTrue(timedOut < Math.max(3, PER_CALLER / 100), "too many queries past the timeout: " + timedOut + ", the last: " + q.render());
                continue;
            }
            if (o.get().differs()) {
                fail("seed " + SEED + " (-Dregie.oracle.seed=" + SEED + "), caller " + who + ", query #" + i + ":\n  " + q.render()
                        + "\non a store of the caller's graphs only:\n  " + o.get().expected() + "\nthe replica answered:\n  "
                        + o.get().replica() + "\nthe primary answered:\n  " + o.get().primary());
            }
            compared++;
        }
        System.out.println("replica access oracle: " + who + ": " + compared + " queries agree on the replica, the primary and the model"
                + " (left out: " + notRunnable + " Jena cannot run, " + timedOut + " past a node's timeout)");
    }
}
