package fr.regie.replication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Outbox;
import fr.regie.store.OutboxEntry;
import fr.regie.store.Store;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * Carries a primary's commits from the store's outbox ({@link Outbox}) to the replication log, on
 * a thread of its own: the registry bundle first (at start and after each reload, before any entry
 * published after it), then each dataset's entries in order, each filled with its version's patch
 * from the change log (or said {@link Entry.Data#SNAPSHOT} when the message would be too large),
 * and removed from the outbox once the log has acknowledged it. Entries are published again after
 * a failure with the same id, so the log keeps each once. It is woken after a commit
 * ({@link #wake}) and looks at the outbox every 200 ms anyway; a log that cannot be reached is
 * tried again with a capped backoff (100 ms to 5 s), forever, and never holds a refresh back: the
 * outbox waits. Starting it {@linkplain Outbox#enable enables} the store's outbox and removes
 * entries whose transaction never committed. The log engine stays the caller's to close.
 */
public final class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle publisher checks that the log still answers (for {@link Status#connected}). */
    static final Duration PROBE = Duration.ofSeconds(5);
    /**
     * How often the registry is published again though unchanged: the log forgets messages after
     * its maximum age (7 days by default), and a replica that starts then still needs the registry.
     */
    static final Duration REPUBLISH = Duration.ofHours(24);
    /** Room left in a message for its headers and the log's framing. */
    static final long MARGIN = 16 * 1024;
    /** The largest change-log patch read to be carried (compressed, it must still fit in one message). */
    static final long MAX_PATCH = 64L << 20;
    /** The largest part of an outbox entry read back (its meta patch: one run's record). */
    private static final long MAX_ENTRY_PART = 64L << 20;
    private static final Duration JOIN = Duration.ofSeconds(5);
    /** The header of an entry naming the SHA-256 of the registry bundle it was published under (replicas apply it only under that one). */
    public static final String REGISTRY = "Regie-Registry";

    /** The last entry of a dataset the log acknowledged: its version and position, and when. */
    public record Published(long version, long position, Instant at) {}

    /**
     * What the publisher has done: the stream, whether the log answered last time it was asked,
     * entries waiting in the outbox, the last error (empty once a pass succeeds), and per dataset
     * the last entry published since the start.
     */
    public record Status(String stream, boolean connected, int pending, Optional<String> lastError, Map<String, Published> datasets) {}

    private final Store store;
    private final GraphNames graphs;
    private final Outbox outbox;
    private final LogEngine log;
    private final String storeId;
    private final AtomicReference<Registry> registryToPublish;
    private final Signature signature;
    /** The SHA-256 of the registry bundle last published: what each entry names. */
    private volatile String registrySha = "";
    /** The registry served now (what a republish sends), and when it was last published. */
    private volatile Registry registry;
    private volatile long registryPublishedAt = System.nanoTime();
    private final Map<String, Published> published = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final Thread thread;
    private boolean woken;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile int pending;
    private volatile String lastError;

    private Publisher(Store store, Registry registry, LogEngine log, Signature signature) throws IOException {
        this.signature = signature;
        this.store = store;
        this.graphs = new GraphNames(registry.territory().baseIri());
        this.outbox = new Outbox(store.layout());
        this.log = log;
        this.storeId = store.layout().identity();
        this.registryToPublish = new AtomicReference<>(registry);
        this.registry = registry;
        this.thread = new Thread(this::run, "regie-publisher");
        thread.setDaemon(true);
    }

    /**
     * Enables the store's outbox, removes the entries of transactions that never committed, and
     * starts publishing (the registry first), each message signed with {@code signature}. Call it
     * before any refresh of the store runs.
     */
    public static Publisher start(Store store, Registry registry, LogEngine log, Signature signature) throws IOException {
        Publisher p = new Publisher(store, registry, log, signature);
        p.outbox.enable();
        List<Path> removed = p.outbox.recover(store.dataset(), p.graphs);
        if (!removed.isEmpty()) {
            LOG.warn("replication: removed outbox entries written by transactions that never committed: {}", removed);
        }
        p.pending = p.outbox.pending();
        LOG.info("replication: publishing {} to stream {} ({} entries waiting)", p.storeId, log.name(), p.pending);
        p.thread.start();
        return p;
    }

    /** The registry was read again: its bundle is published before any entry published from now on. */
    public void registryChanged(Registry registry) {
        this.registry = registry;
        registryToPublish.set(registry);
        wake();
    }

    /** Something was committed: look at the outbox now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    public Status status() {
        return new Status(log.name(), connected, pending, Optional.ofNullable(lastError), new TreeMap<>(published));
    }

    /** Stops publishing, waiting up to a few seconds for a publish under way; what is left stays in the outbox. */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(JOIN.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(JOIN.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        long lastProbe = System.nanoTime();
        int failures = 0;
        while (!closed) {
            try {
                boolean published = pass();
                if (!published && System.nanoTime() - lastProbe > PROBE.toNanos()) {
                    log.range();
                    lastProbe = System.nanoTime();
                }
                if (failures > 0) {
                    LOG.info("replication: the log answers again after {} failed attempt(s)", failures);
                }
                connected = true;
                lastError = null;
                failures = 0;
                backoff = FIRST_BACKOFF;
                if (!published) {
                    idle(POLL);
                }
            } catch (LogException | IOException | RuntimeException e) {
                if (e instanceof LogException) {
                    connected = false;
                }
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                // Said when it starts, then about once a minute while it lasts.
                if (failures == 0 || !why.equals(lastError) || failures % Math.max(1, (int) (60_000 / MAX_BACKOFF.toMillis())) == 0) {
                    LOG.warn("replication: {} ({} entries waiting); trying again in {} ms", why, pending, backoff.toMillis());
                }
                lastError = why;
                failures++;
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Publishes what waits; says whether anything was published. */
    private boolean pass() throws LogException, IOException {
        boolean any = false;
        try {
            any = publishRegistry();
            for (String dataset : outbox.datasets()) {
                any |= publish(dataset);
                if (closed) {
                    break;
                }
            }
        } finally {
            pending = outbox.pending();
        }
        return any;
    }

    private boolean publishRegistry() throws LogException, IOException {
        if (System.nanoTime() - registryPublishedAt > REPUBLISH.toNanos()) {
            registryToPublish.compareAndSet(null, registry);
        }
        Registry r = registryToPublish.get();
        if (r == null) {
            return false;
        }
        RegistryBundle bundle = RegistryBundle.pack(r);
        long position = log.publish(signature.sign(bundle.message(log, storeId)));
        connected = true;
        registrySha = bundle.sha256();
        registryToPublish.compareAndSet(r, null);
        registryPublishedAt = System.nanoTime();
        LOG.info("replication: registry {} published at position {}", bundle.sha256(), position);
        return true;
    }

    /** Publishes a dataset's entries in order; stops at one whose transaction has not committed yet. */
    private boolean publish(String dataset) throws LogException, IOException {
        List<Outbox.Item> items = outbox.list(dataset);
        boolean any = false;
        for (int i = 0; i < items.size() && !closed; i++) {
            Outbox.Item item = items.get(i);
            OutboxEntry entry;
            try {
                entry = outbox.read(item, MAX_ENTRY_PART);
            } catch (NoSuchFileException gone) {
                continue;
            } catch (OutboxEntry.Corrupt e) {
                // Written whole and synced, so a disk fault: its replicas see the gap and take a snapshot.
                LOG.error("replication: outbox entry {} cannot be read ({}): removed", item.file(), e.getMessage());
                outbox.remove(item);
                continue;
            }
            if (!Outbox.committed(store.dataset(), graphs, dataset, entry.run())) {
                if (i == items.size() - 1) {
                    return any; // its transaction is committing now
                }
                // A later commit of the dataset is in: this one's transaction failed.
                LOG.warn("replication: outbox entry {} names run {}, which never committed: removed", item.file(), entry.run());
                outbox.remove(item);
                continue;
            }
            publishRegistry();
            Entry e = fill(Entry.of(entry));
            long position = log.publish(stamp(e.message(log), registrySha, signature));
            connected = true;
            outbox.remove(item);
            published.put(dataset, new Published(e.version(), position, Instant.now()));
            any = true;
        }
        return any;
    }

    /** An entry's message as the primary publishes it: naming the registry it was published under, signed. */
    public static LogMessage stamp(LogMessage entry, String registrySha, Signature signature) {
        Map<String, String> h = new java.util.HashMap<>(entry.headers());
        h.put(REGISTRY, registrySha);
        return signature.sign(LogMessage.of(entry.subject(), entry.id(), h, entry.body()));
    }

    /** The entry as the log carries it: a version's patch from the change log, or SNAPSHOT when it would not fit. */
    private Entry fill(Entry e) throws IOException {
        long room = log.maxBody() - MARGIN;
        Entry full = e;
        if (e.data() == Entry.Data.PATCH) {
            byte[] patch = changeLogPatch(e.dataset(), e.version());
            full = patch == null ? e.withData(Entry.Data.SNAPSHOT, null) : e.withData(Entry.Data.PATCH, patch);
        }
        if (full.body().length <= room) {
            return full;
        }
        Entry snapshot = e.withData(Entry.Data.SNAPSHOT, null);
        if (snapshot.body().length <= room) {
            return snapshot;
        }
        // Even the run's record does not fit: the snapshot carries the metadata graph too.
        return new Entry(e.store(), e.dataset(), e.version(), e.run(), e.prev(), e.committed(), Entry.Data.SNAPSHOT, null, null);
    }

    /** A version's patch, or null when the change log no longer has it or it is too large to carry. */
    private byte[] changeLogPatch(String dataset, long version) throws IOException {
        try (InputStream in = store.layout().changeLog(dataset).open(version)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > MAX_PATCH) {
                    return null;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Waits until woken, closed, or {@code d} has passed. */
    private void idle(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (signal) {
            try {
                for (long left = d.toMillis(); !woken && !closed && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                    signal.wait(left);
                }
            } catch (InterruptedException e) {
                closed = true;
            }
            woken = false;
        }
    }

    /** Waits {@code d} (a backoff: a commit does not cut it short), or until closed. */
    private void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (signal) {
            try {
                for (long left = d.toMillis(); !closed && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                    signal.wait(left);
                }
            } catch (InterruptedException e) {
                closed = true;
            }
        }
    }
}
