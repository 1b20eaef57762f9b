package fr.regie.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import fr.regie.bench.BenchDatabase;
import fr.regie.bench.BenchReport;
import fr.regie.bench.DatabaseResult;
import fr.regie.bench.R2rmlBenchmark;
import fr.regie.bench.RefreshBenchmark;
import fr.regie.bench.RefreshFigures;
import fr.regie.bench.RefreshReport;
import fr.regie.bench.ServeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code regie bench}: the benchmarks. It only groups them; without a subcommand picocli says
 * one is required.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks of Régie (see BENCHMARKS.md for what they measure and the figures of reference)."},
        subcommands = {BenchCommand.R2rmlBench.class, BenchCommand.JsonLdBench.class, BenchCommand.RefreshBench.class, BenchCommand.ServeBench.class,
                BenchCommand.ViewBench.class, BenchCommand.LoadBench.class, BenchCommand.CheckBench.class, BenchCommand.IrisBench.class,
                BenchCommand.MirrorBench.class, BenchCommand.ReplicasBench.class})
final class BenchCommand {

    /** {@code regie bench r2rml}: the R2RML engine against a plain JDBC export. */
    @Command(name = "r2rml", mixinStandardHelpOptions = true,
            description = {"Benchmark the R2RML engine against a plain JDBC export of the same rows.",
                    "",
                    "In schema regie_bench of each database (H2: a file database under --dir), it generates N rows"
                            + " of 8 columns (integer key, text, decimal, date, timestamp, boolean, nullable text,"
                            + " foreign key) and 1,000 categories, maps them to about 10 triples per row as N-Quads"
                            + " written to DIR/out.nq, then writes the same lines with a plain JDBC scan. It prints"
                            + " elapsed times, triples/s, the engine/baseline ratio and heap use, and whether each"
                            + " target of BENCHMARKS.md is met. Tables and output are dropped afterwards.",
                    "",
                    "Run it with the heap of the targets: REGIE_JAVA_OPTS=-Xmx256m regie bench r2rml",
                    ""})
    static final class R2rmlBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "Rows of the main table (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--db", paramLabel = "DB", defaultValue = "all",
                description = "h2, postgresql or all (default: ${DEFAULT-VALUE}).")
        String db;

        @Option(names = "--pg-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                description = "PostgreSQL JDBC URL, credentials included (default: ${DEFAULT-VALUE})."
                        + " The user must be allowed to create a schema.")
        String pgUrl;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "1",
                description = "Measure each phase K times, alternately, and keep the fastest (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench",
                description = "Working folder for the H2 database and the output file (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            if (rows < 1 || runs < 1) {
                throw new ErrorHandler.UserException("--rows and --runs must be at least 1");
            }
            List<BenchDatabase> dbs = databases();
            dbs.forEach(BenchDatabase::checkReachable);
            PrintWriter err = spec.commandLine().getErr();
            R2rmlBenchmark bench = new R2rmlBenchmark(dir, rows, runs, err);
            List<DatabaseResult> results = new ArrayList<>();
            try {
                for (BenchDatabase d : dbs) {
                    results.add(bench.run(d));
                }
            } catch (UncheckedIOException e) {
                throw new ErrorHandler.UserException(e.getMessage() + ": " + e.getCause().getMessage());
            }
            BenchReport.print(spec.commandLine().getOut(), rows, runs, results);
            return 0;
        }

        private List<BenchDatabase> databases() {
            return switch (db.toLowerCase(Locale.ROOT)) {
                case "h2" -> List.of(BenchDatabase.h2(dir));
                case "postgresql" -> List.of(BenchDatabase.postgresql(pgUrl));
                case "all" -> List.of(BenchDatabase.h2(dir), BenchDatabase.postgresql(pgUrl));
                default -> throw new ErrorHandler.UserException("unknown database '" + db + "' (h2, postgresql or all)");
            };
        }
    }

    /** {@code regie bench mirror}: a mirror's first sync and its patches, against a refresh from the source. */
    @Command(name = "mirror", mixinStandardHelpOptions = true,
            description = {"Benchmark a Régie that mirrors another against a refresh from the partner's database.",
                    "",
                    "In schema regie_bench it generates N rows of 8 columns and 1,000 categories (as 'regie bench refresh'; about"
                            + " 10 triples per row), loads them into an upstream store served on a local port, then, K times in"
                            + " fresh stores: refreshes the dataset from the database; times the upstream building its dump; syncs"
                            + " a mirror from the dump; makes 10 upstream versions (1 % of the prices each) and syncs the mirror"
                            + " again (10 patches, 10 local versions). It prints the best times, the ratio of the first sync to"
                            + " the refresh from the source, and whether the mirror holds exactly the upstream's graph.",
                    "",
                    "Run it with a heap of 4 GiB: REGIE_JAVA_OPTS=-Xmx4g regie bench mirror",
                    ""})
    static final class MirrorBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "100000",
                description = "Rows of the main table (default: ${DEFAULT-VALUE}, about a million triples).")
        long rows;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "3",
                description = "Measured runs after a warm-up; the best is kept (default: ${DEFAULT-VALUE}, at most 8).")
        int runs;

        @Option(names = "--db", paramLabel = "DB", defaultValue = "h2",
                description = "The partner's database: h2 (a file under --dir) or postgresql (default: ${DEFAULT-VALUE}).")
        String db;

        @Option(names = "--pg-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                description = "PostgreSQL JDBC URL, credentials included (default: ${DEFAULT-VALUE}).")
        String pgUrl;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench",
                description = "Working folder; registries and stores go in DIR/mirror (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            if (rows < 1 || runs < 1 || runs > 8) {
                throw new ErrorHandler.UserException("--rows must be at least 1 and --runs from 1 to 8");
            }
            BenchDatabase database = switch (db.toLowerCase(Locale.ROOT)) {
                case "h2" -> BenchDatabase.h2(dir);
                case "postgresql" -> BenchDatabase.postgresql(pgUrl);
                default -> throw new ErrorHandler.UserException("unknown database '" + db + "' (h2 or postgresql)");
            };
            database.checkReachable();
            fr.regie.bench.MirrorFigures figures;
            try {
                figures = new fr.regie.bench.MirrorBenchmark(dir, rows, runs, spec.commandLine().getErr()).run(database);
            } catch (UncheckedIOException e) {
                throw new ErrorHandler.UserException(e.getMessage() + ": " + e.getCause().getMessage());
            }
            figures.print(spec.commandLine().getOut());
            return figures.same() ? 0 : 1;
        }
    }

    /** {@code regie bench refresh}: the refresh pipeline, from the first load to a refresh with nothing changed. */
    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = {"Benchmark the refresh pipeline on PostgreSQL, all steps in one run.",
                    "",
                    "In schema regie_bench it generates N rows of 8 columns and 1,000 categories (as 'regie bench r2rml'),"
                            + " writes a registry under DIR/refresh, then: 1. loads them (about 10 triples per row) into a"
                            + " TDB2 named graph the straight way (regie load, without then with the version-1 patch) and"
                            + " the two-step way (map to N-Quads, then TDB2's phased loader); 2. changes one row in a hundred"
                            + " and refreshes; 3. refreshes again with nothing changed. It prints times, triples/s, heap,"
                            + " ratios, checks of the results, and whether each target of BENCHMARKS.md is met. Tables,"
                            + " stores and files are removed afterwards.",
                    "",
                    "Run it with a heap of 2 GiB: REGIE_JAVA_OPTS=-Xmx2g regie bench refresh",
                    ""})
    static final class RefreshBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "Rows of the main table (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--pg-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                description = "PostgreSQL JDBC URL, credentials included (default: ${DEFAULT-VALUE})."
                        + " The user must be allowed to create a schema.")
        String pgUrl;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench",
                description = "Working folder; the registry, the N-Quads file and the stores go in DIR/refresh"
                        + " (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--loader-log", description = "Also print TDB2's loader messages (phases and rates) to stderr.")
        boolean loaderLog;

        @Override
        public Integer call() {
            if (rows < 1) {
                throw new ErrorHandler.UserException("--rows must be at least 1");
            }
            BenchDatabase db = BenchDatabase.postgresql(pgUrl);
            db.checkReachable();
            RefreshFigures figures;
            try {
                figures = new RefreshBenchmark(dir, rows, spec.commandLine().getErr(), loaderLog).run(db);
            } catch (UncheckedIOException e) {
                throw new ErrorHandler.UserException(e.getMessage() + ": " + e.getCause().getMessage());
            }
            RefreshReport.print(spec.commandLine().getOut(), figures);
            return 0;
        }
    }

    /** {@code regie bench serve}: resources as JSON-LD against SPARQL DESCRIBE, and the cold start. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Benchmark the server on a built store (the demo's: regie demo --no-serve).",
                    "",
                    "It starts 'regie serve' on the store in a new JVM and times it to its first answer (several times),"
                            + " then serves the store in this process and fetches a fixed sample of resources as JSON-LD,"
                            + " from their own URLs (/id/...) and as SPARQL DESCRIBE (/sparql), each with the same number"
                            + " of connections for the same time after a warm-up. It prints requests/s, p50, p99 and max"
                            + " latency, errors, the ratio resources/DESCRIBE and the cold start, with the targets of"
                            + " BENCHMARKS.md.",
                    ""})
    static final class ServeBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "30", description = "Seconds per measured run (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--cold-starts", paramLabel = "N", defaultValue = "3", description = "Cold starts measured (default: ${DEFAULT-VALUE}).")
        int coldStarts;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (seconds < 1 || coldStarts < 1) {
                throw new ErrorHandler.UserException("--seconds and --cold-starts must be at least 1");
            }
            ServeBenchmark.Options o = new ServeBenchmark.Options(target.store, target.registry, target.connections,
                    java.time.Duration.ofSeconds(seconds), java.time.Duration.ofSeconds(target.warmUp), target.sample, coldStarts);
            new ServeBenchmark(o, ServerFeatures.all(), spec.commandLine().getErr()).run().print(spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code regie bench replicas}: resources over 1, 2 and 3 nodes, propagation to a replica, a replica's bootstrap. */
    @Command(name = "replicas", mixinStandardHelpOptions = true,
            description = {"Benchmark several nodes on this machine: a primary and read replicas over NATS JetStream, on a built store"
                    + " (the demo's: regie demo --no-serve).",
                    "",
                    "It starts the primary (regie serve --stream) on the store and two replicas (regie replica), each a JVM as ./regie"
                            + " starts it, and times each replica from its start to its /$/ready (a bootstrap from the primary's"
                            + " snapshots). Then it fetches the sample of resources of 'regie bench serve' as JSON-LD from 1, 2 and 3"
                            + " nodes, the connections shared out over them, for the same time after a warm-up, in K interleaved"
                            + " rounds, and prints the best round of each: requests/s, the ratio to one node and what each node served. Then, on a small fixture (a primary and a replica of"
                            + " a one-row counter), N refreshes of one triple each: the delay from the commit (the entry's committed"
                            + " time) to the first answer of the replica that shows it, p50 and p99. Last, the time regie demo"
                            + " --no-serve takes to build the same store from the sources (the bootstrap's baseline). The streams it"
                            + " creates are deleted at the end, and the replicas' stores.",
                    ""})
    static final class ReplicasBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "30", description = "Seconds per measured run (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--stream", paramLabel = "NATS_URL", defaultValue = "nats://127.0.0.1:4222",
                description = "The NATS server with JetStream the nodes use (default: ${DEFAULT-VALUE}).")
        String stream;

        @Option(names = "--refreshes", paramLabel = "N", defaultValue = "100",
                description = "Small refreshes whose propagation is timed (default: ${DEFAULT-VALUE}).")
        int refreshes;

        @Option(names = "--no-build", description = "Do not time the build from the sources (it takes about a minute).")
        boolean noBuild;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "2",
                description = "Rounds of 1, 2 and 3 nodes, interleaved; the best of each is kept (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench/replicas",
                description = "Working folder: the replicas' stores (deleted at the end) and the nodes' logs (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (seconds < 1 || refreshes < 1 || runs < 1) {
                throw new ErrorHandler.UserException("--seconds, --refreshes and --runs must be at least 1");
            }
            var o = new fr.regie.bench.ReplicasBenchmark.Options(target.store, target.registry, target.connections,
                    java.time.Duration.ofSeconds(seconds), java.time.Duration.ofSeconds(target.warmUp), target.sample, stream, dir, refreshes,
                    !noBuild, runs);
            try {
                fr.regie.bench.ReplicasReport.print(spec.commandLine().getOut(),
                        new fr.regie.bench.ReplicasBenchmark(o, spec.commandLine().getErr()).run());
            } catch (IllegalStateException e) {
                throw new ErrorHandler.UserException(e.getMessage());
            }
            return 0;
        }
    }

    /** {@code regie bench view}: the analyst queries on the store itself and on a caller's view of it. */
    @Command(name = "view", mixinStandardHelpOptions = true,
            description = {"Measure what visibility costs on a built store (the demo's: regie demo --no-serve).",
                    "",
                    "Each SELECT query of a folder runs on the store itself (TDB2's engine over its union default graph)"
                            + " and on an anonymous caller's view of it (what /sparql runs), alternately, K times after"
                            + " one warm-up run of each. It prints the median times, their ratio, and the row counts.",
                    ""})
    static final class ViewBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--queries", paramLabel = "DIR", defaultValue = "examples/queries",
                description = "The folder of .rq files (default: ${DEFAULT-VALUE}).")
        Path queries;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "5", description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (runs < 1) {
                throw new ErrorHandler.UserException("--runs must be at least 1");
            }
            try (fr.regie.store.Store s = fr.regie.store.Store.openExisting(target.store)) {
                var bench = new fr.regie.bench.ViewBenchmark(s, fr.regie.registry.Registry.read(target.registry), runs);
                fr.regie.bench.ViewBenchmark.print(spec.commandLine().getOut(), bench.run(queries, spec.commandLine().getErr()));
            }
            return 0;
        }
    }

    /** {@code regie bench jsonld}: Régie's JSON-LD writer against Titanium, on the demo's descriptions. */
    @Command(name = "jsonld", mixinStandardHelpOptions = true,
            description = {"Compare the JSON-LD writer with Titanium's compaction on a built store (the demo's: regie demo --no-serve).",
                    "",
                    "The descriptions of N sampled resources are compacted with Régie's context, inlined, by both, alternately,"
                            + " K times after a warm-up; it prints the median times, their ratio, and how many documents of"
                            + " each read back as the graph they were made from.",
                    ""})
    static final class JsonLdBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "5", description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (runs < 1) {
                throw new ErrorHandler.UserException("--runs must be at least 1");
            }
            try (fr.regie.store.Store s = fr.regie.store.Store.openExisting(target.store)) {
                var f = fr.regie.bench.JsonLdBenchmark.run(s, fr.regie.registry.Registry.read(target.registry), target.sample, runs,
                        spec.commandLine().getErr());
                fr.regie.bench.JsonLdBenchmark.print(spec.commandLine().getOut(), f);
            }
            return 0;
        }
    }

    /** {@code regie bench check}: the dry run on the demo's partners, then on a million generated rows, CSV via RML against H2. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Benchmark 'regie check' on a built store (the demo's: regie demo --no-serve).",
                    "",
                    "It checks each of the demo's partners against the store (time, heap), then generates N station rows"
                            + " (id, name, INSEE code drawn from the store's territory with former and unknown codes, capacity,"
                            + " lat, lon) under DIR, declares them twice in a copy of the registry (a CSV file mapped with RML;"
                            + " an embedded H2 table, schema.sql and the same CSV, mapped with R2RML) and checks both against"
                            + " the store. It prints times, heap, each check's own breakdown, the ratio RML-CSV / H2 (with and"
                            + " without H2's loading, also timed alone) and the targets of BENCHMARKS.md.",
                    "",
                    "Run it with the heap of the target: REGIE_JAVA_OPTS=-Xmx256m regie bench check",
                    ""})
    static final class CheckBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "DIR", defaultValue = "target/demo/store", description = "The store (default: ${DEFAULT-VALUE}).")
        Path store;

        @Option(names = "--registry", paramLabel = "FILE", defaultValue = "examples/plaine-commune/registry.ttl",
                description = "Its registry (default: ${DEFAULT-VALUE}).")
        Path registry;

        @Option(names = "--partners", paramLabel = "IDS", split = ",",
                defaultValue = "velib-stations,sncf-gares,sncf-frequentation,idfm-gares,festivals,france-services",
                description = "The partners' datasets checked first (default: ${DEFAULT-VALUE}).")
        List<String> partners;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Station rows generated (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench/check",
                description = "Working folder for the generated rows, mappings, registry and the checks' scratch (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            if (rows < 1) {
                throw new ErrorHandler.UserException("--rows must be at least 1");
            }
            if (!java.nio.file.Files.isDirectory(store)) {
                throw new ErrorHandler.UserException("no store at " + store + ": build one first (regie demo --no-serve --store " + store + ")");
            }
            var o = new fr.regie.bench.CheckBenchmark.Options(store, registry, partners, dir, rows);
            try {
                fr.regie.bench.CheckBenchReport.print(spec.commandLine().getOut(),
                        new fr.regie.bench.CheckBenchmark(o, spec.commandLine().getErr()).run());
            } catch (UncheckedIOException e) {
                throw new ErrorHandler.UserException(e.getMessage() + ": " + e.getCause().getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ErrorHandler.UserException(e.getMessage());
            }
            return 0;
        }
    }

    /** {@code regie bench load}: a mixed load on a served store, and a soak, with the server's resident memory. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Benchmark the server under a mixed load and a soak, on a built store (the demo's: regie demo --no-serve).",
                    "",
                    "It starts 'regie serve' on the store with the launcher (its memory limits) in its own process, then sends"
                            + " resources as JSON-LD, SPARQL queries and taps, interleaved, with the operator's key, from N"
                            + " connections for S seconds after a warm-up; then a soak at a share of the measured rate. It prints"
                            + " requests/s, p50, p99, errors, the server's resident memory before, at its peak, after, and along"
                            + " the soak, with the targets of BENCHMARKS.md.",
                    ""})
    static final class LoadBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "Seconds of mixed load (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--soak-minutes", paramLabel = "M", defaultValue = "10", description = "Minutes of soak (default: ${DEFAULT-VALUE}).")
        int soakMinutes;

        @Option(names = "--soak-share", paramLabel = "X", defaultValue = "0.1",
                description = "The soak's rate as a share of the measured one (default: ${DEFAULT-VALUE}).")
        double soakShare;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (seconds < 1 || soakMinutes < 0 || soakShare <= 0 || soakShare > 1) {
                throw new ErrorHandler.UserException("--seconds must be at least 1, --soak-minutes at least 0, --soak-share in (0, 1]");
            }
            var o = new fr.regie.bench.LoadBenchmark.Options(target.store, target.registry, target.connections,
                    java.time.Duration.ofSeconds(seconds), java.time.Duration.ofSeconds(target.warmUp),
                    java.time.Duration.ofMinutes(soakMinutes), soakShare, target.sample);
            fr.regie.bench.LoadReport.print(spec.commandLine().getOut(),
                    new fr.regie.bench.LoadBenchmark(o, spec.commandLine().getErr()).run());
            return 0;
        }
    }

    /** {@code regie bench iris}: placing stations in their IRIS beside placing them in their commune. */
    @Command(name = "iris", mixinStandardHelpOptions = true,
            description = {"Time the placement of points in IRIS against their placement in communes, on a built store (the demo's:"
                    + " regie demo --no-serve).",
                    "",
                    "It reads the territory index (IRIS contours and 2018 commune boundaries) and the points of the datasets' records,"
                            + " then places every point in its IRIS and in its commune (boundary, then the COG history), alternately,"
                            + " K times after a warm-up. It prints the best and median times, per point, and the ratio IRIS / commune.",
                    ""})
    static final class IrisBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "DIR", defaultValue = "target/demo/store", description = "The store (default: ${DEFAULT-VALUE}).")
        Path store;

        @Option(names = "--registry", paramLabel = "FILE", defaultValue = "examples/plaine-commune/registry.ttl",
                description = "Its registry (default: ${DEFAULT-VALUE}).")
        Path registry;

        @Option(names = "--datasets", paramLabel = "IDS", split = ",", defaultValue = "idfm-gares,velib-stations",
                description = "The datasets whose points are placed (default: ${DEFAULT-VALUE}).")
        List<String> datasets;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "20", description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() {
            if (runs < 1 || runs > 10_000) {
                throw new ErrorHandler.UserException("--runs must be between 1 and 10000");
            }
            if (!java.nio.file.Files.isDirectory(store)) {
                throw new ErrorHandler.UserException("no store at " + store + ": build one first (regie demo --no-serve --store " + store + ")");
            }
            try (fr.regie.store.Store s = fr.regie.store.Store.openExisting(store)) {
                var f = fr.regie.bench.IrisBenchmark.run(s, fr.regie.registry.Registry.read(registry), datasets, runs,
                        spec.commandLine().getErr());
                fr.regie.bench.IrisBenchmark.print(spec.commandLine().getOut(), f);
            } catch (IllegalStateException e) {
                throw new ErrorHandler.UserException(e.getMessage());
            }
            return 0;
        }
    }
}
