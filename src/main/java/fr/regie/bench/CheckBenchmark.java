package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import fr.regie.pipeline.Check;
import fr.regie.pipeline.CheckReport;
import fr.regie.pipeline.CheckRequest;
import fr.regie.pipeline.Sources;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.Store;

/**
 * {@code regie bench check}: the dry run of a refresh, timed and its heap measured, on the demo's
 * partners against the demo's store, then on {@code rows} generated stations ({@link
 * CheckBenchData}) read as a CSV file mapped with RML and as an embedded H2 table mapped with
 * R2RML, against the same store. The H2 table's loading is also timed alone, so that the ratio
 * can be given with and without it. Each check runs in this process, as {@code regie check} does.
 */
public final class CheckBenchmark {
    /** What to run: the store and its registry, the partners checked (the demo's), the folder the files go in, the rows generated. */
    public record Options(Path store, Path registry, List<String> partners, Path dir, long rows) {
        public Options {
            partners = List.copyOf(partners);
        }
    }

    /** One check measured: what was checked, what it read and made, its time and heap, and its report's own breakdown. */
    public record Run(String label, long rows, long triples, Duration took, long peakHeapBytes, long afterGcHeapBytes, boolean ok,
                      String summary, String steps) {}

    /** Everything measured; {@code h2Load} is the H2 table's loading alone (the H2 check loads it again). */
    public record Figures(List<Run> partners, Run rml, Run h2, Duration h2Load, Duration generation, long rows, int todayCodes,
                          int formerCodes) {}

    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final Options options;
    private final PrintWriter log;

    public CheckBenchmark(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public Figures run() {
        Path work = options.dir().resolve("work");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work, e);
        }
        try (Store store = Store.openExisting(options.store())) {
            Registry demo = Registry.read(options.registry());
            List<Run> partners = new ArrayList<>();
            for (String id : options.partners()) {
                DatasetSpec spec = demo.dataset(id).orElseThrow(() -> new IllegalArgumentException("no dataset '" + id + "' in " + options.registry()));
                partners.add(check(demo, store, spec, work, id));
            }
            say("generating " + options.rows() + " station rows");
            long t0 = System.nanoTime();
            CheckBenchData data = CheckBenchData.write(options.dir(), options.registry(), store, options.rows());
            Duration generation = Duration.ofNanos(System.nanoTime() - t0);
            Registry reg = Registry.read(data.registry());
            DatasetSpec rmlSpec = reg.dataset(CheckBenchData.RML_DATASET).orElseThrow();
            DatasetSpec h2Spec = reg.dataset(CheckBenchData.H2_DATASET).orElseThrow();
            Run rml = check(reg, store, rmlSpec, work, "CSV via RML");
            Duration load = h2Load(h2Spec, options.dir().resolve("h2-load"));
            Run h2 = check(reg, store, h2Spec, work, "H2 via R2RML");
            return new Figures(partners, rml, h2, load, generation, options.rows(), data.codes(), data.formerCodes());
        }
    }

    private Run check(Registry reg, Store store, DatasetSpec spec, Path work, String label) {
        say("checking " + spec.id());
        CheckRequest request = new CheckRequest(spec, Optional.empty(), Optional.empty(), OptionalLong.empty(), false, TIMEOUT);
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            CheckReport r = new Check(reg, store, work).run(request);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            String summary = r.errors().isEmpty() ? "ok" : String.join("; ", r.errors());
            return new Run(label, r.rows(), r.triples(), took, heap.peakBytes(), heap.maxAfterGcBytes(), r.ok(),
                    (summary.length() > 160 ? summary.substring(0, 157) + "..." : summary)
                            + String.format(java.util.Locale.ROOT, " (placed %,d, %,d through the COG history, not placed %,d; %,d violations)",
                            r.linked(), r.linkedThroughHistory(), r.notPlaced(), r.violations()),
                    r.sourceNotes().getOrDefault("time", "") + (r.sourceNotes().containsKey("staging") ? "; staged on disk" : "; staged in memory"));
        }
    }

    /** The embedded H2 table loaded alone from its folder, as the H2 check does first. */
    private Duration h2Load(DatasetSpec spec, Path dir) {
        say("loading the H2 table alone");
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            Sources.rebuildEmbedded(spec.source(), dir);
            return Duration.ofNanos(System.nanoTime() - t0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H2 table in " + dir, e);
        } finally {
            Store.deleteTree(dir);
        }
    }

    private void say(String what) {
        log.println("regie bench check: " + what + "...");
        log.flush();
    }
}
