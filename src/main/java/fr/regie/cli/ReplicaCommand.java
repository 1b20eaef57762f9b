package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.registry.Registry;
import fr.regie.replication.Follower;
import fr.regie.replication.PrimarySnapshots;
import fr.regie.replication.Signature;
import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.ReplicaRole;
import fr.regie.store.Store;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code regie replica}: a read replica, serving its own copy of a primary's store, kept in step through the replication log. */
@Command(name = "replica", mixinStandardHelpOptions = true,
        description = {"Serve a read replica of a primary régie: the same pages, data, SPARQL, taps, dumps and feeds as"
                + " `regie serve`, with the same access levels and keys, from a store of its own that follows the primary"
                + " through the replication log (NATS JetStream, where `regie serve --stream` publishes).",
                "",
                "The replica takes the primary's registry from the log, then each dataset's versions as the primary commits"
                + " them, one transaction each. When it cannot follow a dataset (it is new here, a version is missing or"
                + " damaged), it downloads the primary's snapshot of that dataset with the admin key (--admin-key-env,"
                + " the same value as on the primary). Messages on the log not signed with that key are ignored. It never goes back to an older version.",
                "",
                "Writes (/admin/..., partners' checks) answer 421 with the primary's URL. /$/ready says 200 once every"
                + " dataset is within the --ready-lag-* bounds (503 before); /status shows each dataset's lag. Example, beside"
                + " a primary started with `regie serve --stream nats://127.0.0.1:4222` (the store is created if absent):",
                "  regie replica --store target/replica --primary http://localhost:3030/ \\",
                "      --stream nats://127.0.0.1:4222 --port 3031"})
