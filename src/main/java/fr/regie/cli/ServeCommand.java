package fr.regie.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.apache.jena.fuseki.main.FusekiServer;

import fr.regie.pipeline.Refresher;
import fr.regie.pipeline.Registry;
import fr.regie.pipeline.Scheduler;
import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie serve}: serve a store and keep its datasets fresh. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a store (SPARQL at /sparql, graphs at /data, refresh status at /status) and refresh each dataset",
                "of the registry on its schedule (regie:schedule, cron), never two refreshes of the same dataset at once."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The TDB2 store.")
    Path store;

    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "The registry.")
    Path registry;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3030", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/demo",
            description = "Where embedded source databases live (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--public", description = "Listen on all interfaces (default: localhost only).")
    boolean everywhere;

    @Option(names = "--no-schedule", description = "Serve only; run no scheduled refresh.")
    boolean noSchedule;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Europe/Paris",
            description = "Time zone of the schedules (default: ${DEFAULT-VALUE}).")
    String zone;

    @Override
    public Integer call() throws InterruptedException {
        Registry reg = Registry.read(registry);
        if (!java.nio.file.Files.isDirectory(store)) {
            throw new ErrorHandler.UserException(store + " is not a store directory (build one with: regie demo --no-serve)");
        }
        try (Store s = Store.open(store)) {
            serve(spec.commandLine().getOut(), reg, s, port, work, everywhere, noSchedule, ZoneId.of(zone));
        }
        return 0;
    }

    /** Serves until the process stops; shared with the demo. */
    static void serve(PrintWriter out, Registry reg, Store s, int port, Path work, boolean everywhere, boolean noSchedule, ZoneId zone)
            throws InterruptedException {
        Refresher refresher = new Refresher(reg, s, work, new Refresher.Options(3, Duration.ofSeconds(5), 0));
        try (Scheduler scheduler = new Scheduler(reg, refresher, zone, 2)) {
            if (!noSchedule) {
                scheduler.start();
            }
            ServerContext context = new ServerContext(reg, s, Access.of(reg), ServerSettings.defaults(port).local(!everywhere)
                            .withPublicUrl(java.util.Optional.ofNullable(System.getenv("REGIE_PUBLIC_URL"))),
                    refresher, scheduler);
            FusekiServer server = RegieServer.build(context, ServerFeatures.all());
            server.start();
            int p = server.getHttpPort();
            out.printf("Serving %s on http://localhost:%d: /sparql (SPARQL), /data (graphs), /status (refreshes)%s; Ctrl-C stops.%n",
                    reg.territory().name(), p, noSchedule ? "" : ", scheduled refreshes on");
            out.flush();
            server.join();
        }
    }
}
