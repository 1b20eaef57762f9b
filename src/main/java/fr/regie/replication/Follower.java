package fr.regie.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.registry.RegistryException;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * Keeps a read replica's store in step with its primary by following the replication log, on
 * one thread of its own. Messages are taken in log order from the position after the last one
 * applied (kept in {@code STORE/regie/replica/cursor} after each commit). A registry message is
 * unpacked, read as a serving node reads a registry, and handed to the server
 * ({@code onRegistry}); an entry is applied in one write transaction when it follows the run the
 * replica holds, skipped when its run is already recorded, and otherwise (a gap, a corrupt entry,
 * one that does not fit, one too large for the log) replaced by the primary's snapshot of the
 * dataset. Datasets the replica never had are snapshotted first. The replica never goes back: a
 * snapshot older than what it serves is refused, and so is anything from another primary store
 * than the one it follows. When the log or the primary cannot be reached the replica goes on
 * serving what it has and tries again after a capped backoff. {@link #status()} says where it is.
 */
public final class Follower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    /** How many times the log's largest message a part of an entry may inflate to. */
    static final long MAX_INFLATION = 32;
    /** How often messages that do not verify are said in the server's log. */
    private static final Duration FORGED_EVERY = Duration.ofMinutes(1);

    /**
     * How the follower reads and retries: messages per read, how long a read waits for the first
     * one, the largest part of an entry and the largest registry bundle once inflated, the first
     * and the longest pause after a failure, and how often the primary's latest versions are
     * asked for while the replica is behind.
     */
    public record Options(int batch, Duration readWait, long maxEntryBytes, long maxRegistryBytes, Duration backoffMin,
                          Duration backoffMax, Duration surveyEvery) {
        public static Options defaults() {
            // A part of an entry is at most 32 times the log's largest message (1 MiB by default) once inflated.
            return new Options(100, Duration.ofSeconds(1), MAX_INFLATION << 20, 256L << 20, Duration.ofMillis(200), Duration.ofSeconds(10),
                    Duration.ofSeconds(1));
        }
    }

    /** What the replica is doing, as {@code /status} says it. */
    public enum State {
        FOLLOWING("following"),
        CATCHING_UP("catching up"),
        SNAPSHOT("snapshot"),
        PRIMARY_UNREACHABLE("primary unreachable"),
        LOG_UNREACHABLE("log unreachable"),
        PRIMARY_BEHIND("primary behind replica"),
        OTHER_STORE("other primary store");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * Where one dataset stands: the replica's version, the version of the primary's latest entry
     * on the log (the replica's own when the log holds none), the difference, how long the oldest
     * change not applied has waited (0 once the primary's latest run is applied), and whether the
     * replica has a copy of it at all (a snapshot or an entry applied, now or before a restart).
     */
    public record DatasetStatus(String dataset, long version, long primaryVersion, long lagVersions, double lagSeconds, boolean bootstrapped) {}

    /** The follower's state for {@code /status}, readiness and metrics. */
    public record Status(State state, String primary, String stream, boolean registryKnown, long position, List<DatasetStatus> datasets,
                         Optional<String> lastError, Optional<Instant> lastErrorAt, long forgedMessages) {
        /** The datasets not bootstrapped, or behind by more than these bounds: what readiness names. */
        public List<String> behind(long maxVersions, Duration maxLag) {
            double seconds = maxLag.toMillis() / 1000.0;
            return datasets.stream().filter(d -> !d.bootstrapped() || d.lagVersions() > maxVersions || d.lagSeconds() > seconds)
                    .map(DatasetStatus::dataset).toList();
        }
    }

    /** What keeps a dataset's snapshot from being taken. */
    private enum Problem { UNREACHABLE, BEHIND, OTHER_STORE }

    /** One dataset as the follower tracks it. Written by the follower's thread, read by status requests. */
    private static final class Track {
        volatile long version;
        volatile String lastRun = "";
        volatile boolean bootstrapped;
        /** The primary's latest entry on the log: position, version, run, commit time (position 0: none known). */
        volatile long primaryPosition;
        volatile long primaryVersion;
        volatile String primaryRun = "";
        volatile Instant primaryCommitted;
        /** Whether the log was asked for the primary's latest entry since the dataset was first named. */
        volatile boolean surveyed;
        /** Whether the replica holds the primary's latest run. */
        volatile boolean caughtUp = true;
        /** The commit time of the first entry read and not applied since the dataset was last in step. */
        volatile Instant firstMissed;
        /** Why a snapshot is needed (null: none), when to try next, how long to wait after a failure, what failed. */
        volatile String snapshotWhy;
        Instant nextTry = Instant.EPOCH;
        Duration delay = Duration.ZERO;
        volatile Problem problem;
    }

    private final Store store;
    private final LogEngine log;
    private final SnapshotSource snapshots;
    private final Options options;
    private final Signature signature;
    private final ReplicaFiles files;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();
    private final Object wake = new Object();

    private volatile Registry registry;
    private volatile GraphNames graphs;
    private volatile String registrySha = "";
    private volatile String followed;
    private volatile long cursor = -1;
    private volatile boolean logDown;
    private volatile boolean snapshotting;
    private volatile boolean behindLog;
    private volatile String otherStore;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile boolean closed;
    private Consumer<Registry> onRegistry = r -> {};
    private Thread thread;
    private Instant nextSurvey = Instant.EPOCH;
    /** Messages dropped because they do not carry the primary's signature, and when that was last said. */
    private final java.util.concurrent.atomic.AtomicLong forged = new java.util.concurrent.atomic.AtomicLong();
    private volatile Instant forgedSaid = Instant.EPOCH;
    /** Set when the registry an entry names could not be had from the primary: the entry waits, and the replica is behind. */
    private volatile boolean registryWaits;
    /** Set when the log turned out to be a new one: the primary itself is asked where each dataset is. */
    private boolean resurvey;
    /** Set when the log may hold what was never read (positions skipped): the next survey asks for everything. */
    private boolean surveyAll = true;

    /**
     * A follower of {@code log} for the replica {@code store}, taking snapshots from
     * {@code snapshots}, reading only messages {@code signature} verifies (the key comes from the
     * replica's own admin key, never from the log).
     */
    public Follower(Store store, LogEngine log, SnapshotSource snapshots, Options options, Signature signature) {
        this.store = store;
        this.signature = signature;
        this.log = log;
        this.snapshots = snapshots;
        this.options = options;
        this.files = new ReplicaFiles(store.layout().replica());
    }

    /**
     * The registry to serve, waiting up to {@code max} for it: the one kept from the last run, else
     * the last registry message on the log (a new replica first notes where the log ends: it
     * follows from there). Empty when the log has none yet, or cannot be reached, within {@code max};
     * {@link #status()} then says why.
     */
    public Optional<Registry> awaitRegistry(Duration max) {
        Instant deadline = Instant.now().plus(max);
        Duration pause = options.backoffMin();
        while (!closed) {
            try {
                Optional<Registry> r = bootstrap();
                if (r.isPresent()) {
                    return r;
                }
            } catch (LogException e) {
                // Said before the state changes: whoever sees "log unreachable" finds why.
                error("the log cannot be read: " + e.getMessage());
                logDown = true;
            } catch (IOException e) {
                error("the replica's files cannot be read or written: " + e.getMessage());
            }
            if (Instant.now().plus(pause).isAfter(deadline)) {
                return Optional.empty();
            }
            pause(pause);
            pause = next(pause);
        }
        return Optional.empty();
    }

    private Optional<Registry> bootstrap() throws LogException, IOException {
        if (registry != null) {
            return Optional.of(registry);
        }
        followed = files.followed().orElse(null);
        Optional<ReplicaFiles.Current> kept = files.current();
        if (kept.isPresent()) {
            try {
                install(Registry.readForServing(kept.get().registry()), kept.get().sha256());
            } catch (RegistryException e) {
                error("the registry kept in " + kept.get().registry() + " does not read (" + e.getMessage() + "): taking the log's");
            }
        }
        Optional<Long> c = files.cursor();
        if (c.isEmpty()) {
            // Read before any snapshot: whatever is published from now on is followed, nothing is missed.
            long end = log.range().last();
            files.cursor(end);
            c = Optional.of(end);
        }
        cursor = c.get();
        if (registry == null) {
            Optional<LogMessage> m = log.last(log.registrySubject());
            logDown = false;
            if (m.isPresent() && verified(m.get())) {
                registryMessage(m.get());
            }
        }
        if (registry == null) {
            // The log's last registry message is missing or not the primary's: ask the primary.
            fetchRegistry(null);
        }
        return Optional.ofNullable(registry);
    }

    /** The registry served now, once known. */
    public Optional<Registry> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * Starts following, once the registry is known ({@link #awaitRegistry}); each registry read
     * from the log afterwards goes to {@code onRegistry} (the server's reload), which may refuse
     * it by throwing: the replica then keeps the one it serves.
     */
    public synchronized void start(Consumer<Registry> onRegistry) {
        if (registry == null) {
            throw new IllegalStateException("the registry is not known yet: await it first");
        }
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        this.onRegistry = onRegistry;
        thread = Thread.ofPlatform().daemon().name("regie-replica-follower").start(this::run);
    }

    private void run() {
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            error("cannot check the replica's store: " + e);
            LOG.error("replica: cannot check the store", e);
        }
        Duration pause = options.backoffMin();
        while (!closed) {
            try {
                snapshotsDue();
                checkRange();
                if (!Instant.now().isBefore(nextSurvey)) {
                    survey();
                }
                List<LogMessage> batch = log.read(cursor + 1, options.batch(), options.readWait());
                logDown = false;
                if (!batch.isEmpty() && batch.get(0).position() > cursor + 1) {
                    // Positions the log no longer holds: what they carried is looked for again.
                    nextSurvey = Instant.EPOCH;
                    surveyAll = true;
                }
                boolean waiting = false;
                for (LogMessage m : batch) {
                    if (closed) {
                        break;
                    }
                    if (!handle(m)) {
                        waiting = true; // the registry it names first: this message is read again after a pause
                        break;
                    }
                    cursor = m.position();
                    files.cursor(cursor);
                }
                if (waiting) {
                    pause(pause);
                    pause = next(pause);
                    continue;
                }
                pause = options.backoffMin();
            } catch (LogException e) {
                // Said before the state changes: whoever sees "log unreachable" finds why.
                error("the log cannot be read: " + e.getMessage());
                logDown = true;
                pause(pause);
                pause = next(pause);
            } catch (IOException | RuntimeException e) {
                error("replica: " + e);
                LOG.error("replica: following failed, trying again", e);
                pause(pause);
                pause = next(pause);
            }
        }
    }

    /**
     * At start: each change log back to its committed version (a crash during an apply may have
     * left a patch ahead), downloads left behind removed, and the datasets never had marked for a snapshot.
     */
    private void recover() throws IOException {
        files.clearTmp();
        for (DatasetSpec d : registry.datasets()) {
            track(d.id());
            MetaState s = state(d.id());
            store.layout().changeLog(d.id()).truncateAfter(s.version());
            if (!s.loaded()) {
                miss(d.id(), null, "never loaded on this replica");
            }
        }
    }

    private Track track(String dataset) {
        return tracks.computeIfAbsent(dataset, id -> {
            Track t = new Track();
            MetaState s = state(id);
            t.version = s.version();
            t.lastRun = s.lastRun();
            t.bootstrapped = s.loaded();
            t.primaryVersion = s.version();
            return t;
        });
    }

    private MetaState state(String dataset) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> MetaState.of(dsg, graphs, dataset));
    }

    /**
     * Takes one message; false when it must wait (the registry it was published under cannot be
     * had yet): it is read again later. A message the primary did not sign is dropped unread.
     */
    private boolean handle(LogMessage m) throws IOException {
        if (!verified(m)) {
            return true;
        }
        if (m.subject().equals(log.registrySubject())) {
            registryMessage(m);
            return true;
        }
        String prefix = log.datasetSubject("");
        if (!m.subject().startsWith(prefix)) {
            return true;
        }
        String id = m.subject().substring(prefix.length());
        String under = Optional.ofNullable(m.header(Publisher.REGISTRY)).orElse("");
        if (!under.isEmpty() && !under.equals(registrySha)) {
            // Never data under another registry than the one it was published under (its access levels).
            Track waiting = registry.dataset(id).isPresent() ? track(id) : null;
            if (waiting != null) {
                noteLatest(waiting, m);
                waiting.caughtUp = false;
                Instant c = committedOf(m);
                if (c != null && (waiting.firstMissed == null || c.isBefore(waiting.firstMissed))) {
                    waiting.firstMissed = c;
                }
            }
            if (!fetchRegistry(under)) {
                registryWaits = true;
                return false;
            }
        }
        registryWaits = false;
        if (registry.dataset(id).isEmpty()) {
            return true; // not served here (the registry that names it comes first on the log)
        }
        Track t = track(id);
        Instant committed = noteLatest(t, m);
        if (under.isEmpty()) {
            miss(id, committed, "the entry at position " + m.position() + " names no registry (" + Publisher.REGISTRY + ")");
            trySnapshot(id);
            return true;
        }
        if (!under.equals(registrySha)) {
            // The primary has moved on to another registry since: its snapshot is taken under the one it serves now.
            miss(id, committed, "the entry at position " + m.position() + " was published under registry " + under
                    + ", the primary now serves " + registrySha);
            trySnapshot(id);
            return true;
        }
        Entry e;
        try {
            e = Entry.read(m.body(), Math.min(options.maxEntryBytes(), MAX_INFLATION * log.maxBody()));
            if (!e.dataset().equals(id)) {
                throw new Entry.Corrupt("an entry of " + e.dataset() + " on the subject of " + id);
            }
        } catch (Entry.Corrupt c) {
            miss(id, committed, "the entry at position " + m.position() + " cannot be read: " + c.getMessage());
            trySnapshot(id);
            return true;
        }
        if (!accepts(e.store(), "entry " + e.id())) {
            return true;
        }
        EntryApply.Outcome o = EntryApply.apply(store, graphs, e);
        switch (o.result()) {
            case APPLIED -> {
                t.version = e.version();
                t.lastRun = e.run();
                inStep(id, t);
            }
            case KNOWN -> settle(id, t);
            case SNAPSHOT -> {
                miss(id, e.committed(), o.why());
                trySnapshot(id);
            }
        }
        return true;
    }

    /** Whether the message carries the primary's signature; one that does not is counted, and said at most once a minute. */
    private boolean verified(LogMessage m) {
        if (signature.verifies(m)) {
            return true;
        }
        long n = forged.incrementAndGet();
        Instant now = Instant.now();
        lastError = "the message at position " + m.position() + " on " + m.subject() + " is not signed by the primary (ignored; " + n + " such so far)";
        lastErrorAt = now;
        if (now.isAfter(forgedSaid.plus(FORGED_EVERY))) {
            forgedSaid = now;
            LOG.warn("replica: message at position {} on {} is not signed by the primary (ignored; {} such so far)", m.position(), m.subject(), n);
        }
        return false;
    }

    private static Instant committedOf(LogMessage m) {
        try {
            String c = m.header(Entry.COMMITTED);
            return c == null ? null : Instant.parse(c);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Gets the registry the primary serves now from its registry endpoint and installs it;
     * {@code wanted} (when not null) is the SHA-256 an entry names. False when the primary cannot
     * be reached or refuses: the replica keeps the registry it serves.
     */
    private boolean fetchRegistry(String wanted) throws IOException {
        SnapshotSource.RegistryDownload d;
        try {
            d = snapshots.registry();
        } catch (IOException e) {
            error("the registry " + (wanted == null ? "" : wanted + " ") + "cannot be had from the primary (" + e.getMessage()
                    + "): waiting, the data stays under the registry served");
            return false;
        }
        if (d.bundle().sha256().equals(registrySha)) {
            return true;
        }
        if (!accepts(d.store(), "the primary's registry", true)) {
            return false;
        }
        return installBundle(d.bundle(), "the primary's registry " + d.bundle().sha256());
    }

    /** Notes a message of a dataset as the primary's latest when it is; returns its commit time (or null). */
    private Instant noteLatest(Track t, LogMessage m) {
        // A message without a readable time: the entry itself is read next, and judged there.
        Instant committed = committedOf(m);
        if (m.position() > t.primaryPosition) {
            t.primaryPosition = m.position();
            t.primaryRun = Optional.ofNullable(m.header(Entry.RUN)).orElse("");
            t.primaryCommitted = committed;
            try {
                t.primaryVersion = Long.parseLong(Optional.ofNullable(m.header(Entry.VERSION)).orElse("-1"));
            } catch (NumberFormatException e) {
                t.primaryVersion = -1;
            }
        }
        return committed;
    }

    /** Whether a message of primary store {@code store} may be applied: the one followed (adopted if none yet). */
    private boolean accepts(String storeId, String what) throws IOException {
        return accepts(storeId, what, true);
    }

    /**
     * Whether something of primary store {@code storeId} may be taken; when no store is followed
     * yet it is adopted only if {@code adopt} (a signed message, the primary's registry endpoint).
     */
    private boolean accepts(String storeId, String what, boolean adopt) throws IOException {
        if (storeId == null || storeId.isBlank()) {
            error(what + " names no primary store (refused)");
            return false;
        }
        if (followed == null && !adopt) {
            error(what + " comes before the primary store is known (refused)");
            return false;
        }
        if (followed == null) {
            files.followed(storeId);
            followed = storeId;
        }
        if (followed.equals(storeId)) {
            otherStore = null;
            return true;
        }
        otherStore = storeId;
        error(what + " comes from primary store " + storeId + "; this replica follows " + followed + " (refused)");
        return false;
    }

    private void registryMessage(LogMessage m) throws IOException {
        String from = Optional.ofNullable(m.header(Entry.STORE)).orElse("");
        RegistryBundle bundle = RegistryBundle.of(m);
        if (bundle.sha256().equals(registrySha) || !accepts(from, "the registry at position " + m.position())) {
            return;
        }
        installBundle(bundle, "the registry at position " + m.position());
    }

    /** Unpacks, reads and serves a registry bundle; false (and the one in use stays) when it cannot be. */
    private boolean installBundle(RegistryBundle bundle, String what) throws IOException {
        Path dir = files.registries().resolve(bundle.sha256());
        Store.deleteTree(dir);
        Registry r;
        try {
            Path file = bundle.unpack(dir, options.maxRegistryBytes());
            r = Registry.readForServing(file);
            if (graphs != null && !new GraphNames(r.territory().baseIri()).equals(graphs)) {
                throw new IllegalArgumentException("its base IRI " + r.territory().baseIri() + " is not " + graphs.base()
                        + " (restart the replica on a new store)");
            }
            if (registry != null) {
                onRegistry.accept(r);
            }
        } catch (RegistryBundle.Corrupt | RegistryException | IllegalArgumentException e) {
            Store.deleteTree(dir);
            error(what + " is not served, the one in use stays: " + e.getMessage());
            return false;
        }
        String previous = registrySha;
        install(r, bundle.sha256());
        files.current(new ReplicaFiles.Current(bundle.sha256(), r.file()), previous);
        LOG.info("replica: serving the registry {} ({} datasets)", bundle.sha256().substring(0, 12), r.datasets().size());
        if (thread != null) {
            for (DatasetSpec d : r.datasets()) {
                if (!track(d.id()).bootstrapped && track(d.id()).snapshotWhy == null) {
                    miss(d.id(), null, "never loaded on this replica");
                }
            }
            nextSurvey = Instant.EPOCH;
        }
        return true;
    }

    private void install(Registry r, String sha) {
        graphs = new GraphNames(r.territory().baseIri());
        registry = r;
        registrySha = sha;
        tracks.keySet().retainAll(r.datasets().stream().map(DatasetSpec::id).toList());
    }

    /**
     * Asks the log for the latest message of each dataset and of the registry: at start, after a
     * registry change or a jump in positions, and every {@code surveyEvery} while the log holds
     * more than has been read (otherwise what was read is the latest). An entry at or before the
     * cursor whose run is not here was read and lost (a restart while its snapshot was due): the
     * snapshot is due again. A registry there that is not the one served is applied.
     */
    private void survey() throws LogException, IOException {
        nextSurvey = Instant.now().plus(options.surveyEvery());
        long end = log.range().last();
        behindLog = end > cursor;
        boolean first = registry.datasets().stream().anyMatch(d -> !track(d.id()).surveyed);
        if (!behindLog && !first && !surveyAll) {
            return;
        }
        surveyAll = false;
        if (resurvey) {
            try {
                resurveyPrimary();
            } catch (IOException e) {
                error("the primary cannot be asked where its datasets are (" + e.getMessage() + "): trying again");
            }
        }
        for (DatasetSpec d : registry.datasets()) {
            Track t = track(d.id());
            Optional<LogMessage> last = log.last(log.datasetSubject(d.id())).filter(signature::verifies);
            t.surveyed = true;
            if (last.isEmpty()) {
                continue;
            }
            Instant committed = noteLatest(t, last.get());
            settle(d.id(), t);
            if (!t.caughtUp && last.get().position() <= cursor && t.snapshotWhy == null
                    && followed != null && followed.equals(last.get().header(Entry.STORE))) {
                miss(d.id(), committed, "the log's latest entry (position " + last.get().position() + ") is not applied here");
            }
        }
        Optional<LogMessage> reg = log.last(log.registrySubject()).filter(signature::verifies);
        if (reg.isPresent() && reg.get().position() <= cursor) {
            String sha = Optional.ofNullable(reg.get().header(RegistryBundle.SHA256)).orElse("");
            if (!sha.equals(registrySha)) {
                registryMessage(reg.get());
            }
        }
    }

    /**
     * When the log no longer holds the cursor's position (it ends before it, or starts after the
     * next one: the stream was recreated or purged under the replica), it is a new log: the cursor
     * goes to its start, what was known of the primary's positions is forgotten, and every dataset
     * and the registry are surveyed again against the primary itself.
     */
    private void checkRange() throws LogException, IOException {
        LogEngine.Range r = log.range();
        if (r.last() >= cursor && r.first() <= cursor + 1) {
            return;
        }
        long start = Math.max(0, r.first() - 1);
        LOG.warn("replica: the log holds positions {} to {}, the replica was at {}: a new log, read again from its start", r.first(), r.last(), cursor);
        error("the log was recreated or purged (positions " + r.first() + " to " + r.last() + ", the replica was at " + cursor
                + "): read again from its start, every dataset checked against the primary");
        cursor = start;
        files.cursor(start);
        for (Track t : tracks.values()) {
            t.primaryPosition = 0;
            t.surveyed = false;
        }
        surveyAll = true;
        resurvey = true;
        nextSurvey = Instant.EPOCH;
    }

    /**
     * After a new log: each dataset's run on the primary (its snapshot's HEAD) against the
     * replica's; one the replica does not hold, and that the log will not bring (its latest
     * signed entry is not that run, ahead of the cursor), is due for a snapshot. The registry too.
     */
    private void resurveyPrimary() throws IOException, LogException {
        fetchRegistry(null);
        for (DatasetSpec d : registry.datasets()) {
            Track t = track(d.id());
            SnapshotSource.Head h = snapshots.head(d.id());
            if (h.run().isEmpty() || h.run().equals(t.lastRun)) {
                continue;
            }
            DatasetGraph dsg = store.dataset();
            if (Txn.calculateRead(dsg, () -> MetaState.recorded(dsg, graphs, d.id(), h.run()))) {
                continue;
            }
            if (h.version() >= t.primaryVersion) {
                t.primaryVersion = h.version();
                t.primaryRun = h.run();
            }
            t.caughtUp = false;
            Optional<LogMessage> last = log.last(log.datasetSubject(d.id())).filter(signature::verifies);
            boolean coming = last.isPresent() && last.get().position() > cursor && h.run().equals(last.get().header(Entry.RUN));
            if (!coming && t.snapshotWhy == null) {
                miss(d.id(), null, "the primary is at run " + h.run() + " (version " + h.version() + "), which the log does not bring");
            }
        }
        resurvey = false;
    }

    /** Marks a dataset for a snapshot (due now if it was not already), and notes the first change not applied. */
    private void miss(String dataset, Instant committed, String why) {
        Track t = track(dataset);
        if (t.snapshotWhy == null) {
            t.nextTry = Instant.EPOCH;
            t.delay = Duration.ZERO;
            LOG.info("replica: {} needs the primary's snapshot: {}", dataset, why);
        }
        t.snapshotWhy = why;
        t.caughtUp = false;
        if (committed != null && (t.firstMissed == null || committed.isBefore(t.firstMissed))) {
            t.firstMissed = committed;
        }
    }

    private void snapshotsDue() throws IOException {
        for (DatasetSpec d : registry.datasets()) {
            if (closed) {
                return;
            }
            trySnapshot(d.id());
        }
    }

    /** Takes the primary's snapshot of a dataset marked for one, unless its next try is not due. */
    private void trySnapshot(String dataset) throws IOException {
        Track t = track(dataset);
        if (t.snapshotWhy == null || Instant.now().isBefore(t.nextTry)) {
            return;
        }
        try {
            SnapshotSource.Head h = snapshots.head(dataset);
            if (!h.run().isEmpty() && h.run().equals(state(dataset).lastRun()) && accepts(h.store(), "the snapshot of " + dataset, false)) {
                // The replica holds the primary's run already: nothing to take.
                t.primaryRun = h.run();
                t.primaryVersion = h.version();
                inStep(dataset, t);
                return;
            }
        } catch (IOException e) {
            failed(t, Problem.UNREACHABLE, "the snapshot of " + dataset + " cannot be asked for: " + e.getMessage());
            return;
        }
        snapshotting = true;
        try (SnapshotSource.Snapshot s = snapshots.fetch(dataset, files.tmp())) {
            if (!accepts(s.store(), "the snapshot of " + dataset, false)) {
                failed(t, Problem.OTHER_STORE, null);
                return;
            }
            MetaState now = state(dataset);
            if (s.version() < now.version()) {
                failed(t, Problem.BEHIND, "the primary's snapshot of " + dataset + " is version " + s.version() + ", older than the replica's "
                        + now.version() + " (refused: a replica never goes back)");
                return;
            }
            SnapshotLoad.load(store, graphs, dataset, s);
            t.version = s.version();
            t.lastRun = s.run();
            LOG.info("replica: {} is at version {} from the primary's snapshot", dataset, s.version());
            inStep(dataset, t);
        } catch (SnapshotLoad.Unloadable e) {
            failed(t, Problem.UNREACHABLE, e.getMessage());
        } catch (IOException e) {
            failed(t, Problem.UNREACHABLE, "the snapshot of " + dataset + " cannot be taken: " + e.getMessage());
        } finally {
            snapshotting = false;
        }
    }

    private void failed(Track t, Problem p, String message) {
        t.problem = p;
        // A primary behind, or another store, will not change in seconds: wait the longest.
        t.delay = p == Problem.UNREACHABLE ? next(t.delay.isZero() ? options.backoffMin() : t.delay) : options.backoffMax();
        t.nextTry = Instant.now().plus(t.delay);
        if (message != null) {
            error(message);
        }
    }

    /** The dataset has just been applied to or loaded: no snapshot due, nothing missed. */
    private void inStep(String dataset, Track t) {
        t.bootstrapped = true;
        t.snapshotWhy = null;
        t.problem = null;
        t.delay = Duration.ZERO;
        t.firstMissed = null;
        settle(dataset, t);
    }

    /** Whether the replica holds the primary's latest run of the dataset. */
    private void settle(String dataset, Track t) {
        String run = t.primaryRun;
        if (run.isEmpty() || run.equals(t.lastRun)) {
            t.caughtUp = t.snapshotWhy == null;
            return;
        }
        DatasetGraph dsg = store.dataset();
        t.caughtUp = t.snapshotWhy == null && Txn.calculateRead(dsg, () -> MetaState.recorded(dsg, graphs, dataset, run));
    }

    /** Where the follower is now. */
    public Status status() {
        Registry r = registry;
        List<DatasetStatus> out = new ArrayList<>();
        Instant now = Instant.now();
        if (r != null) {
            for (DatasetSpec d : r.datasets()) {
                Track t = tracks.get(d.id());
                if (t == null) {
                    out.add(new DatasetStatus(d.id(), 0, 0, 0, 0, false));
                    continue;
                }
                long primary = t.primaryVersion < 0 ? t.version : Math.max(t.primaryVersion, t.version);
                long lagVersions = t.caughtUp ? 0 : primary - t.version;
                Instant since = t.firstMissed != null ? t.firstMissed : t.primaryCommitted;
                double lagSeconds = t.caughtUp || since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
                out.add(new DatasetStatus(d.id(), t.version, primary, lagVersions, lagSeconds, t.bootstrapped));
            }
        }
        return new Status(state(), snapshots.where(), log.name(), r != null, cursor, List.copyOf(out), Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt), forged.get());
    }

    private State state() {
        if (logDown) {
            return State.LOG_UNREACHABLE;
        }
        if (otherStore != null || tracks.values().stream().anyMatch(t -> t.problem == Problem.OTHER_STORE)) {
            return State.OTHER_STORE;
        }
        if (tracks.values().stream().anyMatch(t -> t.problem == Problem.BEHIND)) {
            return State.PRIMARY_BEHIND;
        }
        if (registryWaits || tracks.values().stream().anyMatch(t -> t.problem == Problem.UNREACHABLE)) {
            return State.PRIMARY_UNREACHABLE;
        }
        if (snapshotting) {
            return State.SNAPSHOT;
        }
        Registry r = registry;
        if (r == null || behindLog) {
            return State.CATCHING_UP;
        }
        for (DatasetSpec d : r.datasets()) {
            // Until the log was asked for a dataset's latest entry, whether it is in step is not known.
            Track t = tracks.get(d.id());
            if (t == null || !t.surveyed || !t.caughtUp || !t.bootstrapped) {
                return State.CATCHING_UP;
            }
        }
        return State.FOLLOWING;
    }

    private void error(String message) {
        // The same error again (a retry) is not worth another line in the log.
        if (message.equals(lastError)) {
            LOG.debug("replica: {}", message);
        } else {
            LOG.warn("replica: {}", message);
        }
        lastError = message;
        lastErrorAt = Instant.now();
    }

    private Duration next(Duration d) {
        Duration doubled = d.multipliedBy(2);
        return doubled.compareTo(options.backoffMax()) > 0 ? options.backoffMax() : doubled.compareTo(options.backoffMin()) < 0 ? options.backoffMin() : doubled;
    }

    /** Waits, waking early when closed; never interrupts the thread (a write transaction must not be cut). */
    private void pause(Duration d) {
        synchronized (wake) {
            if (closed) {
                return;
            }
            try {
                wake.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops following: the thread ends after the message or snapshot it is applying (up to a
     * minute); the store stays open (its owner closes it).
     */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("replica: the follower is still applying after a minute; leaving it to end");
            }
        }
    }
}