final class ReplicaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--primary", required = true, paramLabel = "URL",
            description = "The primary's URL, such as http://primary:3030/: where snapshots come from and writes go.")
    String primary;

    @Mixin
    StreamOptions streaming;

    @Option(names = "--ready-lag-versions", paramLabel = "N", defaultValue = "0",
            description = "Ready (/$/ready 200) only when no dataset is more than N versions behind the primary (default: ${DEFAULT-VALUE}).")
    long readyLagVersions;

    @Option(names = "--ready-lag-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Ready (/$/ready 200) only when no change of the primary has waited more than SECONDS to be applied here"
                    + " (default: ${DEFAULT-VALUE}).")
    long readyLagSeconds;

    @Option(names = "--snapshot-max-bytes", paramLabel = "BYTES", defaultValue = "8589934592",
            description = "Largest snapshot of a dataset kept on disk while it loads, as N-Quads (default: ${DEFAULT-VALUE}, 8 GiB).")
    long snapshotMaxBytes;

    @Option(names = "--snapshot-timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Longest download of one snapshot (default: ${DEFAULT-VALUE}).")
    long snapshotTimeout;

    @Option(names = "--admin-key-env", paramLabel = "NAME", defaultValue = "REGIE_ADMIN_KEY",
            description = "The environment variable holding the primary's admin key (default: ${DEFAULT-VALUE}): the replica checks"
                    + " with it that each message on the log is the primary's, and takes snapshots with it.")
    String adminKeyEnv;

    @Mixin
    ServeOptions serving;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerSettings settings = serving.settings();
        streaming.check();
        String stream = streaming.url;
        String streamName = streaming.name;
        String primaryUrl = primaryUrl();
        if (readyLagVersions < 0 || readyLagSeconds < 0 || snapshotMaxBytes < 1 || snapshotTimeout < 1) {
            throw new ParameterException(spec.commandLine(), "--ready-lag-versions and --ready-lag-seconds must be 0 or more;"
                    + " --snapshot-max-bytes and --snapshot-timeout at least 1");
        }
        String adminKey = adminKeyEnv.isBlank() ? null : System.getenv(adminKeyEnv.strip());
        if (adminKey == null || adminKey.isBlank()) {
            throw new ErrorHandler.UserException("$" + adminKeyEnv.strip() + " (--admin-key-env) is not set: the replica needs the primary's"
                    + " admin key to check the log's signatures and take snapshots");
        }
        Signature signature = Signature.of(adminKey);
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(store.dir);
        try (Store s = Store.open(store.dir); LogEngine log = connect(out)) {
            AtomicReference<Registry> served = new AtomicReference<>();
            PrimarySnapshots snapshots = new PrimarySnapshots(primaryUrl, Duration.ofSeconds(10), Duration.ofSeconds(snapshotTimeout),
                    snapshotMaxBytes, () -> Optional.of(adminKey));
            Follower follower = new Follower(s, log, snapshots, Follower.Options.defaults(), signature);
            Runtime.getRuntime().addShutdownHook(new Thread(follower::close, "regie-replica-stop"));
            out.printf("Régie read replica of %s: store %s, log %s on %s%n", primaryUrl, store.dir, streamName, stream);
            out.flush();
            Optional<Registry> reg = follower.awaitRegistry(Duration.ofSeconds(30));
            while (reg.isEmpty()) {
                Follower.Status st = follower.status();
                out.printf("  waiting for the primary's registry on %s.registry (%s%s)%n", streamName, st.state().text(),
                        st.lastError().map(e -> ": " + e).orElse(""));
                out.flush();
                reg = follower.awaitRegistry(Duration.ofSeconds(30));
            }
            Registry r = reg.get();
            served.set(r);
            ServerContext context = new ServerContext(r, s, Access.of(r), settings, null, null);
            context.replica(new ReplicaRole(follower::status, primaryUrl, readyLagVersions, Duration.ofSeconds(readyLagSeconds)));
            context.onReload(served::set);
            FusekiServer server = RegieServer.build(context, ServerFeatures.all());
            server.start();
            follower.start(context::reload);
            String at = settings.publicUrl().orElse("http://localhost:" + server.getHttpPort() + "/");
            out.printf("Serving %s (read replica) on %s; Ctrl-C stops.%n", r.territory().name(), at);
            out.printf("  following %s.* on %s, snapshots from %sadmin/replication/…; writes answer 421 (send them to %s)%n",
                    streamName, stream, primaryUrl, primaryUrl);
            out.printf("  %s$/ready (ready once within %d version(s) and %d s of the primary), %sstatus (lag per dataset),%n",
                    at, readyLagVersions, readyLagSeconds, at);
            out.printf("  %s$/metrics (regie_replica_lag_versions, regie_replica_lag_seconds; admin key)%n", at);
            out.flush();
            server.join();
            follower.close();
        }
        return 0;
    }

    /** {@code --primary}, an http(s) URL ending with a slash. */
    private String primaryUrl() {
        URI u;
        try {
            u = new URI(primary.strip());
        } catch (java.net.URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--primary: not a URL: " + primary);
        }
        if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null || u.getQuery() != null) {
            throw new ParameterException(spec.commandLine(), "--primary must be the primary's http(s) URL, such as http://primary:3030/, not " + primary);
        }
        String s = u.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    /**
     * The replication log: {@code --stream} / {@code --stream-name}. A NATS server that does not
     * answer yet is waited for (it may be starting too), trying again after up to 10 s; a URL
     * that is not one, or a stream that is another application's, stops the command.
     */
    private LogEngine connect(PrintWriter out) throws InterruptedException {
        String stream = streaming.url;
        String streamName = streaming.name;
        Duration pause = Duration.ofMillis(500);
        while (true) {
            try {
                // Follow only: the stream's limits are its primary's to set.
                return JetStreamLog.follow(stream, streamName, JetStreamLog.Settings.DEFAULTS);
            } catch (LogException e) {
                if (e.getCause() instanceof IllegalArgumentException) {
                    throw new ParameterException(spec.commandLine(), "--stream: " + e.getMessage());
                }
                if (e.lasting()) {
                    throw new ErrorHandler.UserException("the replication log cannot be used: " + e.getMessage());
                }
                out.printf("  waiting for NATS at %s (%s)%n", stream, e.getMessage());
                out.flush();
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
            }
        }
    }
}
