package fr.regie.pipeline;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import fr.regie.registry.Cron;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;

/**
 * Runs each dataset's refresh on its schedule ({@code regie:schedule}, cron, in the territory's
 * time zone). Never two refreshes of the same dataset at once: a run still going when the next
 * one is due is skipped (and logged). Keeps, per dataset, the last result and the next run.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** What the scheduler knows of a dataset now. */
    public record Entry(String dataset, Optional<String> schedule, Optional<ZonedDateTime> nextRun, boolean running,
                        Optional<RefreshResult> lastResult) {}

    private volatile Registry registry;
    /** Bumped by each {@link #reload}: runs planned under an older registry are dropped when due. */
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    private final Refresher refresher;
    private final ZoneId zone;
    private final ScheduledExecutorService pool;
    private final Map<String, ZonedDateTime> next = new ConcurrentHashMap<>();
    private final Map<String, RefreshResult> last = new ConcurrentHashMap<>();

    public Scheduler(Registry registry, Refresher refresher, ZoneId zone, int threads) {
        this.registry = registry;
        this.refresher = refresher;
        this.zone = zone;
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "regie-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules every dataset that has a schedule. */
    public void start() {
        int g = generation.get();
        for (DatasetSpec spec : registry.datasets()) {
            spec.cron().ifPresent(c -> plan(spec, Cron.parse(c), g));
        }
    }

    /**
     * Takes a registry read again (the server's {@code /admin/reload}): datasets added or given a
     * schedule are planned, removed ones and those whose schedule went away are no longer run,
     * changed schedules take effect; a refresh running now ends normally.
     */
    public synchronized void reload(Registry newRegistry) {
        int g = generation.incrementAndGet();
        registry = newRegistry;
        next.keySet().removeIf(id -> newRegistry.dataset(id).flatMap(DatasetSpec::cron).isEmpty());
        for (DatasetSpec spec : newRegistry.datasets()) {
            spec.cron().ifPresent(c -> plan(spec, Cron.parse(c), g));
        }
    }

    private void plan(DatasetSpec spec, Cron cron, int g) {
        ZonedDateTime at = cron.next(ZonedDateTime.now(zone));
        next.put(spec.id(), at);
        long delay = Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
        LOG.info("{}: next refresh at {}", spec.id(), at);
        pool.schedule(() -> {
            if (generation.get() != g) {
                return; // planned under a registry since reloaded: the reload planned it anew
            }
            try {
                runNow(spec);
            } finally {
                plan(spec, cron, g);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Runs a refresh now, unless one of the dataset is already running; returns its result. */
    public Optional<RefreshResult> runNow(DatasetSpec spec) {
        Optional<RefreshResult> r;
        try {
            r = refresher.refresh(spec);
        } catch (RuntimeException e) {
            LOG.error("{}: refresh crashed: {}", spec.id(), e.toString(), e);
            return Optional.empty();
        }
        if (r.isEmpty()) {
            LOG.warn("{}: a refresh is still running; this one is skipped", spec.id());
            return r;
        }
        last.put(spec.id(), r.get());
        LOG.info("refresh {}", r.get().line());
        return r;
    }

    /** The state of every dataset, in registry order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (DatasetSpec spec : registry.datasets()) {
            out.add(new Entry(spec.id(), spec.cron(), Optional.ofNullable(next.get(spec.id())), refresher.running(spec.id()),
                    Optional.ofNullable(last.get(spec.id()))));
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
