package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.replication.Publisher;
import fr.regie.replication.Signature;
import fr.regie.pipeline.Scheduler;
import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import fr.regie.stream.LogEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie serve}: serve a store and keep its datasets fresh. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a store and refresh each dataset of the registry on its schedule (regie:schedule, cron), never two"
                + " refreshes of the same dataset at once. One process serves SPARQL (/sparql), graphs (/data), resources"
                + " (/id/...), the DCAT-AP catalog (/catalog), REST taps (/api), dumps and change feeds (/datasets/ID/...),"
                + " /status, Prometheus metrics (/$/metrics) and admin operations (/admin/...); API keys decide what each"
                + " caller sees (see README, \"Serving\")."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    RegistryOption registry;

    @Mixin
    WorkOption work;

    @Mixin
    ServeOptions serving;

    @Mixin
    StreamOptions stream;

    @Option(names = "--no-schedule", description = "Serve only; run no scheduled refresh.")
    boolean noSchedule;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Europe/Paris",
            description = "Time zone of the schedules (default: ${DEFAULT-VALUE}).")
    String zone;

    @Override
    public Integer call() throws InterruptedException, IOException {
        ServerSettings settings = serving.settings();
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--zone: " + e.getMessage());
        }
        LogEngine log = stream.enabled() ? stream.open() : null;
        Registry reg = registry.read();
        // A server over a store that is not there would serve an empty one it just created.
        try (Store s = Store.openExisting(store.dir)) {
            serve(spec.commandLine().getOut(), reg, s, settings, work.dir, noSchedule, zoneId, log);
        } finally {
            if (log != null) {
                log.close();
            }
        }
        return 0;
    }

    /**
     * Serves until the process stops; shared with the demo. With a log, the store's commits are
     * published to it ({@link Publisher}), from before the first refresh.
     */
    static void serve(PrintWriter out, Registry reg, Store s, ServerSettings settings, Path work, boolean noSchedule, ZoneId zone,
                      LogEngine log) throws InterruptedException, IOException {
        Signature signature = log == null ? null : signature(reg);
        Refresher refresher = new Refresher(reg, s, work, new Refresher.Options(3, Duration.ofSeconds(5), 0));
        try (Publisher publisher = log == null ? null : Publisher.start(s, reg, log, signature);
             Scheduler scheduler = new Scheduler(reg, refresher, zone, 2)) {
            if (publisher != null) {
                // At once rather than at the next look at the outbox.
                refresher.onRefreshed(r -> publisher.wake());
            }
            if (!noSchedule) {
                scheduler.start();
            }
            ServerContext context = new ServerContext(reg, s, Access.of(reg), settings, refresher, scheduler);
            if (!noSchedule) {
                context.onReload(scheduler::reload);
            }
            if (publisher != null) {
                context.onReload(publisher::registryChanged);
                context.publishing(publisher::status);
            }
            FusekiServer server = RegieServer.build(context, ServerFeatures.all());
            server.start();
            int p = server.getHttpPort();
            String at = settings.publicUrl().orElse("http://localhost:" + p + "/");
            out.printf("Serving %s on %s%s; Ctrl-C stops.%n", reg.territory().name(), at, noSchedule ? "" : ", scheduled refreshes on");
            out.printf("  %ssparql (SPARQL; GET without a query describes it), %sdata (graphs), %sid/… (resources),%n", at, at, at);
            out.printf("  %scatalog (DCAT-AP), %sapi (taps, OpenAPI at %sapi/openapi.json), %sdatasets/ID/dump.nq.gz and%n", at, at, at, at);
            out.printf("  %sdatasets/ID/changes, %sstatus, %s$/metrics, %sadmin/… (admin key)%n", at, at, at, at);
            if (publisher != null) {
                out.printf("  each commit published to stream %s for read replicas (%d waiting in the outbox)%n", log.name(),
                        publisher.status().pending());
            }
            out.flush();
            server.join();
        }
    }

    /**
     * The key the log's messages are signed with, from the admin key: replicas need that key for
     * snapshots anyway, and without it anyone who can publish on the stream could feed them.
     */
    static Signature signature(Registry reg) {
        String env = reg.adminKeyEnv().orElseThrow(() -> new ErrorHandler.UserException(
                "--stream: the registry names no admin key (regie:adminKeyEnv): the replication log is signed with it, and replicas"
                        + " take snapshots with it"));
        String key = System.getenv(env);
        if (key == null || key.isBlank()) {
            throw new ErrorHandler.UserException("--stream: $" + env + " (the admin key the registry names) is not set: the replication log"
                    + " is signed with it; set it, and the same on each replica");
        }
        return Signature.of(key);
    }
}
