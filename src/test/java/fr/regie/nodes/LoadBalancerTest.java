package fr.regie.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.bench.NodeProcess;
import fr.regie.testing.Node;

/**
 * The example load-balancer configurations ({@code fuseki-config/haproxy.cfg} and
 * {@code nginx.conf}) run by the real HAProxy and nginx, ports substituted, in front of real
 * nodes: a primary, a replica that follows it, and a replica that is alive ({@code /$/ping} 200)
 * but never ready, its primary URL leading nowhere (it cannot take its first snapshots). Reads
 * must reach every ready node and never the one that is not (HAProxy's checks on
 * {@code /$/ready}); writes and admin paths only the primary; a ready node killed is taken out,
 * and back in once restarted.
 */
class LoadBalancerTest {
    @TempDir
    static Path dir;
    static Cluster cluster;
    static Node follower;
    static Node notReady;
    static String lbUrl;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.create(dir, 20);
        // Every node links to the address clients use: the Host header the proxy passes plays no part.
        int lbPort = NodeProcess.freePort();
        lbUrl = "http://localhost:" + lbPort + "/";
        cluster.startPrimary("--public-url", lbUrl);
        follower = cluster.startReplica("replica1", "--public-url", lbUrl).awaitUp(Duration.ofSeconds(90));
        int nowhere = NodeProcess.freePort();
        notReady = cluster.startReplicaOf("replica2", "http://127.0.0.1:" + nowhere, "--public-url", lbUrl).awaitPing();
        assertEquals(503, notReady.get("/$/ready", null).statusCode(), "a replica that cannot reach its primary is not ready");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<Integer> ports() {
        return List.of(cluster.primary.port(), follower.port(), notReady.port());
    }

    @Test
    void haproxyBalancesReadsOverReadyNodesAndSendsWritesToThePrimary() throws Exception {
        try (LoadBalancer lb = LoadBalancer.haproxy(dir, ports())) {
            // Checks run every 2 s and need 2 successes: both ready nodes are in within seconds.
            assertTrue(Cluster.poll(Duration.ofSeconds(30), () -> lb.spread("/status", 12).keySet().equals(Set.of("primary", "replica1"))),
                    "reads reach the primary and the ready replica: " + lb.spread("/status", 12) + "\n" + lb.log());
            Map<String, Integer> reads = lb.spread("/id/commune/93066", 40, "Accept", "application/ld+json");
            System.out.println("haproxy: 40 reads went to " + reads);
            assertEquals(Set.of("primary", "replica1"), reads.keySet(), "reads reach every ready node, never the one not ready");
            assertTrue(reads.values().stream().allMatch(c -> c >= 10), "round robin: " + reads);
            HttpResponse<String> head = lb.send("HEAD", "/status", null);
            assertEquals(200, head.statusCode());

            // Writes, admin and partner paths: the primary, whatever the method.
            HttpResponse<String> reload = lb.send("POST", "/admin/reload", null, "X-API-Key", Cluster.ADMIN);
            assertEquals("primary", LoadBalancer.node(reload));
            assertEquals(200, reload.statusCode(), "the primary reloads: " + reload.body());
            HttpResponse<String> refresh = lb.send("POST", "/admin/refresh/counter?wait=true", null, "X-API-Key", Cluster.ADMIN);
            assertEquals("primary", LoadBalancer.node(refresh));
            assertNotEquals(421, refresh.statusCode());
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> page = lb.send("GET", "/partners/p", null, "X-API-Key", "k-p", "Accept", "application/json");
                assertEquals("primary", LoadBalancer.node(page), "partners' pages (and their checks) are the primary's");
                HttpResponse<String> delete = lb.send("DELETE", "/id/commune/93066", null);
                assertEquals("primary", LoadBalancer.node(delete), "another method than a read goes to the primary");
            }
            // A SPARQL query by POST is a read.
            Map<String, Integer> queries = new java.util.TreeMap<>();
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> q = lb.send("POST", "/sparql", "query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8),
                        "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/sparql-results+json");
                assertEquals(200, q.statusCode(), q.body());
                queries.merge(LoadBalancer.node(q), 1, Integer::sum);
            }
            assertEquals(Set.of("primary", "replica1"), queries.keySet(), "SPARQL POSTs are balanced like reads");

            // The ready replica killed: taken out (reads keep succeeding), then back in once restarted.
            follower.kill();
            assertTrue(Cluster.poll(Duration.ofSeconds(30), () -> lb.spread("/status", 6).keySet().equals(Set.of("primary"))),
                    "a dead replica is taken out: " + lb.log());
            Map<String, Integer> alone = lb.spread("/id/commune/93066", 10);
            assertEquals(Set.of("primary"), alone.keySet());
            follower.restart().awaitUp(Duration.ofSeconds(90));
            assertTrue(Cluster.poll(Duration.ofSeconds(30), () -> lb.spread("/status", 12).keySet().equals(Set.of("primary", "replica1"))),
                    "the replica restarted is back in: " + lb.log());
        }
    }

    @Test
    void nginxBalancesReadsOverLiveNodesAndSendsWritesToThePrimary() throws Exception {
        try (LoadBalancer lb = LoadBalancer.nginx(dir, ports())) {
            Map<Integer, String> byPort = Map.of(cluster.primary.port(), "primary", follower.port(), "replica1", notReady.port(), "replica2");
            Map<String, Integer> reads = new java.util.TreeMap<>();
            lb.spread("/status", 30).forEach((addr, n) ->
                    reads.merge(byPort.getOrDefault(Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1)), addr), n, Integer::sum));
            System.out.println("nginx: 30 reads went to " + reads);
            // nginx (without NGINX Plus) cannot read /$/ready: the replica that is not ready gets reads too,
            // answered from what it has (the README and the example say so).
            assertEquals(Set.of("primary", "replica1", "replica2"), reads.keySet());
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> reload = lb.send("POST", "/admin/reload", null, "X-API-Key", Cluster.ADMIN);
                assertEquals("127.0.0.1:" + cluster.primary.port(), LoadBalancer.node(reload));
                assertEquals(200, reload.statusCode(), reload.body());
                HttpResponse<String> page = lb.send("GET", "/partners/p", null, "X-API-Key", "k-p", "Accept", "application/json");
                assertEquals("127.0.0.1:" + cluster.primary.port(), LoadBalancer.node(page));
            }
        }
    }
}
